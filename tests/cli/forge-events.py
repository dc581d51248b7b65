#!/usr/bin/env python3
"""An attacker's tool for the tests: change the events of a sync bundle
(docs/sync.md) or of a database (docs/store.md) and recompute what someone
who has read the documentation would recompute, so that the check left to
catch the change is the one under test. On a database the append-only
guards are lifted for the change and put back as they were.

forge-events.py FILE OP… — the operations run in the order given:

  --data CASE SEQ OLD NEW     replace text in an event's data
  --col CASE SEQ COLUMN VAL   set one column of an event (office, vc, origin, …)
  --case-no OLD NEW           move every event of case OLD to case NEW
  --delete CASE SEQ           remove an event
  --renumber                  number each case's events 1..n again
  --rehash                    recompute every chain: prev_hash and hash
  --rehash-only               recompute every hash, each over its prev_hash as it is
  --reorig CASE SEQ           recompute the event's orig_hash (its orig_seq, orig_prev)
  --reorig-chain CASE         make the case's chain its own original record
  --header KEY VAL            set a header value
  --recount                   make the header's event count the true one

Last, in a bundle, the events' SHA-256 and then the header checksum are
recomputed, unless --keep-events-sha or --keep-checksum is given. The
--col, --reorig and --reorig-chain of the sync columns are for bundles.
"""
import hashlib
import sqlite3
import sys

EVENT_COLS = "uuid case_no seq kind effective recorded operator origin data prev_hash hash".split()
SYNC_COLS = "source office vc orig_seq orig_prev orig_hash".split()


def event_hash(r, seq=None, prev=None):
    text = "yekuo-event-v1\n%s\n%s\n%d\n%s\n%s\n%s\n%s\n%s\n%s\n%s" % (
        r["uuid"], r["case_no"], r["seq"] if seq is None else seq, r["kind"], r["effective"],
        r["recorded"], r["operator"], r["origin"], r["prev_hash"] if prev is None else prev,
        r["data"])
    return hashlib.sha256(text.encode()).hexdigest()


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    db = sqlite3.connect(args.pop(0))
    db.row_factory = sqlite3.Row
    keep_events_sha = keep_checksum = False
    bundle = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'bundle'").fetchone() is not None
    COLS = EVENT_COLS + (SYNC_COLS if bundle else [])
    guards = [] if bundle else [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")]
    for name in [] if bundle else [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")]:
        db.execute("DROP TRIGGER %s" % name)

    # a row is found again by its rowid in a database, by its key
    # (case_no, seq) in a bundle of format 2 (WITHOUT ROWID)
    rid = "rowid" if not bundle or db.execute("PRAGMA user_version").fetchone()[0] < 2 \
        else "case_no || '#' || seq"

    def rows(case=None):
        q = "SELECT %s AS k, %s FROM events" % (rid, ", ".join(COLS))
        if case:
            return [dict(r) for r in db.execute(q + " WHERE case_no = ? ORDER BY seq", (case,))]
        return [dict(r) for r in db.execute(q + " ORDER BY case_no, seq")]

    def one(case, seq):
        r = db.execute("SELECT %s AS k, %s FROM events WHERE case_no = ? AND seq = ?"
                       % (rid, ", ".join(COLS)), (case, int(seq))).fetchone()
        if not r:
            sys.exit("forge-events: no event %s #%s" % (case, seq))
        return dict(r)

    def put(r, **kw):
        sets = ", ".join("%s = ?" % k for k in kw)
        db.execute("UPDATE events SET %s WHERE %s = ?" % (sets, rid), list(kw.values()) + [r["k"]])

    while args:
        op = args.pop(0)
        if op == "--data":
            case, seq, old, new = args[:4]
            del args[:4]
            r = one(case, seq)
            if old not in r["data"]:
                sys.exit("forge-events: '%s' is not in the data of %s #%s" % (old, case, seq))
            put(r, data=r["data"].replace(old, new))
        elif op == "--col":
            case, seq, col, val = args[:4]
            del args[:4]
            if col not in COLS:
                sys.exit("forge-events: no column %s" % col)
            put(one(case, seq), **{col: int(val) if col in ("seq", "orig_seq") else val})
        elif op == "--case-no":
            old, new = args[:2]
            del args[:2]
            db.execute("UPDATE events SET case_no = ? WHERE case_no = ?", (new, old))
        elif op == "--delete":
            case, seq = args[:2]
            del args[:2]
            db.execute("DELETE FROM events WHERE %s = ?" % rid, (one(case, seq)["k"],))
        elif op == "--renumber":
            # two passes, so that (case_no, seq) stays unique throughout
            for r in rows():
                put(r, seq=r["seq"] + 1000000)
            last, n = None, 0
            for r in rows():
                n = n + 1 if r["case_no"] == last else 1
                last = r["case_no"]
                put(r, seq=n)
        elif op == "--rehash":
            last, prev = None, ""
            for r in rows():
                if r["case_no"] != last:
                    last, prev = r["case_no"], ""
                r["prev_hash"] = prev
                r["hash"] = event_hash(r)
                put(r, prev_hash=r["prev_hash"], hash=r["hash"])
                prev = r["hash"]
        elif op == "--rehash-only":
            for r in rows():
                put(r, hash=event_hash(r))
        elif op == "--reorig":
            case, seq = args[:2]
            del args[:2]
            r = one(case, seq)
            put(r, orig_hash=event_hash(r, seq=r["orig_seq"], prev=r["orig_prev"]))
        elif op == "--reorig-chain":
            case = args.pop(0)
            for r in rows(case):
                put(r, orig_seq=r["seq"], orig_prev=r["prev_hash"], orig_hash=r["hash"])
        elif op == "--header":
            key, val = args[:2]
            del args[:2]
            db.execute("UPDATE bundle SET value = ? WHERE key = ?", (val, key))
        elif op == "--recount":
            n = db.execute("SELECT count(*) FROM events").fetchone()[0]
            db.execute("UPDATE bundle SET value = ? WHERE key = 'events'", (str(n),))
        elif op == "--keep-events-sha":
            keep_events_sha = True
        elif op == "--keep-checksum":
            keep_checksum = True
        else:
            sys.exit("forge-events: unknown operation %s" % op)

    for sql in guards:
        db.execute(sql)
    if bundle and not keep_events_sha:
        h = hashlib.sha256()
        for r in rows():
            for c in COLS:
                v = str(r[c]).encode()
                h.update(b"%d:" % len(v) + v + b"\n")
        db.execute("UPDATE bundle SET value = ? WHERE key = 'events-sha256'", (h.hexdigest(),))
    if bundle and not keep_checksum:
        text = "".join("%s=%s\n" % (k, v) for k, v in db.execute(
            "SELECT key, value FROM bundle WHERE key != 'checksum' ORDER BY key"))
        version = db.execute("SELECT value FROM bundle WHERE key = 'version'").fetchone()[0]
        s = hashlib.sha256(("yekuo-sync-bundle-v%s\n" % version + text).encode()).hexdigest()
        db.execute("UPDATE bundle SET value = ? WHERE key = 'checksum'", (s,))
    db.commit()


if __name__ == "__main__":
    main()
