#!/usr/bin/env python3
"""Writes the seed corpora: DNS messages built byte by byte, covering compression, EDNS
options, the common record types and a truncated answer (Corpus/message); AXFR answers as
the TCP stream brings them, length-prefixed messages back to back (Corpus/axfr). The
zone-file seeds (Corpus/zonefile) are the test fixtures, copied."""
import os
import struct

def name(text):
    out = b""
    for label in text.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"

def rr(owner, rtype, rdata, ttl=300, cls=1):
    return owner + struct.pack(">HHIH", rtype, cls, ttl, len(rdata)) + rdata

def header(ident, flags, qd, an, ns, ar):
    return struct.pack(">HHHHHH", ident, flags, qd, an, ns, ar)

ptr = b"\xc0\x0c"
q = name("www.example.org.") + struct.pack(">HH", 1, 1)
opt = b"\0" + struct.pack(">HHIH", 41, 1232, 0x00008000, 12) + struct.pack(">HH", 3, 0) + struct.pack(">HH", 15, 4) + b"\x00\x06ab"
soa = name("ns1.example.org.") + name("hostmaster.example.org.") + struct.pack(">IIIII", 2026112401, 7200, 3600, 1209600, 300)
seeds = {
    "query": header(0x1234, 0x0100, 1, 0, 0, 1) + q + opt,
    "answer-a": header(0x1234, 0x8580, 1, 2, 0, 1) + q + rr(ptr, 1, bytes([192, 0, 2, 1])) + rr(ptr, 28, bytes(16)) + opt,
    "answer-mx-soa": header(7, 0x8400, 1, 1, 1, 0) + q + rr(ptr, 15, b"\x00\x0a" + b"\x04mail\xc0\x10") + rr(b"\xc0\x10", 6, soa),
    "nxdomain": header(9, 0x8403, 1, 0, 1, 0) + q + rr(b"\xc0\x10", 6, soa),
    "txt-rrsig": header(11, 0x8400, 1, 2, 0, 0) + q + rr(ptr, 16, b"\x05hello\x05world")
        + rr(ptr, 46, struct.pack(">HBBIIIH", 16, 13, 3, 300, 2000000000, 1700000000, 4242) + name("example.org.") + bytes(64)),
    "truncated": header(13, 0x8600, 1, 0, 0, 0) + q,
    "badvers": header(15, 0x8400, 1, 0, 0, 1) + q + b"\0" + struct.pack(">HHIH", 41, 1232, 0x01000000, 0),
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus", "message")
os.makedirs(out, exist_ok=True)
for key, data in seeds.items():
    with open(os.path.join(out, key), "wb") as handle:
        handle.write(data)

# AXFR streams for example.org.: the fuzz target takes the first message's ID as the query's.
def framed(*messages):
    return b"".join(struct.pack(">H", len(m)) + m for m in messages)

def axfr(ident, records, rcode=0):
    return header(ident, 0x8400 | rcode, 1, len(records), 0, 0) + name("example.org.") + struct.pack(">HH", 252, 1) + b"".join(records)

apex = name("example.org.")
def soa_rr(serial):
    return rr(apex, 6, name("ns1.example.org.") + name("hostmaster.example.org.") + struct.pack(">IIIII", serial, 7200, 3600, 1209600, 300))
ns_rr = rr(apex, 2, name("ns1.example.org."))
a_rr = rr(name("ns1.example.org."), 1, bytes([192, 0, 2, 1]))
www = rr(name("www.example.org."), 1, bytes([192, 0, 2, 10]))
txt = rr(name("t.example.org."), 16, b"\x05a\"b;c")
axfr_seeds = {
    "one-message": framed(axfr(0x4242, [soa_rr(1), ns_rr, a_rr, www, soa_rr(1)])),
    "two-messages": framed(axfr(0x4242, [soa_rr(1), ns_rr, a_rr]), axfr(0x4242, [www, txt, soa_rr(1)])),
    "closing-serial-changed": framed(axfr(0x4242, [soa_rr(1), ns_rr]), axfr(0x4242, [www, soa_rr(2)])),
    "refused": framed(axfr(0x4242, [], rcode=5)),
    "not-soa-first": framed(axfr(0x4242, [ns_rr, soa_rr(1)])),
    "cut-off": framed(axfr(0x4242, [soa_rr(1), ns_rr]))[:-3],
    "foreign-id": framed(axfr(0x4242, [soa_rr(1), ns_rr]), axfr(0x4343, [soa_rr(1)])),
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus", "axfr")
os.makedirs(out, exist_ok=True)
for key, data in axfr_seeds.items():
    with open(os.path.join(out, key), "wb") as handle:
        handle.write(data)
