import Foundation
import Glibc
@testable import DNSCore
import Platform

private func makeTemporaryDirectory(_ prefix: String) throws -> URL {
    var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw TransportFixtures.ServerError.didNotStart("mkdtemp failed") }
    return URL(fileURLWithPath: String(cString: made))
}

/// Real DNS servers on loopback for the tests, each in its own temp
/// directory, always stopped by PID.
extension TransportFixtures {
    enum ServerError: Error, CustomStringConvertible {
        case notInstalled(String)
        case didNotStart(String)

        var description: String {
            switch self {
            case .notInstalled(let tool): return "\(tool) is not installed"
            case .didNotStart(let detail): return "test server did not start: \(detail)"
            }
        }
    }

    /// `ldns-testns` serving canned answers from a data file, on a port it picks
    /// itself (`-r`). It binds the wildcard address and replies from the
    /// primary loopback address, so it must be queried at 127.0.0.1 (or ::1
    /// with `ipv6`): a connected UDP socket rightly drops answers from any other
    /// source.
    final class Testns {
        private let process: Subprocess.Running
        let directory: URL
        let port: UInt16

        private init(process: Subprocess.Running, directory: URL, port: UInt16) {
            self.process = process
            self.directory = directory
            self.port = port
        }

        static func start(_ datafile: String, ipv6: Bool = false) async throws -> TransportFixtures.Testns {
            let tool = "/usr/bin/ldns-testns"
            guard FileManager.default.isExecutableFile(atPath: tool) else { throw TransportFixtures.ServerError.notInstalled(tool) }
            let directory = try makeTemporaryDirectory("ldns-testns")
            let dataURL = directory.appendingPathComponent("answers.data")
            try datafile.write(to: dataURL, atomically: true, encoding: .utf8)
            // ldns-testns -r seeds its port choice with the clock, so servers started in the
            // same second collide; pick the port here and retry on a clash.
            var process: Subprocess.Running?
            for _ in 0..<8 {
                let port = UInt16.random(in: 20_000...59_999)
                let child = try Subprocess.start(tool, (ipv6 ? ["-6"] : []) + ["-p", String(port), dataURL.path],
                                                 mergeErrors: true)
                process = child
                // Polling the output keeps this off the (tiny) cooperative pool's threads.
                for _ in 0..<250 {
                    if child.outputSoFar.contains("Listening on port ") {
                        return TransportFixtures.Testns(process: child, directory: directory, port: port)
                    }
                    if !child.isRunning { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                child.stop()
            }
            let log = process?.stop().standardOutput ?? ""
            try? FileManager.default.removeItem(at: directory)
            throw TransportFixtures.ServerError.didNotStart("ldns-testns: \(log)")
        }

        func address(_ host: String = "127.0.0.1") throws -> ServerAddress {
            try ServerAddress(host: host, port: port)
        }

        func stop() {
            process.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// NSD serving a small zone on one loopback address and a random high port.
    final class NSD {
        private let process: Subprocess.Running
        let directory: URL
        let address: ServerAddress

        static let zone = """
        $ORIGIN example.test.
        $TTL 300
        @ IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 300
        @ IN NS ns
        ns IN A 127.60.0.53
        www IN A 192.0.2.80
        big IN TXT "0123456789012345678901234567890123456789012345678901234567890123456789"

        """

        private init(process: Subprocess.Running, directory: URL, address: ServerAddress) {
            self.process = process
            self.directory = directory
            self.address = address
        }

        static func start(host: String) async throws -> TransportFixtures.NSD {
            let tool = "/usr/sbin/nsd"
            guard FileManager.default.isExecutableFile(atPath: tool) else { throw TransportFixtures.ServerError.notInstalled(tool) }
            var lastError = ""
            // A random port can be taken by someone else; a few tries settle it.
            for _ in 0..<4 {
                let port = UInt16.random(in: 20_000...59_999)
                let address = try ServerAddress(host: host, port: port)
                let directory = try makeTemporaryDirectory("nsd")
                let dir = directory.path
                try zone.write(to: directory.appendingPathComponent("example.test.zone"), atomically: true, encoding: .utf8)
                let config = """
                server:
                  ip-address: \(host)
                  port: \(port)
                  server-count: 1
                  username: ""
                  chroot: ""
                  zonesdir: "\(dir)"
                  pidfile: "\(dir)/nsd.pid"
                  zonelistfile: "\(dir)/zone.list"
                  xfrdfile: "\(dir)/xfrd.state"
                  database: ""
                  verbosity: 0
                  rrl-ratelimit: 0
                  rrl-whitelist-ratelimit: 0
                remote-control:
                  control-enable: no
                zone:
                  name: example.test
                  zonefile: example.test.zone

                """
                try config.write(to: directory.appendingPathComponent("nsd.conf"), atomically: true, encoding: .utf8)
                // -d keeps NSD in the foreground, so the PID we hold is the one to stop.
                let process = try Subprocess.start(tool, ["-d", "-c", directory.appendingPathComponent("nsd.conf").path],
                                                   mergeErrors: true)

                let probe = DNSTransport()
                defer { probe.shutdown() }
                let query = TransportFixtures.Query.make("www.example.test")
                let options = QueryOptions(timeout: .milliseconds(100), udpRetries: 0)
                for _ in 0..<50 where process.isRunning {
                    if (try? await probe.exchange(query, with: address, options: options)) != nil {
                        return TransportFixtures.NSD(process: process, directory: directory, address: address)
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                lastError = process.stop().standardOutput
                try? FileManager.default.removeItem(at: directory)
            }
            throw TransportFixtures.ServerError.didNotStart("nsd: \(lastError)")
        }

        func stop() {
            process.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A TCP server that resets its one connection as soon as it has read a whole query
    /// from it (SO_LINGER 0, then close). It runs on a thread of its own: a reset staged
    /// by the test's task instead (closing a listener with the connection in its backlog)
    /// came too late whenever other tests kept the two-thread concurrency pool busy past
    /// the query's deadline, and the reset showed as a timeout.
    final class ResettingServer: @unchecked Sendable {
        let address: ServerAddress
        private let listener: Loopback
        private let lock = NSLock()
        private var sawQuery = false

        /// True once a complete length-prefixed query had arrived before the reset.
        var readWholeQuery: Bool { lock.withLock { sawQuery } }

        init(host: String) throws {
            listener = try Loopback.tcpListener(host: host)
            address = listener.address
            let thread = Thread { [self] in serve() }
            thread.name = "resetting-server"
            thread.start()
        }

        private var finished = false

        /// Waits, without holding a thread of the concurrency pool, for the serving thread
        /// (it gives up by itself after 10 s without a client), then closes the listener.
        func stop() async {
            while !lock.withLock({ finished }) {
                try? await Task.sleep(for: .milliseconds(5))
            }
            listener.close()
        }

        private func serve() {
            defer { lock.withLock { finished = true } }
            var ready = pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 10_000) > 0 else { return }
            let client = accept(listener.fd, nil, nil)
            guard client >= 0 else { return }
            var wait = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 512)
            while bytes.count < 2 || bytes.count < 2 + (Int(bytes[0]) << 8 | Int(bytes[1])) {
                let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                bytes += chunk[0..<count]
            }
            lock.withLock { sawQuery = bytes.count >= 2 && bytes.count >= 2 + (Int(bytes[0]) << 8 | Int(bytes[1])) }
            var abort = linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &abort, socklen_t(MemoryLayout<linger>.size))
            _ = Glibc.close(client)
        }
    }

    /// Plain sockets the tests hold open (or close) to stage silence, refusal and resets.
    struct Loopback {
        let fd: Int32
        let address: ServerAddress

        /// A UDP socket that is bound and never read: datagrams to it vanish
        /// without an ICMP error, which is what a silent server looks like.
        static func udp(host: String) throws -> TransportFixtures.Loopback {
            try bind(host: host, type: SOCK_DGRAM, listen: false)
        }

        /// A TCP listener that never accepts: connects complete via the backlog
        /// but no answer ever comes.
        static func tcpListener(host: String) throws -> TransportFixtures.Loopback {
            try bind(host: host, type: SOCK_STREAM, listen: true)
        }

        /// A port on which nothing listens (bound once to learn a free port,
        /// then closed).
        static func closedPort(host: String) throws -> ServerAddress {
            let socket = try bind(host: host, type: SOCK_DGRAM, listen: false)
            socket.close()
            return socket.address
        }

        func close() { _ = Glibc.close(fd) }

        private static func bind(host: String, type: __socket_type, listen: Bool) throws -> TransportFixtures.Loopback {
            let unbound = try ServerAddress(host: host, port: 1)
            let family: Int32 = unbound.isIPv6 ? AF_INET6 : AF_INET
            // Close-on-exec: a server another test starts meanwhile must not inherit the
            // socket, or closing it here would not reset its connections.
            let fd = socket(family, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw TransportFixtures.ServerError.didNotStart("socket: errno \(errno)") }
            var storage = sockaddr_storage()
            var length: socklen_t
            if family == AF_INET {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                inet_pton(AF_INET, host, &address.sin_addr)
                withUnsafeBytes(of: &address) { source in
                    withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
                }
                length = socklen_t(MemoryLayout<sockaddr_in>.size)
            } else {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                inet_pton(AF_INET6, host, &address.sin6_addr)
                withUnsafeBytes(of: &address) { source in
                    withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
                }
                length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            }
            let bound = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
            }
            guard bound == 0 else {
                let failure = errno
                _ = Glibc.close(fd)
                throw TransportFixtures.ServerError.didNotStart("bind \(host): errno \(failure)")
            }
            if listen { _ = Glibc.listen(fd, 16) }
            var actual = sockaddr_storage()
            var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = withUnsafeMutablePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
            }
            let port: UInt16 = withUnsafeBytes(of: &actual) { raw in
                // sin_port and sin6_port sit at the same offset, in network order.
                UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
            }
            return TransportFixtures.Loopback(fd: fd, address: try ServerAddress(host: host, port: port))
        }
    }
}
