#!/usr/bin/env python3
"""Write the full Zonemaster profile bench/probe-vs-zonemaster runs with.

zonemaster-cli --profile FILE replaces the whole test-level table with the file's, so a
partial profile would silently drop every level it does not name. This starts from the
installed engine's complete default (`zonemaster-cli --dump-profile`) and changes only:

  net.ipv6                              false  (the lab is IPv4 loopback only)
  ADDRESS NAMESERVER_IP_PRIVATE_NETWORK INFO   (default ERROR: the lab is on 127/8 by design)
  ADDRESS NAMESERVER_IP_WITHOUT_REVERSE INFO   (default WARNING: the lab has no reverse zones)
  ADDRESS NO_RESPONSE_PTR_QUERY         INFO   (default WARNING: likewise)

Timeouts, retries and every other level stay Zonemaster's defaults, so the timing is
what an operator running zonemaster-cli would see.

usage: make-profile.py [OUTPUT]   (default: profile.json next to this script; - = stdout)
"""
import json
import os
import subprocess
import sys

LAB_LEVELS = {
    ("ADDRESS", "NAMESERVER_IP_PRIVATE_NETWORK"): "INFO",
    ("ADDRESS", "NAMESERVER_IP_WITHOUT_REVERSE"): "INFO",
    ("ADDRESS", "NO_RESPONSE_PTR_QUERY"): "INFO",
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "profile.json")
    dump = subprocess.run(["zonemaster-cli", "--dump-profile"], check=True, capture_output=True, text=True, timeout=120)
    profile = json.loads(dump.stdout)
    profile["net"]["ipv6"] = False
    for (module, tag), level in LAB_LEVELS.items():
        if tag not in profile["test_levels"].get(module, {}):
            sys.exit("make-profile: %s/%s is not in this Zonemaster's profile" % (module, tag))
        profile["test_levels"][module][tag] = level
    text = json.dumps(profile, indent=2, sort_keys=True) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        with open(out + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
