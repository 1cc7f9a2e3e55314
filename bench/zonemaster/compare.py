#!/usr/bin/env python3
"""Fault table for bench/probe-vs-zonemaster: which lab fault each tool reported.

usage: compare.py ZM_DIR DNSWARD_JSON

ZM_DIR holds one `zonemaster-cli --json --level INFO` output per lab zone, named
<zone>.json (e.g. serial.test.json; empty or missing = that run failed). DNSWARD_JSON
is one `dnsward probe --format json` run over the same zones.

A tool "reports" a fault when one of its messages at WARNING or above names it (the
matchers below: Zonemaster message tags, dnsward check IDs). dnsward's "noted" is an
OK finding that names the fault (AXFR refused is OK by design; a serial lag shorter
than the tolerance is OK with the lag named): it counts as found, not as an alert.
Zonemaster's INFO/NOTICE messages are shown as "INFO only" and do not count.

Lab-wide facts that are not the zone's fault are left out of the control rows:
dnsward AUTH-DIVERSITY (every lab server is in 127.53.2.0/24) and AUTH-AXFR open (the
lab allows AXFR on purpose); the bench's Zonemaster profile already lowers the
loopback/reverse-DNS messages to INFO. A control row judges the authoritative checks
(AUTH-*) only: the resolvers' findings about a zone are their rows' business.

The resolver rows (the lying and the non-validating resolver) are dnsward's alone:
zonemaster-cli tests authoritative servers only.
Prints the table, then every WARNING+ message per zone (the evidence for the table),
then a summary. Exit 0 (the table is information, not a test).
"""
import json
import os
import re
import sys

LEVELS = {"DEBUG3": -3, "DEBUG2": -2, "DEBUG": -1, "INFO": 0, "NOTICE": 1, "WARNING": 2, "ERROR": 3, "CRITICAL": 4}
SEVERITY = {"OK": 0, "WARNING": 2, "UNKNOWN": 1, "CRITICAL": 3}
BLACKHOLE, CLOSED, AUTH_B = "127.53.2.3", "127.53.2.4", "127.53.2.2"
EDNS_DROP, WRONG_ID, TRUNCATE, NO_TCP = "127.53.4.1", "127.53.4.2", "127.53.4.3", "127.53.4.4"
LIAR, PLAIN = "127.53.9.2", "127.53.9.3"


def mentions(text, address):
    return re.search(r"(?<![\d.])" + re.escape(address) + r"(?![\d])", text) is not None


def zone_key(name):
    return (name or "").rstrip(".").lower()


# ------------------------------------------------------------------ zonemaster
def load_zm(directory, zone):
    path = os.path.join(directory, zone + ".json")
    try:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError):
        return None
    out = []
    for e in entries:
        args = e.get("args") or {}
        out.append({
            "level": LEVELS.get(e.get("level", ""), -9),
            "levelName": e.get("level", ""),
            "module": e.get("module", ""),
            "testcase": e.get("testcase", ""),
            "tag": e.get("tag", ""),
            "text": json.dumps(args, sort_keys=True),
        })
    return out


def zm_warn(entries):
    return [e for e in entries if e["level"] >= LEVELS["WARNING"]]


def zm_tags(entries):
    return sorted({e["tag"] for e in entries})


def zm_match(fault, entries):
    """(verdict, evidence) with verdict 'yes', 'INFO only', 'no' or 'n/a'."""
    if entries is None:
        return "n/a", "zonemaster-cli run failed"
    warn = zm_warn(entries)
    info = [e for e in entries if LEVELS["INFO"] <= e["level"] < LEVELS["WARNING"]]

    def pick(pred):
        hits = [e for e in warn if pred(e)]
        if hits:
            return "yes", ",".join(zm_tags(hits))
        low = [e for e in info if pred(e)]
        if low:
            return "INFO only", ",".join(zm_tags(low))
        return "no", ""

    if fault == "control":
        return ("reported " + ",".join(zm_tags(warn)), "") if warn else ("clean", "")
    if fault == "expired":
        return pick(lambda e: e["module"] == "DNSSEC" and "EXPIRED" in e["tag"])
    if fault == "bogus":
        return pick(lambda e: e["module"] == "DNSSEC")
    if fault == "serial":
        return pick(lambda e: e["tag"] in ("MULTIPLE_SOA_SERIALS", "SOA_SERIAL_VARIATION"))
    if fault == "data":
        # no Zonemaster test compares the RRsets of ordinary names between servers
        return pick(lambda e: False)
    # ADDRESS messages classify addresses (private, reverse DNS): not about reachability
    about = lambda e, address: e["module"] != "ADDRESS" and mentions(e["text"], address)
    if fault == "lame":
        return pick(lambda e: about(e, AUTH_B))
    if fault == "unreachable":
        a = [e for e in warn if about(e, BLACKHOLE)]
        b = [e for e in warn if about(e, CLOSED)]
        if a and b:
            return "yes", ",".join(zm_tags(a + b))
        return ("partly" if a or b else "no"), ",".join(zm_tags(a + b))
    if fault == "apart":
        # told apart = the two dead addresses get different messages (any level INFO+)
        a = zm_tags([e for e in entries if e["level"] >= 0 and about(e, BLACKHOLE)])
        b = zm_tags([e for e in entries if e["level"] >= 0 and about(e, CLOSED)])
        if not a or not b:
            return "no", "not both addresses reported"
        if a != b:
            return "yes", "%s: %s / %s: %s" % (BLACKHOLE, ",".join(a), CLOSED, ",".join(b))
        return "no", "both: " + ",".join(a)
    if fault == "mismatch":
        return pick(lambda e: re.search(r"EXTRA_NAME_(PARENT|CHILD)|ADDR_MISMATCH|EXTRA_ADDRESS|NS_SET", e["tag"]) is not None)
    if fault == "axfr-refused":
        return pick(lambda e: e["tag"].startswith("AXFR_FAILURE"))
    if fault in ("edns-drop", "wrong-id", "tc-udp", "tcp-refused"):
        address = {"edns-drop": EDNS_DROP, "wrong-id": WRONG_ID, "tc-udp": TRUNCATE, "tcp-refused": NO_TCP}[fault]
        return pick(lambda e: about(e, address) or (fault == "edns-drop" and "EDNS" in e["tag"]))
    if fault == "expiring":
        return pick(lambda e: e["module"] == "DNSSEC" and re.search(r"EXPIR|REMAINING|DURATION", e["tag"]) is not None)
    if fault == "glue":
        return pick(lambda e: re.search(r"MISMATCH|GLUE|EXTRA_ADDRESS|ADDR", e["tag"]) is not None and e["module"] != "ADDRESS")
    if fault in ("hijack", "redirect", "not-validating"):
        return "n/a", "zonemaster-cli tests no resolvers"
    raise ValueError(fault)


# ------------------------------------------------------------------ dnsward
def dw_findings(run, zone):
    if zone == "(resolvers)":
        return [f for f in run.get("findings", []) if f.get("check", "").startswith("REC-")]
    return [f for f in run.get("findings", []) if zone_key(f.get("zone")) == zone]


def dw_text(f):
    return "%s %s" % (f.get("message") or "", json.dumps(f.get("evidence") or {}, sort_keys=True))


def dw_alert(f):
    return SEVERITY.get(f.get("severity"), 0) >= SEVERITY["WARNING"]


def dw_label(fs):
    return ",".join(sorted({"%s(%s)" % (f["check"], f["severity"]) for f in fs}))


def dw_lab_wide(f):
    """Findings that describe the lab, not the zone's fault."""
    if f.get("check") == "AUTH-DIVERSITY":
        return True
    return f.get("check") == "AUTH-AXFR" and "open" in (f.get("message") or "").lower()


def dw_match(fault, fs):
    def pick(pred, noted=None):
        hits = [f for f in fs if dw_alert(f) and pred(f)]
        if hits:
            return "yes", dw_label(hits)
        if noted:
            notes = [f for f in fs if not dw_alert(f) and noted(f)]
            if notes:
                return "noted", dw_label(notes) + ": " + notes[0].get("message", "")[:90]
        return "no", ""

    if fault == "control":
        alerts = [f for f in fs if dw_alert(f) and not dw_lab_wide(f) and f["check"].startswith("AUTH-")]
        return ("reported " + dw_label(alerts), "") if alerts else ("clean", "")
    if fault == "expired":
        return pick(lambda f: f["check"] == "AUTH-DNSSEC" and "expire" in dw_text(f).lower())
    if fault == "bogus":
        return pick(lambda f: f["check"] == "AUTH-DNSSEC")
    if fault == "serial":
        return pick(lambda f: f["check"] == "AUTH-SERIAL",
                    lambda f: f["check"] == "AUTH-SERIAL" and "behind" in dw_text(f).lower())
    if fault == "data":
        return pick(lambda f: f["check"] == "AUTH-DATA")
    if fault == "lame":
        return pick(lambda f: f["check"] == "AUTH-AUTHORITY" and f.get("address") == AUTH_B)
    reach = ("AUTH-REACH-UDP", "AUTH-REACH-TCP")
    if fault == "unreachable":
        a = [f for f in fs if dw_alert(f) and f["check"] in reach and f.get("address") == BLACKHOLE]
        b = [f for f in fs if dw_alert(f) and f["check"] in reach and f.get("address") == CLOSED]
        if a and b:
            return "yes", dw_label(a + b)
        return ("partly" if a or b else "no"), dw_label(a + b)
    if fault == "apart":
        a = [f for f in fs if f["check"] in reach and f.get("address") == BLACKHOLE]
        b = [f for f in fs if f["check"] in reach and f.get("address") == CLOSED]
        timeout = any(re.search(r"time ?out|timed out", dw_text(f), re.I) for f in a)
        refused = any(re.search(r"refused|port unreachable", dw_text(f), re.I) for f in b)
        if timeout and refused:
            return "yes", "%s: timeout / %s: refused" % (BLACKHOLE, CLOSED)
        return "no", "%s timeout: %s, %s refused: %s" % (BLACKHOLE, timeout, CLOSED, refused)
    if fault == "mismatch":
        return pick(lambda f: f["check"] == "AUTH-DELEGATION")
    if fault == "axfr-refused":
        refused = lambda f: f["check"] == "AUTH-AXFR" and "refused" in (f.get("message") or "").lower()
        return pick(refused, refused)
    if fault == "edns-drop":
        return pick(lambda f: f["check"] == "AUTH-EDNS" and f.get("reason") == "edns-dropped" and f.get("address") == EDNS_DROP)
    if fault == "wrong-id":
        return pick(lambda f: f["check"] == "AUTH-REACH-UDP" and f.get("address") == WRONG_ID)
    if fault == "tc-udp":
        return pick(lambda f: f["check"] == "AUTH-REACH-UDP" and f.get("address") == TRUNCATE)
    if fault == "tcp-refused":
        return pick(lambda f: f["check"] == "AUTH-REACH-TCP" and f.get("address") == NO_TCP)
    if fault == "expiring":
        return pick(lambda f: f["check"] == "AUTH-DNSSEC" and f.get("reason") == "rrsig-expiring")
    if fault == "glue":
        return pick(lambda f: f["check"] == "AUTH-DELEGATION" and f.get("reason") == "glue-mismatch")
    if fault == "hijack":
        return pick(lambda f: f["check"] == "REC-CORRECT" and f.get("address") == LIAR)
    if fault == "redirect":
        return pick(lambda f: f["check"] == "REC-NXDOMAIN" and f.get("address") == LIAR)
    if fault == "not-validating":
        return pick(lambda f: f["check"] == "REC-DNSSEC" and f.get("address") == PLAIN)
    raise ValueError(fault)


# ------------------------------------------------------------------ table
ROWS = [
    # zone, fault id, description
    ("healthy.test", "control", "none (control)"),
    ("signed.test", "control", "none: validly signed (control)"),
    ("expired.test", "expired", "DNSSEC: every RRSIG expired"),
    ("bogus.test", "bogus", "DNSSEC bogus: DS matches no DNSKEY"),
    ("serial.test", "serial", "SOA serials differ (.2.1 ahead of .2.2)"),
    ("data.test", "data", "www A differs, serials equal"),
    ("lame.test", "lame", "lame: 127.53.2.2 answers REFUSED"),
    ("partial.test", "unreachable", "2 of 3 servers unreachable"),
    ("partial.test", "apart", "...timeout (.2.3) vs refused (.2.4) named"),
    ("mismatch.test", "mismatch", "NS set parent != child, glue != child A"),
    ("noaxfr.test", "axfr-refused", "AXFR refused by both servers"),
    ("large.test", "control", "none: 200,000 records (control)"),
    ("redirected.test", "control", "none at the authorities (control)"),
    ("ednsdrop.test", "edns-drop", "ns2 (.4.1) drops queries with EDNS"),
    ("ednsdrop-signed.test", "edns-drop", "signed; ns2 (.4.1) drops EDNS queries"),
    ("wrongid.test", "wrong-id", "ns2 (.4.2) sends a wrong-ID reply first"),
    ("truncated.test", "tc-udp", "ns2 (.4.3) answers TC=1 over UDP"),
    ("notcp.test", "tcp-refused", "ns2 (.4.4) refuses TCP"),
    ("drift.test", "data", "www A differs, serials equal, no config"),
    ("expiring.test", "expiring", "DNSSEC: signatures expire in 3 days"),
    ("glue.test", "glue", "glue ns2 .2.2 != the zone's A .2.6"),
    ("(resolvers)", "hijack", "liar .9.2: www A rewritten, AAAA hidden"),
    ("(resolvers)", "redirect", "liar .9.2: NXDOMAIN redirected"),
    ("(resolvers)", "not-validating", "resolver .9.3 does not validate"),
]


def clip(text, width=150):
    return text if len(text) <= width else text[:width - 3] + "..."


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    zm_dir, dw_path = sys.argv[1], sys.argv[2]
    try:
        with open(dw_path, encoding="utf-8") as f:
            run = json.load(f)
    except (OSError, ValueError) as error:
        run = {"findings": []}
        print("compare: cannot read the dnsward JSON (%s): its column is empty" % error)

    zm_cache = {}
    rows = []
    for zone, fault, description in ROWS:
        if zone not in zm_cache:
            zm_cache[zone] = [] if zone == "(resolvers)" else load_zm(zm_dir, zone)
        zv, ze = zm_match(fault, zm_cache[zone])
        dv, de = dw_match(fault, dw_findings(run, zone))
        rows.append((zone, fault, description, zv, ze, dv, de))

    w = (16, 42, 12, 8)
    print("%-*s %-*s %-*s %-*s" % (w[0], "zone", w[1], "fault (lab/README.md)", w[2], "zonemaster", w[3], "dnsward"))
    print("%s %s %s %s" % ("-" * w[0], "-" * w[1], "-" * w[2], "-" * w[3]))
    for zone, fault, description, zv, ze, dv, de in rows:
        zshort = zv if not zv.startswith("reported") else "REPORTED"
        dshort = dv if not dv.startswith("reported") else "REPORTED"
        print("%-*s %-*s %-*s %-*s" % (w[0], zone if fault != "apart" else "", w[1], description, w[2], zshort, w[3], dshort))
    print()
    print("evidence (Zonemaster tags / dnsward CHECK(SEVERITY) behind each verdict):")
    for zone, fault, description, zv, ze, dv, de in rows:
        print("  %-16s %-12s zonemaster: %s" % (zone, fault, clip(ze or zv)))
        print("  %-16s %-12s dnsward:    %s" % ("", "", clip(de or dv)))
    print()
    print("every WARNING+ message per zone:")
    for zone in dict.fromkeys(r[0] for r in ROWS):
        entries = zm_cache.get(zone)
        zm_list = "run failed" if entries is None else (",".join(zm_tags(zm_warn(entries))) or "-")
        fs = [f for f in dw_findings(run, zone) if dw_alert(f)]
        print("  %-16s zonemaster: %s" % (zone, zm_list))
        print("  %-16s dnsward:    %s" % ("", dw_label(fs) or "-"))
    print()

    faults = [r for r in rows if r[1] != "control"]
    # zonemaster-cli is not asked about resolvers: those rows are dnsward's alone.
    zm_asked = [r for r in faults if r[3] != "n/a"]
    zm_found = [r for r in faults if r[3] == "yes"]
    dw_found = [r for r in faults if r[5] in ("yes", "noted")]
    dw_alerted = [r for r in faults if r[5] == "yes"]
    missed = [r for r in zm_found if r[5] not in ("yes", "noted")]
    not_alerted = [r for r in zm_found if r[5] != "yes"]
    only_dw = [r for r in dw_found if r[3] != "yes"]
    only_zm = [r for r in zm_found if r[5] not in ("yes", "noted")]
    controls = [r for r in rows if r[1] == "control"]
    name = lambda r: r[0] + ("(" + r[1] + ")" if r[1] in ("apart", "unreachable") or r[0] == "(resolvers)" else "")
    print("faults: %d (%d about authoritative servers, which zonemaster-cli tests); zonemaster reports %d, dnsward finds %d "
          "(alerts >= WARNING on %d, notes %d)"
          % (len(faults), len(zm_asked), len(zm_found), len(dw_found), len(dw_alerted), len(dw_found) - len(dw_alerted)))
    print("dnsward finds every fault zonemaster reports: %s%s"
          % ("yes" if not missed else "NO", "" if not missed else " (missed: " + ", ".join(map(name, missed)) + ")"))
    if not_alerted and not missed:
        print("  ...but only notes (OK) what zonemaster warns about: " + ", ".join(map(name, not_alerted)))
    print("found by dnsward only: " + (", ".join(map(name, only_dw)) or "-"))
    print("found by zonemaster only: " + (", ".join(map(name, only_zm)) or "-"))
    print("control zones clean: zonemaster %d/%d, dnsward %d/%d"
          % (sum(r[3] == "clean" for r in controls), len(controls), sum(r[5] == "clean" for r in controls), len(controls)))


if __name__ == "__main__":
    main()
