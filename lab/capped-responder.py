#!/usr/bin/env python3
"""dnsward lab responder of known capacity.

Answers DNS queries on UDP ADDRESS:PORT at most RATE per second and silently drops
the rest: a server whose true capacity is exactly known, for testing capacity
measurements (dnsward headroom, resperf). A token bucket of RATE tokens per second
holds at most BURST tokens (default max(32, RATE/100)), so a batch of queries
arriving together is not punished while the long-run rate never exceeds RATE.
The bucket runs on each query's kernel arrival time (SO_TIMESTAMPNS), not on when
this process gets to read it: a responder starved of CPU for a moment answers late
but still answers RATE per second, so its capacity stays exactly known on a busy
machine.

Every answer is NOERROR, AA, with the question copied and one A record
(192.0.2.1, TTL 300). Only loopback addresses are accepted.

The pid file is written after the socket is bound, so its existence means
"listening". SIGTERM/SIGINT exit 0; the last line on stderr gives the counts.
"""

import argparse
import ipaddress
import os
import signal
import socket
import struct
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--address", default="127.53.3.1")
    p.add_argument("--port", type=int, default=53)
    p.add_argument("--rate", type=float, required=True, help="answers per second, at most")
    p.add_argument("--burst", type=float, default=None)
    p.add_argument("--pidfile", default=None)
    args = p.parse_args(argv)
    if not ipaddress.ip_address(args.address).is_loopback:
        p.error("only loopback addresses are allowed")
    if not 0 < args.rate <= 1_000_000:
        p.error("--rate must be in (0, 1000000]")
    return args


def question_end(query):
    """Offset just past the question (name, type, class), or None."""
    offset = 12
    while offset < len(query):
        length = query[offset]
        if length == 0:
            end = offset + 1 + 4
            return end if end <= len(query) else None
        if length & 0xC0:
            return None
        offset += 1 + length
    return None


SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
CONTROL_SPACE = socket.CMSG_SPACE(16)


def arrival(ancillary, fallback):
    """The kernel's receive time (CLOCK_REALTIME) of a datagram, or fallback."""
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            seconds, nanoseconds = struct.unpack("qq", data[:16])
            return seconds + nanoseconds / 1e9
    return fallback


ANSWER = struct.pack("!HHHIH", 0xC00C, 1, 1, 300, 4) + bytes([192, 0, 2, 1])


def answer(query):
    if len(query) < 12 or query[2] & 0x80:
        return None
    qdcount = struct.unpack("!H", query[4:6])[0]
    end = question_end(query)
    if qdcount != 1 or end is None:
        return None
    flags = 0x8400 | ((query[2] & 0x01) << 8)  # QR, AA, RD copied
    header = query[0:2] + struct.pack("!HHHHH", flags, 1, 1, 0, 0)
    return header + query[12:end] + ANSWER


class Stop(Exception):
    pass


def main(argv):
    args = parse_args(argv)
    burst = args.burst if args.burst is not None else max(32.0, args.rate / 100)
    sock = socket.socket(socket.AF_INET6 if ":" in args.address else socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)  # root may pass rmem_max
    except OSError:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.bind((args.address, args.port))

    def stop(signum, frame):
        raise Stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.pidfile:
        with open(args.pidfile + ".tmp", "w") as f:
            f.write("%d\n" % os.getpid())
        os.rename(args.pidfile + ".tmp", args.pidfile)
    print("listening on %s port %d, at most %g answers/s (burst %g)" % (args.address, args.port, args.rate, burst),
          file=sys.stderr, flush=True)

    tokens = burst
    last = None
    answered = dropped = 0
    try:
        while True:
            query, ancillary, _, peer = sock.recvmsg(4096, CONTROL_SPACE)
            now = arrival(ancillary, time.time())
            if last is None:
                last = now
            # Arrival times can tie or, across a clock step, go back: never refill backwards.
            tokens = min(burst, tokens + max(0.0, now - last) * args.rate)
            last = max(last, now)
            if tokens < 1:
                dropped += 1
                continue
            reply = answer(query)
            if reply is None:
                continue
            tokens -= 1
            sock.sendto(reply, peer)
            answered += 1
    except Stop:
        pass
    finally:
        print("answered %d, dropped %d" % (answered, dropped), file=sys.stderr, flush=True)
        if args.pidfile:
            try:
                with open(args.pidfile) as f:
                    if f.read().strip() == str(os.getpid()):
                        os.unlink(args.pidfile)
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
