#!/usr/bin/env python3
"""Compare a sweep's census (SQLite store or PostgreSQL via psql) with the sweep lab's truth.

usage: sweep-census.py EXPECTED.JSON LIMIT (sqlite PATH | psql URI) [RUN]
LIMIT: the zones d000000 .. d(LIMIT-1) of the lab were swept (a prefix of its zone file);
the expected counts are recomputed for them from the lab's fault lists.
Prints one line per count, "ok" or "MISMATCH", and exits 1 on any mismatch.
"""
import json
import subprocess
import sys


def expected(truth, limit):
    def zones(path):
        with open(path, encoding="ascii") as f:
            return [z for z in f.read().split() if int(z[1:7]) < limit]
    counts = {}
    statuses = {"OK": limit, "WARNING": 0, "CRITICAL": 0}
    for kind, spec in truth["faults"].items():
        n = len(zones(spec["list"]))
        statuses["OK"] -= n
        statuses[spec["status"]] += n
        for f in spec["findings"]:
            counts[(f["check"], f["reason"], f["severity"])] = (n, n * f["per_zone"])
    return statuses, counts


def rows(kind, where, sql):
    if kind == "sqlite":
        import sqlite3
        return sqlite3.connect(where).execute(sql).fetchall()
    out = subprocess.run(["psql", "-X", "-A", "-t", "-F", "\t", where, "-c", sql], check=True, capture_output=True, text=True).stdout
    return [tuple(int(v) if v.isdigit() else v for v in line.split("\t")) for line in out.splitlines() if line]


def main():
    truth_path, limit, kind, where = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    truth = json.load(open(truth_path))
    run = int(sys.argv[5]) if len(sys.argv) > 5 else rows(kind, where, "SELECT max(id) FROM sweep_run")[0][0]
    want_status, want_reason = expected(truth, limit)
    got_status = dict(rows(kind, where, "SELECT status, zones FROM sweep_status WHERE run_id = %d" % run))
    got_reason = {(c, r, s): (z, f) for c, r, s, z, f in
                  rows(kind, where, 'SELECT "check", reason, severity, zones, findings FROM sweep_reason WHERE run_id = %d' % run)}
    bad = 0
    for status, n in sorted(want_status.items()):
        got = got_status.get(status, 0)
        bad += got != n
        print("  %-9s %6d zones, expected %6d  %s" % (status, got, n, "ok" if got == n else "MISMATCH"))
    for key, (n, findings) in sorted(want_reason.items()):
        got = got_reason.get(key, (0, 0))
        bad += got != (n, findings)
        print("  %-16s %-14s %6d zones %6d findings, expected %6d %6d  %s" % (key[0], key[1], got[0], got[1], n, findings,
              "ok" if got == (n, findings) else "MISMATCH"))
    for key, (n, findings) in sorted(got_reason.items()):
        if key not in want_reason and key[2] != "OK":
            bad += 1
            print("  %-16s %-14s %6d zones: not a fault of the lab  MISMATCH" % (key[0], key[1], n))
    print("census %s (run %d)" % ("equals the lab's truth" if not bad else "DIFFERS from the lab's truth (%d)" % bad, run))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
