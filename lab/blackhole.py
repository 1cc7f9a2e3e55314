#!/usr/bin/env python3
"""dnsward lab "blackhole" name server.

Binds UDP and TCP on ADDRESS:PORT (default 127.53.2.3:53) and never answers:

* UDP: every datagram is read and dropped.
* TCP: connections are accepted and held open without an answer; whatever the
  client sends is read and dropped. A connection is closed after --hold seconds
  (default 30) or when the client closes it. At most --max-conns connections are
  held; when the limit is reached the oldest one is closed first.

Memory is bounded: fixed-size receive buffers, a bounded connection table.
Only loopback (127.0.0.0/8) addresses are accepted.

The pid file is written after the sockets are bound, so its existence means
"listening". SIGTERM/SIGINT close everything and exit 0 (the pid file is
removed if it still contains our pid).
"""

import argparse
import ipaddress
import os
import selectors
import signal
import socket
import sys
import time
from collections import OrderedDict

RECV_SIZE = 4096


class _Stop(Exception):
    """Raised by the SIGTERM/SIGINT handler to leave the loop at once."""


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--address", default="127.53.2.3")
    p.add_argument("--port", type=int, default=53)
    p.add_argument("--pidfile", required=True)
    p.add_argument("--hold", type=float, default=30.0,
                   help="seconds a TCP connection is held before closing")
    p.add_argument("--max-conns", type=int, default=256)
    args = p.parse_args(argv)
    addr = ipaddress.ip_address(args.address)
    if addr.version != 4 or addr not in ipaddress.ip_network("127.0.0.0/8"):
        p.error("address must be in 127.0.0.0/8")
    if not 1 <= args.port <= 65535:
        p.error("bad port")
    if args.max_conns < 1 or args.hold <= 0:
        p.error("--max-conns and --hold must be positive")
    return args


def log(msg):
    sys.stderr.write("%s blackhole[%d]: %s\n" % (
        time.strftime("%Y-%m-%d %H:%M:%S"), os.getpid(), msg))
    sys.stderr.flush()


def serve(args, sel, udp, tcp, conns, close_conn):
    """Event loop: drop datagrams, hold TCP connections; never send anything."""
    while True:
        now = time.monotonic()
        # expire held connections (ordered by deadline since hold is constant)
        while conns:
            c, deadline = next(iter(conns.items()))
            if deadline > now:
                break
            close_conn(c)
        timeout = 1.0
        if conns:
            timeout = max(0.0, min(timeout, next(iter(conns.values())) - now))
        try:
            events = sel.select(timeout)
        except InterruptedError:
            continue
        for key, _mask in events:
            kind = key.data
            if kind == "udp":
                for _ in range(64):  # drain, drop
                    try:
                        udp.recv(RECV_SIZE)
                    except (BlockingIOError, InterruptedError):
                        break
                    except OSError:
                        break
            elif kind == "listen":
                for _ in range(64):
                    try:
                        c, _peer = tcp.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    except OSError as e:  # e.g. EMFILE: back off
                        log("accept failed: %s" % e)
                        break
                    if len(conns) >= args.max_conns:
                        close_conn(next(iter(conns)))
                    c.setblocking(False)
                    conns[c] = time.monotonic() + args.hold
                    sel.register(c, selectors.EVENT_READ, "conn")
            else:
                c = key.fileobj
                try:
                    data = c.recv(RECV_SIZE)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:
                    close_conn(c)


def main(argv):
    args = parse_args(argv)

    def stop(_signum, _frame):
        raise _Stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((args.address, args.port))
    udp.setblocking(False)

    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((args.address, args.port))
    tcp.listen(64)
    tcp.setblocking(False)

    sel = selectors.DefaultSelector()
    sel.register(udp, selectors.EVENT_READ, "udp")
    sel.register(tcp, selectors.EVENT_READ, "listen")
    conns = OrderedDict()  # socket -> deadline (monotonic); oldest first

    def close_conn(c):
        conns.pop(c, None)
        try:
            sel.unregister(c)
        except (KeyError, ValueError):
            pass
        c.close()

    tmp = args.pidfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % os.getpid())
    os.replace(tmp, args.pidfile)
    log("listening on %s port %d (udp+tcp), never answering" % (args.address, args.port))

    try:
        serve(args, sel, udp, tcp, conns, close_conn)
    except _Stop:
        pass
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    for c in list(conns):
        close_conn(c)
    sel.close()
    udp.close()
    tcp.close()
    try:
        with open(args.pidfile) as f:
            if f.read().strip() == str(os.getpid()):
                os.unlink(args.pidfile)
    except OSError:
        pass
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
