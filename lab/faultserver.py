#!/usr/bin/env python3
"""dnsward lab fault server: a real name server's answers, with one scripted fault.

Listens on ADDRESS:PORT and relays every query to BACKEND (a lab NSD that serves the
zones), so the data is real and only the fault is scripted:

  edns-drop       queries carrying an OPT record (EDNS) are dropped silently, over UDP
                  and TCP; plain queries are relayed (RFC 6891 section 7 intolerance)
  wrong-id-first  over UDP every answer is preceded by a copy of itself with a wrong
                  message ID (what a broken middlebox or a spoofer racing the server
                  sends); TCP is relayed as it is
  tc-udp          over UDP every answer is truncated: header and question only, TC=1,
                  however small the real answer; TCP is relayed as it is
  no-tcp          UDP is relayed; nothing listens on TCP, so a connection is refused

Memory and threads are bounded: a fixed-size table of queries awaiting the backend
(oldest dropped first, each forgotten after 5 s), at most --max-conns TCP connections,
each closed after --hold seconds. Only loopback (127.0.0.0/8) addresses are accepted.

The pid file is written after the sockets are bound, so its existence means
"listening". SIGTERM/SIGINT close everything and exit 0 (the pid file is removed if it
still contains our pid).
"""

import argparse
import ipaddress
import os
import selectors
import signal
import socket
import struct
import sys
import threading
import time
from collections import OrderedDict

FAULTS = ("edns-drop", "wrong-id-first", "tc-udp", "no-tcp")
RECV_SIZE = 65535
PENDING_MAX = 4096
PENDING_SECONDS = 5.0
OPT = 41
# Linux: let connect() pick the source port for the bound address, so connections to the
# backend never collide with one still in TIME_WAIT (socket.h value where Python has none).
IP_BIND_ADDRESS_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)


class _Stop(Exception):
    """Raised by the SIGTERM/SIGINT handler to leave the loop at once."""


def loopback(text):
    addr = ipaddress.ip_address(text)
    if addr.version != 4 or addr not in ipaddress.ip_network("127.0.0.0/8"):
        raise argparse.ArgumentTypeError("%s is not in 127.0.0.0/8" % text)
    return text


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--fault", required=True, choices=FAULTS)
    p.add_argument("--address", required=True, type=loopback)
    p.add_argument("--port", type=int, default=53)
    p.add_argument("--backend", required=True, type=loopback)
    p.add_argument("--backend-port", type=int, default=53)
    p.add_argument("--pidfile", required=True)
    p.add_argument("--hold", type=float, default=10.0, help="seconds a TCP connection may last")
    p.add_argument("--max-conns", type=int, default=64)
    args = p.parse_args(argv)
    for port in (args.port, args.backend_port):
        if not 1 <= port <= 65535:
            p.error("bad port %d" % port)
    if args.max_conns < 1 or args.hold <= 0:
        p.error("--max-conns and --hold must be positive")
    return args


def log(msg):
    sys.stderr.write("%s faultserver[%d]: %s\n" % (time.strftime("%Y-%m-%d %H:%M:%S"), os.getpid(), msg))
    sys.stderr.flush()


def skip_name(msg, offset):
    """Offset just past the (possibly compressed) name at offset; ValueError if malformed."""
    for _ in range(128):
        if offset >= len(msg):
            raise ValueError("name runs past the end")
        length = msg[offset]
        if length == 0:
            return offset + 1
        if length & 0xC0 == 0xC0:
            return offset + 2
        if length & 0xC0:
            raise ValueError("bad label type")
        offset += 1 + length
    raise ValueError("name too long")


def has_opt(msg):
    """True when the message carries an OPT record (EDNS); malformed counts as no."""
    try:
        qd, an, ns, ar = struct.unpack("!4H", msg[4:12])
        offset = 12
        for _ in range(qd):
            offset = skip_name(msg, offset) + 4
        for index in range(an + ns + ar):
            offset = skip_name(msg, offset)
            rtype, _cls, _ttl, rdlength = struct.unpack("!HHIH", msg[offset:offset + 10])
            if index >= an + ns and rtype == OPT:
                return True
            offset += 10 + rdlength
    except (ValueError, struct.error):
        return False
    return False


def truncated(answer):
    """The answer cut to header and question, with TC set."""
    try:
        qd = struct.unpack("!H", answer[4:6])[0]
        offset = 12
        for _ in range(qd):
            offset = skip_name(answer, offset) + 4
    except (ValueError, struct.error):
        return None
    flags = struct.unpack("!H", answer[2:4])[0] | 0x0200
    return answer[:2] + struct.pack("!HHHHH", flags, qd, 0, 0, 0) + answer[12:offset]


class UDPRelay:
    """Client queries out to the backend under fresh IDs, answers back under theirs."""

    def __init__(self, args, client_sock, backend_sock):
        self.args = args
        self.client = client_sock
        self.backend = backend_sock
        self.pending = OrderedDict()  # backend id -> (client address, client id, deadline)
        self.next_id = int.from_bytes(os.urandom(2), "big")

    def from_client(self):
        for _ in range(64):
            try:
                query, peer = self.client.recvfrom(RECV_SIZE)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if len(query) < 12:
                continue
            if self.args.fault == "edns-drop" and has_opt(query):
                continue
            self.expire()
            while len(self.pending) >= PENDING_MAX:
                self.pending.popitem(last=False)
            self.next_id = (self.next_id + 1) & 0xFFFF
            while self.next_id in self.pending:
                self.next_id = (self.next_id + 1) & 0xFFFF
            self.pending[self.next_id] = (peer, query[:2], time.monotonic() + PENDING_SECONDS)
            try:
                self.backend.send(struct.pack("!H", self.next_id) + query[2:])
            except OSError as e:
                log("backend send failed: %s" % e)

    def from_backend(self):
        for _ in range(64):
            try:
                answer = self.backend.recv(RECV_SIZE)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if len(answer) < 12:
                continue
            entry = self.pending.pop(struct.unpack("!H", answer[:2])[0], None)
            if entry is None:
                continue
            peer, client_id = entry[0], entry[1]
            answer = client_id + answer[2:]
            try:
                if self.args.fault == "wrong-id-first":
                    wrong = struct.pack("!H", struct.unpack("!H", client_id)[0] ^ 0x5A5A)
                    self.client.sendto(wrong + answer[2:], peer)
                if self.args.fault == "tc-udp":
                    answer = truncated(answer)
                    if answer is None:
                        continue
                self.client.sendto(answer, peer)
            except OSError:
                pass

    def expire(self):
        now = time.monotonic()
        while self.pending:
            key, entry = next(iter(self.pending.items()))
            if entry[2] > now:
                break
            del self.pending[key]


def read_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def relay_tcp(args, conn, slots):
    """One client connection: messages to the backend (EDNS ones dropped for edns-drop),
    the backend's bytes back as they come (an AXFR is several messages). The backend is
    connected only for the first message it is to get: an idle backend connection may be
    closed by the backend (NSD shortens idle timeouts when busy), which would end the
    client's connection although the fault is to stay silent."""
    backend = None
    stop = threading.Event()

    def pump_back():
        try:
            while not stop.is_set():
                data = backend.recv(RECV_SIZE)
                if not data:
                    break
                conn.sendall(data)
        except OSError:
            pass
        finally:
            stop.set()
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    try:
        conn.settimeout(args.hold)
        deadline = time.monotonic() + args.hold
        while not stop.is_set() and time.monotonic() < deadline:
            prefix = read_exact(conn, 2)
            if prefix is None:
                break
            message = read_exact(conn, struct.unpack("!H", prefix)[0])
            if message is None:
                break
            if args.fault == "edns-drop" and has_opt(message):
                continue
            if backend is None:
                backend = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                backend.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
                backend.bind((args.address, 0))
                backend.settimeout(args.hold)
                backend.connect((args.backend, args.backend_port))
                threading.Thread(target=pump_back, daemon=True).start()
            backend.sendall(prefix + message)
        stop.set()
    except OSError as e:
        log("tcp relay: %s" % e)
    finally:
        for s in (conn, backend):
            if s is not None:
                try:
                    s.close()
                except OSError:
                    pass
        slots.release()


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
    backend = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    backend.bind((args.address, 0))
    backend.connect((args.backend, args.backend_port))
    backend.setblocking(False)
    tcp = None
    if args.fault != "no-tcp":
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        tcp.bind((args.address, args.port))
        tcp.listen(64)
        tcp.setblocking(False)

    relay = UDPRelay(args, udp, backend)
    sel = selectors.DefaultSelector()
    sel.register(udp, selectors.EVENT_READ, "client")
    sel.register(backend, selectors.EVENT_READ, "backend")
    if tcp is not None:
        sel.register(tcp, selectors.EVENT_READ, "listen")
    slots = threading.BoundedSemaphore(args.max_conns)

    tmp = args.pidfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % os.getpid())
    os.replace(tmp, args.pidfile)
    log("%s on %s port %d, relaying to %s port %d" % (args.fault, args.address, args.port, args.backend, args.backend_port))

    try:
        while True:
            try:
                events = sel.select(1.0)
            except InterruptedError:
                continue
            for key, _mask in events:
                if key.data == "client":
                    relay.from_client()
                elif key.data == "backend":
                    relay.from_backend()
                else:
                    try:
                        conn, _peer = tcp.accept()
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError as e:
                        log("accept failed: %s" % e)
                        continue
                    if not slots.acquire(blocking=False):
                        log("%d TCP connections held: closing a new one" % args.max_conns)
                        conn.close()  # over the limit: the client sees the connection end
                        continue
                    conn.setblocking(True)
                    threading.Thread(target=relay_tcp, args=(args, conn, slots), daemon=True).start()
    except _Stop:
        pass
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sel.close()
    for s in (udp, backend, tcp):
        if s is not None:
            s.close()
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
