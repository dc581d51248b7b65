#!/usr/bin/env python3
"""ps-glyphs.py [--total] JOB.ps TEXT: does the PostScript paps made draw every
character of TEXT? paps (0.6) draws each text line with one `(...)paps_exec`
string: runs of "+ X Y" followed by three-letter glyph codes, one per glyph
drawn (a space is a jump, not a glyph). For every line of TEXT in order (an
empty one draws nothing), the glyphs drawn must equal its non-blank characters; a character
with no font is skipped by paps and shows here as one glyph short.
Prints one line per mismatch; exit 0 when every line is whole. With
--total, only the sums are compared: for a document whose lines were
wrapped on the way (a report's header lines), every character is drawn."""
import re
import sys

args = sys.argv[1:]
total = args[0] == "--total"
if total:
    args = args[1:]
ps = open(args[0], encoding="latin-1").read()
text = open(args[1], encoding="utf-8").read()
lines = text.split("\n")
if lines and lines[-1] == "":
    lines.pop()
execs = re.findall(r"^\((.*)\)paps_exec$", ps, re.M)
count = lambda ex: sum(len(run) // 3 for run in re.split(r"\+\s*-?\d+\s+-?\d+", ex) if run)
if total:
    glyphs = sum(count(ex) for ex in execs)
    chars = sum(1 for c in text if not c.isspace())
    print(f"{chars} characters, {glyphs} drawn")
    sys.exit(0 if glyphs == chars else 1)
bad = 0
if len(execs) != len(lines):
    print(f"{len(lines)} lines of text, {len(execs)} drawn")
    bad = 1
for i, (line, ex) in enumerate(zip(lines, execs), 1):
    glyphs = count(ex)
    chars = sum(1 for c in line if not c.isspace())
    if glyphs != chars:
        print(f"line {i}: {chars} characters, {glyphs} drawn: {line}")
        bad = 1
sys.exit(bad)
