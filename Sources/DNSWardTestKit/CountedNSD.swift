public import DNSCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A private NSD in the foreground on 127.62.0.1 and a random port, serving `counted.test.`
/// with `nsd-control` on a unix socket, for tests that read its query counters.
///
/// Not the lab's NSD: NSD 4.6 answers `nsd-control stats_noreset` by replacing its server
/// process, which cuts every open TCP connection (zone transfers included) of a server
/// other suites are using at the same time. Stopped by its pid on every path.
public struct CountedNSD: Sendable {
    public let address: ServerAddress
    /// For `nsd-control -c`.
    public let configPath: String
}

public func withCountedNSD(_ body: (CountedNSD) async throws -> Void) async throws {
    let directory = NSTemporaryDirectory() + "dnsward-counted-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let zone = """
        $ORIGIN counted.test.
        $TTL 300
        @ IN SOA ns1 hostmaster 2026112401 3600 900 604800 60
        @ IN NS ns1
        @ IN MX 10 mail
        ns1 IN A 192.0.2.1
        www IN A 192.0.2.10
        www IN AAAA 2001:db8::10
        mail IN A 192.0.2.15

        """
    try zone.write(toFile: directory + "/counted.zone", atomically: true, encoding: .utf8)
    var lastError = ""
    for _ in 0..<5 {
        let port = UInt16.random(in: 20_000...59_999)
        let config = directory + "/nsd.conf"
        try """
            server:
                ip-address: 127.62.0.1
                port: \(port)
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
                control-enable: yes
                control-interface: "\(directory)/nsd.sock"
            zone:
                name: counted.test.
                zonefile: "\(directory)/counted.zone"

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let nsd = try Subprocess.start("/usr/sbin/nsd", ["-d", "-c", config])
        let address = try ServerAddress(host: "127.62.0.1", port: port)
        var up = false
        for _ in 0..<100 {
            if let answer = try? await DNSClient(options: QueryOptions(timeout: .milliseconds(200), udpRetries: 0))
                .query("counted.test.", .soa, at: address), answer.message.flags.contains(.aa),
               FileManager.default.fileExists(atPath: directory + "/nsd.sock") {
                up = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard up else {
            nsd.signal(SIGTERM)
            lastError = (await nsd.finished(timeout: .seconds(5))).standardOutput
            continue
        }
        do {
            try await body(CountedNSD(address: address, configPath: config))
        } catch {
            nsd.signal(SIGTERM)
            _ = await nsd.finished(timeout: .seconds(5))
            throw error
        }
        nsd.signal(SIGTERM)
        _ = await nsd.finished(timeout: .seconds(5))
        return
    }
    Issue.record("nsd did not start: \(lastError)")
}
