#!/usr/bin/python3
"""yekuo benchmarks: one table of medians and peak memory per database size.

usage: bench/run.py BUILDDIR [SIZE ...]     (default sizes: 10000 100000 1000000)

Databases are generated once by bench/gen (deterministic, seed 1) into
BUILDDIR/bench/data/ and reused. Every measured command is the real binary,
timed as a whole process (start-up included) with /usr/bin/time; the table
shows the median of several runs and the peak resident set size (RSS).

BENCH_PG=1 (BENCH_PG=only: nothing else) also loads each generated database into a throwaway PostgreSQL
cluster (initdb in a temporary folder, Unix socket only; as nobody when
run as root) and times the dashboard and the reports there, each beside
the query yekuo sends written by hand in psql (the target: within 2x).
"""
import glob
import os
import platform
import tempfile
import shutil
import statistics
import subprocess
import sys
import time

# sync at 100k cases (issue: a county's cases in seconds): time, and peak
# RSS flat in the bundle's size; each also within 3x its reference
SYNC_BUDGET = {
    "sync export of every case": (10.0, 64),
    "sync import into an empty database": (20.0, 64),
}

BUDGET = {  # at 1M cases, on the 2-core reference machine (docs/performance.md)
    "dashboard first screen": (0.100, 64),
    "one case with its clocks": (0.020, 64),
    "case list --overdue": (None, 64),
    "report filing (a month)": (2.0, 64),
    "report benefit (a year)": (2.0, 64),
    "report timeliness (a year)": (2.0, 64),
    "export cases csv gb18030": (None, 64),
}

NOW = "2026-11-20T10:00:00"


def run_timed(cmd, env, stdout=subprocess.DEVNULL):
    t = ["/usr/bin/time", "-f", "%e %M", "-o", "/tmp/yekuo-bench-time"] + cmd
    start = time.perf_counter()
    p = subprocess.run(t, env=env, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stderr.decode()[-400:]))
    with open("/tmp/yekuo-bench-time") as f:
        _, rss_kb = f.read().split()[-2:]
    return wall, int(rss_kb) / 1024.0


def measure(name, cmd, env, runs):
    walls, rss = [], 0.0
    for _ in range(runs):
        w, r = run_timed(cmd, env)
        walls.append(w)
        rss = max(rss, r)
    return name, statistics.median(walls), rss


def shell_measure(name, script, env, runs):
    return measure(name, ["sh", "-c", script], env, runs)


def remove_db(path):
    for suffix in ("", "-wal", "-shm", ".key"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)


# The rows a sync bundle carries: every event with its sync record, in
# (case, seq) order. The reference copies them with the sqlite3 shell alone.
REF_ROWS = ("SELECT e.uuid, e.case_no, e.seq, e.kind, e.effective, e.recorded, e.operator, "
            "e.origin, e.data, e.prev_hash, e.hash, s.source, s.office, s.vc, s.orig_seq, "
            "s.orig_prev, s.orig_hash FROM events e LEFT JOIN sync_events s ON s.uuid = e.uuid "
            "ORDER BY e.case_no, e.seq")


def sync_measures(yekuo, db, datadir, e, runs):
    """sync export of every case and sync import of that bundle into an
    empty database, each beside a reference that copies the same rows with
    the sqlite3 shell (ATTACH + INSERT ... SELECT), in the same run."""
    res = []
    work = os.path.join(datadir, "sync-source.db")
    remove_db(work)
    subprocess.run(["sqlite3", db, ".backup '%s'" % work], check=True)
    if os.path.exists(db + ".key"):
        shutil.copyfile(db + ".key", work + ".key")
        os.chmod(work + ".key", 0o600)
    bundle, ref = "/tmp/yekuo-bench.ykb", "/tmp/yekuo-bench-ref.db"
    # the first export records every event for sync (once in a database's life)
    res.append(measure("sync export, first (records for sync)",
                       [yekuo, "--db", work, "sync", "export", "--to", bundle, "--force"], e, 1))
    res.append(measure("sync export of every case",
                       [yekuo, "--db", work, "sync", "export", "--to", bundle, "--force"], e, runs))
    res.append(shell_measure(
        "reference: sqlite3 ATTACH + INSERT SELECT",
        "rm -f %s && sqlite3 '%s' \"ATTACH '%s' AS b; CREATE TABLE b.events AS %s\"" % (
            ref, work, ref, REF_ROWS), e, runs))
    target = os.path.join(datadir, "sync-target.db")
    env_now = dict(e)
    env_now.pop("YEKUO_NOW", None)
    walls, rss = [], 0.0
    rwalls, rrss = [], 0.0
    for _ in range(runs):
        remove_db(target)
        subprocess.run([yekuo, "--db", target, "init", "--training", "--office", "T"], env=e,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        fp = subprocess.run([yekuo, "--db", target, "sync", "trust", bundle], env=env_now,
                            capture_output=True, text=True).stdout
        fp = [l.split("\t", 1)[1] for l in fp.splitlines() if l.startswith("key\t")][0]
        subprocess.run([yekuo, "--db", target, "sync", "trust", bundle, "--confirm", fp],
                       env=env_now, check=True, stdout=subprocess.DEVNULL)
        w, r = run_timed([yekuo, "--db", target, "sync", "import", bundle], e)
        walls.append(w)
        rss = max(rss, r)
        # the reference: the same rows into an empty database's tables
        remove_db(target)
        subprocess.run([yekuo, "--db", target, "init", "--training", "--office", "T"], env=e,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        w, r = run_timed(["sqlite3", target,
                          "ATTACH '%s' AS b; BEGIN; "
                          "INSERT INTO events (uuid, case_no, seq, kind, effective, recorded, "
                          "operator, origin, data, prev_hash, hash) SELECT uuid, case_no, seq, kind, "
                          "effective, recorded, operator, origin, data, prev_hash, hash FROM b.events; "
                          "INSERT INTO sync_events (uuid, case_no, source, office, vc, depth, "
                          "orig_seq, orig_prev, orig_hash) SELECT uuid, case_no, source, office, vc, "
                          "1, orig_seq, orig_prev, orig_hash FROM b.events WHERE source IS NOT NULL; "
                          "COMMIT;" % ref], e)
        rwalls.append(w)
        rrss = max(rrss, r)
    res.append(("sync import into an empty database", statistics.median(walls), rss))
    res.append(("reference: sqlite3 ATTACH + INSERT SELECT", statistics.median(rwalls), rrss))
    remove_db(target)
    remove_db(work)
    for f in (bundle, ref):
        if os.path.exists(f):
            os.unlink(f)
    return res


# ---- BENCH_PG=1: the same data on a PostgreSQL server ----------------------

# The columns of the tables a server shares with a file (src/store/pg.c).
PG_TABLES = {
    "events": "uuid, case_no, seq, kind, effective, recorded, operator, origin, data, prev_hash, hash",
    "cases": "case_no, status, region, category, applied, closed_on, name, phone, address, filed, "
             "late, nevents, last_hash, state",
    "clocks": "case_no, open, name, phone, address, clock",
    "counters": "key, value",
}


def pg_bin():
    try:
        d = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        if os.path.exists(os.path.join(d, "initdb")):
            return d
    except OSError:
        pass
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return found[-1] if found else None


class PgCluster:
    """initdb in a temporary folder, Unix socket only, fsync off; stopped
    and removed by stop()."""

    def __init__(self, bindir):
        self.bin = bindir
        self.dir = tempfile.mkdtemp(prefix="yekuo-bench-pg.")
        self.as_pg = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "nobody")
            self.as_pg = ["runuser", "-u", "nobody", "--"]
        subprocess.run(self.as_pg + [os.path.join(bindir, "initdb"), "-D", self.dir + "/data", "-A", "trust",
                                     "-U", "admin", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(self.as_pg + [os.path.join(bindir, "pg_ctl"), "-D", self.dir + "/data", "-w", "-l",
                                     self.dir + "/server.log", "-o",
                                     "-c listen_addresses='' -c unix_socket_directories='%s' -c fsync=off "
                                     "-c shared_buffers=256MB" % self.dir, "start"],
                       check=True, stdout=subprocess.DEVNULL)

    def uri(self, db):
        return "postgresql:///%s?host=%s&user=admin" % (db, self.dir)

    def psql(self, db):
        return [os.path.join(self.bin, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", self.dir, "-U", "admin", "-d", db]

    def stop(self):
        subprocess.run(self.as_pg + [os.path.join(self.bin, "pg_ctl"), "-D", self.dir + "/data", "-m",
                                     "immediate", "stop"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def pg_measures(yekuo, db, n, env, runs):
    """The database file's cases, events and clocks copied into a server
    database made by `yekuo server init`; the dashboard and the reports
    timed there, each beside its query by hand in psql."""
    bindir = pg_bin()
    if not bindir:
        print("# BENCH_PG: no PostgreSQL server installed; skipped", flush=True)
        return []
    pg = PgCluster(bindir)
    try:
        name = "bench%d" % n
        subprocess.run([os.path.join(bindir, "createdb"), "-h", pg.dir, "-U", "admin", name], check=True)
        e = dict(env, YEKUO_DB=pg.uri(name))
        subprocess.run([yekuo, "server", "init", pg.uri(name), "--training", "--office", "BENCH"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        t0 = time.perf_counter()
        for table, cols in PG_TABLES.items():
            dump = subprocess.Popen(["sqlite3", "-csv", db, "SELECT %s FROM %s" % (cols, table)],
                                    stdout=subprocess.PIPE)
            subprocess.run(pg.psql(name) + ["-c", "\\copy %s (%s) FROM STDIN CSV" % (table, cols)],
                           stdin=dump.stdout, check=True)
            dump.stdout.close()
            if dump.wait() != 0:
                raise RuntimeError("sqlite3 could not read %s from %s" % (table, db))
        subprocess.run(pg.psql(name) + ["-c", "ANALYZE"], check=True)
        # sealed once, as a hall's server in daily use is: a report seals
        # first, and a seal that nothing changed since stands
        subprocess.run([yekuo, "seal"], env=e, check=True, stdout=subprocess.DEVNULL)
        print("# BENCH_PG: loaded and sealed %s into a server in %.0f s" % (
            os.path.basename(db), time.perf_counter() - t0), flush=True)
        psql = " ".join("'%s'" % a for a in pg.psql(name))
        # what each command asks the server (src/store/pg.c, report_begin)
        refs = [
            ("server: dashboard first screen", [yekuo, "case", "list", "--limit", "20"],
             "SELECT case_no, name, phone, address, clock FROM clocks WHERE open ORDER BY case_no"),
            ("server: report filing (a month)", [yekuo, "report", "filing", "--month", "2026-10"],
             "SELECT state FROM cases WHERE true AND filed = 1 AND applied <= '2026-10-31' "
             "AND (closed_on IS NULL OR closed_on >= '2026-10-01')"),
            ("server: report timeliness (a year)",
             [yekuo, "report", "timeliness", "--from", "2025-01-01", "--to", "2025-12-31"],
             "SELECT state FROM cases WHERE true AND applied <= '2025-12-31' "
             "AND (closed_on IS NULL OR closed_on >= '2025-01-01')"),
            ("server: report supervision", [yekuo, "report", "supervision"],
             "SELECT state FROM cases WHERE true AND status = 'open'"),
        ]
        res = []
        for label, cmd, sql in refs:
            res.append(measure(label, cmd, e, runs))
            res.append(shell_measure("reference: psql, the same query",
                                     "%s -c \"%s\" >/dev/null" % (psql, sql), e, runs))
        return res
    finally:
        pg.stop()


def main():
    build = os.path.abspath(sys.argv[1])
    sizes = [int(s) for s in sys.argv[2:]] or [10000, 100000, 1000000]
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    yekuo = os.path.join(build, "src", "yekuo")
    gen = os.path.join(build, "bench", "gen")
    datadir = os.path.join(build, "bench", "data")
    os.makedirs(datadir, exist_ok=True)
    env = dict(os.environ, YEKUO_DATA_DIR=os.path.join(top, "data"), YEKUO_NOW=NOW,
               LC_ALL="C.UTF-8", TZ="Asia/Shanghai")
    helptext = subprocess.run([yekuo, "help"], env=env, capture_output=True, text=True).stdout
    have = lambda word: ("  " + word + " ") in helptext

    print("# yekuo benchmarks — %s, %d cores, %s" % (
        platform.node(), os.cpu_count(), platform.platform()))
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    print("# cpu: %s; today fixed at %s; median of runs; RSS = peak resident set" % (cpu, NOW))
    print("# load average before the run: %s" % open("/proc/loadavg").read().split()[0])
    rows = []
    for n in sizes:
        db = os.path.join(datadir, "cases-%d.db" % n)
        if not os.path.exists(db):
            t0 = time.perf_counter()
            subprocess.run([gen, db, str(n), "1"], env=env, check=True)
            # fold the generator's write-ahead log into the file, as a
            # database in daily use would be after its last checkpoint
            subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE)"],
                           check=True, stdout=subprocess.DEVNULL)
            print("# generated %s in %.0f s" % (db, time.perf_counter() - t0), flush=True)
        e = dict(env, YEKUO_DB=db)
        runs = 5 if n < 1000000 else 3
        if os.environ.get("BENCH_PG") == "only":
            for r in pg_measures(yekuo, db, n, e, runs):
                rows.append((n,) + r)
                print("%9d  %-34s %9.3f s %8.1f MB" % ((n,) + r), flush=True)
            continue
        one = subprocess.run(["sqlite3", db, "select case_no from cases where status='closed' "
                              "order by case_no limit 1 offset %d" % (n // 3)],
                             capture_output=True, text=True).stdout.strip()
        res = [
            measure("dashboard first screen", [yekuo, "case", "list", "--limit", "20"], e, runs),
            measure("one case with its clocks", [yekuo, "case", "show", one], e, runs),
            measure("case list --overdue", [yekuo, "case", "list", "--overdue"], e, runs),
        ]
        if have("report"):
            res += [
                measure("report filing (a month)",
                        [yekuo, "report", "filing", "--month", "2026-10"], e, runs),
                measure("report benefit (a year)",
                        [yekuo, "report", "benefit", "--from", "2025-01-01", "--to", "2025-12-31"], e, runs),
                measure("report timeliness (a year)",
                        [yekuo, "report", "timeliness", "--from", "2025-01-01", "--to", "2025-12-31"], e, runs),
            ]
        if have("export"):
            res.append(measure("export cases csv gb18030",
                               [yekuo, "export", "cases", "--format", "csv", "--out", "/tmp/yekuo-bench.csv",
                                "--force"],
                               e, max(1, runs - 2)))
            # the same data: every stored field of every case (the summary
            # column holds what the export's 53 columns spell out)
            res.append(shell_measure(
                "reference: sqlite3 -csv | iconv",
                "sqlite3 -csv '%s' 'select case_no, status, region, category, applied, closed_on, "
                "name, phone, address, state from cases' | iconv -f UTF-8 -t GB18030 "
                "> /tmp/yekuo-bench-ref.csv" % db,
                e, max(1, runs - 2)))
        if have("sync") and n <= 100000 or os.environ.get("BENCH_SYNC_1M"):
            res += sync_measures(yekuo, db, datadir, e, 3 if n < 1000000 else 1)
        if have("import") and n == 100000:
            # import of 100k rows: this database's export, into a fresh one
            subprocess.run([yekuo, "export", "cases", "--format", "csv", "--unmasked",
                            "--out", "/tmp/yekuo-bench-import.csv", "--force"], env=e, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            fresh = os.path.join(datadir, "import-target.db")
            remove_db(fresh)
            subprocess.run([yekuo, "--db", fresh, "init", "--training"], env=e, check=True,
                           stdout=subprocess.DEVNULL)
            res.append(measure("import 100k rows", [yekuo, "--db", fresh, "import", "cases",
                                                     "/tmp/yekuo-bench-import.csv"], e, 1))
        if os.environ.get("BENCH_PG"):
            res += pg_measures(yekuo, db, n, e, runs)
        for r in res:
            rows.append((n,) + r)
            print("%9d  %-34s %9.3f s %8.1f MB" % ((n,) + r), flush=True)
    calbench = os.path.join(build, "bench", "calbench")
    out = subprocess.run([calbench, "1000000"], env=env, capture_output=True, text=True).stdout
    print("# calendar, 1M queries in one process:")
    for line in out.splitlines():
        if not line.startswith("checksum"):
            print("#   " + line.replace("\t", "  "))
    if 100000 in sizes:
        print("# sync budgets at 100k cases (and within 3x the reference beside each):")
        at = [r for r in rows if r[0] == 100000]
        for i, (n, name, wall, rss) in enumerate(at):
            if name not in SYNC_BUDGET:
                continue
            tb, mb = SYNC_BUDGET[name]
            ref = at[i + 1][2] if i + 1 < len(at) and at[i + 1][1].startswith("reference") else None
            ok = wall <= tb and rss <= mb and (ref is None or wall <= 3 * ref)
            print("#   %-34s %s (%.1f s of %.0f, %.1f MB of %d%s)" % (
                name, "met" if ok else "MISSED", wall, tb, rss, mb,
                "" if ref is None else ", %.1fx the reference" % (wall / ref)))
    if os.environ.get("BENCH_PG"):
        print("# on the server, each beside its query by hand in psql (target: within 2x):")
        for i, (n, name, wall, rss) in enumerate(rows):
            if not name.startswith("server: ") or i + 1 >= len(rows):
                continue
            ref = rows[i + 1][2]
            print("#   %9d  %-34s %s (%.3f s, %.1fx the psql query's %.3f s)" % (
                n, name[8:], "met" if wall <= 2 * ref else "MISSED", wall, wall / ref, ref))
    if 1000000 in sizes:
        print("# budgets at 1M cases:")
        for n, name, wall, rss in rows:
            if n != 1000000 or name not in BUDGET:
                continue
            tb, mb = BUDGET[name]
            ok = (tb is None or wall <= tb) and rss <= mb
            print("#   %-34s %s (%.3f s%s, %.1f MB of %d)" % (
                name, "met" if ok else "MISSED", wall,
                "" if tb is None else " of %.3f" % tb, rss, mb))


if __name__ == "__main__":
    main()
