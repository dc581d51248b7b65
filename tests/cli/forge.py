#!/usr/bin/env python3
"""An attacker's tool for the tests: rewrite one event of a case and
recompute every hash of its chain from there, as someone who has read
docs/store.md would (the chain is plain SHA-256). Lifts the update guard
for the rewrite and puts it back.

forge.py DB CASE SEQ [--effective YYYY-MM-DD] [--drop KEY] [--sync]

--sync also rewrites the events' original hashes in their sync records
(sync verify would otherwise see the change).
"""
import argparse
import hashlib
import sqlite3

p = argparse.ArgumentParser()
p.add_argument("db")
p.add_argument("case")
p.add_argument("seq", type=int)
p.add_argument("--effective")
p.add_argument("--drop")
p.add_argument("--sync", action="store_true")
a = p.parse_args()

db = sqlite3.connect(a.db)
db.execute("DROP TRIGGER events_no_update")
rows = db.execute("SELECT id, uuid, case_no, seq, kind, effective, recorded, operator, origin,"
                  " data, prev_hash FROM events WHERE case_no = ? ORDER BY seq", (a.case,)).fetchall()
prev = ""
for (rid, uuid, case_no, seq, kind, eff, rec, op, origin, data, prev_hash) in rows:
    if seq == a.seq:
        if a.effective:
            eff = a.effective
        if a.drop:
            data = "".join(l for l in data.splitlines(True) if not l.startswith(a.drop + "="))
    if seq >= a.seq:
        prev_hash = prev
        text = "yekuo-event-v1\n%s\n%s\n%d\n%s\n%s\n%s\n%s\n%s\n%s\n%s" % (
            uuid, case_no, seq, kind, eff, rec, op, origin, prev_hash, data)
        h = hashlib.sha256(text.encode()).hexdigest()
        db.execute("UPDATE events SET effective = ?, data = ?, prev_hash = ?, hash = ? WHERE id = ?",
                   (eff, data, prev_hash, h, rid))
        if a.sync:
            db.execute("DROP TRIGGER IF EXISTS sync_events_no_update")
            db.execute("UPDATE sync_events SET orig_prev = ?, orig_hash = ? WHERE uuid = ? AND orig_seq = ?",
                       (prev_hash, h, uuid, seq))
        prev = h
    else:
        prev = db.execute("SELECT hash FROM events WHERE id = ?", (rid,)).fetchone()[0]
db.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
           "  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")
if a.sync:
    db.execute("CREATE TRIGGER sync_events_no_update BEFORE UPDATE ON sync_events"
               "  BEGIN SELECT RAISE(ABORT, 'sync records are append-only'); END")
db.commit()
