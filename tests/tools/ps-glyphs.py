#!/usr/bin/env python3
"""ps-glyphs.py JOB.ps TEXT: does the PostScript paps made draw every
character of TEXT? paps (0.6) draws each text line with one `(...)paps_exec`
string: runs of "+ X Y" followed by three-letter glyph codes, one per glyph
drawn (a space is a jump, not a glyph). For every line of TEXT in order (an
empty one draws nothing), the glyphs drawn must equal its non-blank characters; a character
with no font is skipped by paps and shows here as one glyph short.
Prints one line per mismatch; exit 0 when every line is whole."""
import re
import sys

ps = open(sys.argv[1], encoding="latin-1").read()
text = open(sys.argv[2], encoding="utf-8").read()
lines = text.split("\n")
if lines and lines[-1] == "":
    lines.pop()
execs = re.findall(r"^\((.*)\)paps_exec$", ps, re.M)
bad = 0
if len(execs) != len(lines):
    print(f"{len(lines)} lines of text, {len(execs)} drawn")
    bad = 1
for i, (line, ex) in enumerate(zip(lines, execs), 1):
    glyphs = sum(len(run) // 3 for run in re.split(r"\+\s*-?\d+\s+-?\d+", ex) if run)
    chars = sum(1 for c in line if not c.isspace())
    if glyphs != chars:
        print(f"line {i}: {chars} characters, {glyphs} drawn: {line}")
        bad = 1
sys.exit(bad)
