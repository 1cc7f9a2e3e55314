public import DNSCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// The test kit's one private NSD: in the foreground on a 127.6x address of the test's
/// choosing and a random port, serving one zone with the transfer ACL and TSIG keys the
/// test asks for, and an `nsd-control` socket when it wants NSD's counters. It can be
/// restarted with another zone text or ACL on the same address (an ACL change, a hijacked
/// copy). Use `withZoneServer` (or `withZoneNSD`, `withKeyedNSD`, `withCountedNSD`); it
/// is stopped by its pid on every path.
public final class ZoneServer: @unchecked Sendable {
    /// What NSD serves and to whom it transfers it.
    public struct Setup: Sendable {
        public var zone: DomainName
        public var text: String
        /// NSD `provide-xfr:` values, e.g. `127.0.0.0/8 NOKEY`; empty refuses every transfer.
        public var provideXFR: [String]
        /// TSIG keys NSD knows (hmac-sha256): name and base64 secret.
        public var keys: [(name: String, secret: String)]
        /// Remote control on a unix socket, for `nsd-control -c configPath`; the server
        /// counts as up only once the socket is there.
        public var controlSocket: Bool

        public init(zone: DomainName, text: String, provideXFR: [String] = ["127.0.0.0/8 NOKEY"],
                    keys: [(name: String, secret: String)] = [], controlSocket: Bool = false) {
            self.zone = zone
            self.text = text
            self.provideXFR = provideXFR
            self.keys = keys
            self.controlSocket = controlSocket
        }
    }

    public let address: ServerAddress
    public var server: NameServer {
        NameServer(name: (try? setup.zone.prepending("ns1")) ?? setup.zone, addresses: [address])
    }
    public private(set) var setup: Setup
    let directory: String
    /// NSD's configuration, for `nsd-control -c`.
    public var configPath: String { directory + "/nsd.conf" }
    var controlSocketPath: String { directory + "/nsd.sock" }
    private var nsd: Subprocess.Running?

    init(host: String, setup: Setup) throws {
        directory = NSTemporaryDirectory() + "dnsward-zoneserver-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        address = try ServerAddress(host: host, port: UInt16.random(in: 20_000...59_999))
        self.setup = setup
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A zone of `hosts` A records under `zone`, with SOA `serial` and one NS.
    public static func zoneText(_ zone: DomainName, serial: UInt32, hosts: Int, addressBase: Int = 0) -> String {
        var lines = ["$ORIGIN \(zone)", "$TTL 300", "@ IN SOA ns1 hostmaster \(serial) 3600 900 604800 60", "@ IN NS ns1",
                     "ns1 IN A 192.0.2.1", "www IN A 192.0.2.10"]
        for index in 0..<hosts { lines.append("h\(index) IN A 198.51.100.\((index + addressBase) % 250)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Stops NSD if it runs and starts it with `setup`, waiting until it answers with the
    /// zone's serial (and, with `controlSocket`, until its control socket is there).
    public func restart(with setup: Setup) async throws {
        stop()
        self.setup = setup
        try setup.text.write(toFile: directory + "/zone", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: controlSocketPath)
        try configuration(setup).write(toFile: configPath, atomically: true, encoding: .utf8)
        let process = try Subprocess.start("/usr/sbin/nsd", ["-d", "-c", configPath], mergeErrors: true)
        nsd = process
        let client = DNSClient(options: QueryOptions(timeout: .milliseconds(200), udpRetries: 0))
        let expected = Self.serial(of: setup.text)
        for _ in 0..<100 {
            if let answer = try? await client.query(setup.zone, .soa, at: address), answer.message.flags.contains(.aa),
               expected == nil || answer.message.answer.first?.soa?.serial.rawValue == expected,
               !setup.controlSocket || FileManager.default.fileExists(atPath: controlSocketPath) {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let output = stopProcess()?.standardOutput ?? ""
        throw LabControl.Failure(command: "nsd for \(setup.zone) on \(address)", status: -1,
                                 output: "did not answer within 5 s\n\(output)")
    }

    public func stop() {
        stopProcess()
    }

    /// Stops NSD by its pid; what it printed, when it ran.
    @discardableResult
    private func stopProcess() -> Subprocess.Result? {
        guard let nsd else { return nil }
        nsd.signal(SIGTERM)
        let result = nsd.wait(timeout: .seconds(5))
        self.nsd = nil
        return result
    }

    /// NSD's configuration for `setup`: everything in the test's own directory, no rate
    /// limit, one server process (so its counters are the whole server's).
    private func configuration(_ setup: Setup) -> String {
        var config = """
            server:
                ip-address: \(address.host)
                port: \(address.port)
                server-count: 1
                username: ""
                chroot: ""
                database: ""
                zonelistfile: "\(directory)/zone.list"
                xfrdfile: "\(directory)/xfrd.state"
                pidfile: "\(directory)/nsd.pid"
                rrl-ratelimit: 0
                verbosity: 1
            remote-control:

            """
        if setup.controlSocket {
            config += "    control-enable: yes\n    control-interface: \"\(controlSocketPath)\"\n"
        } else {
            config += "    control-enable: no\n"
        }
        for key in setup.keys {
            config += "key:\n    name: \"\(key.name)\"\n    algorithm: hmac-sha256\n    secret: \"\(key.secret)\"\n"
        }
        config += "zone:\n    name: \"\(setup.zone)\"\n    zonefile: \"\(directory)/zone\"\n"
        for acl in setup.provideXFR { config += "    provide-xfr: \(acl)\n" }
        return config
    }

    private static func serial(of text: String) -> UInt32? {
        guard let line = text.split(separator: "\n").first(where: { $0.contains(" SOA ") }) else { return nil }
        let fields = line.split(separator: " ")
        guard let index = fields.firstIndex(of: "SOA"), fields.count > index + 3 else { return nil }
        return UInt32(fields[index + 3])
    }
}

/// Runs `body` with a started `ZoneServer` on `host`, stopped on every path. A random port
/// that is taken is retried.
public func withZoneServer<T: Sendable>(host: String = "127.61.0.1", _ setup: ZoneServer.Setup,
                                        _ body: (ZoneServer) async throws -> T) async throws -> T {
    var lastError: any Error = LabControl.Failure(command: "nsd", status: -1, output: "not started")
    for _ in 0..<5 {
        let server = try ZoneServer(host: host, setup: setup)
        do {
            try await server.restart(with: setup)
        } catch {
            lastError = error
            continue
        }
        do {
            let result = try await body(server)
            server.stop()
            return result
        } catch {
            server.stop()
            throw error
        }
    }
    throw lastError
}
