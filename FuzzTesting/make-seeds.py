#!/usr/bin/env python3
"""Writes the seed corpus: DNS messages built byte by byte, covering compression, EDNS
options, the common record types and a truncated answer."""
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
