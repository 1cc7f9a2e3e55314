public import DNSCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// NSD in the foreground on 127.61.0.1 and a random port, serving `keyed.test.` (3,003
/// records) to transfers signed with the TSIG key `transfer.key` (hmac-sha256, `secret`)
/// only; stopped by its pid on every path.
public func withKeyedNSD(secret: String, _ body: (ServerAddress) async throws -> Void) async throws {
    let directory = NSTemporaryDirectory() + "dnsward-tsig-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var lines = ["$ORIGIN keyed.test.", "$TTL 300", "@ IN SOA ns1 hostmaster 2026112401 3600 900 604800 60", "@ IN NS ns1",
                 "ns1 IN A 192.0.2.1"]
    for index in 0..<3000 { lines.append("h\(index) IN A 192.0.2.\(index % 250)") }
    try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/keyed.zone", atomically: true, encoding: .utf8)
    var lastError = ""
    for _ in 0..<5 {
        let port = UInt16.random(in: 20_000...59_999)
        try """
            server:
                ip-address: 127.61.0.1
                port: \(port)
                username: ""
                chroot: ""
                database: ""
                zonelistfile: "\(directory)/zone.list"
                xfrdfile: "\(directory)/xfrd.state"
                pidfile: "\(directory)/nsd.pid"
                rrl-ratelimit: 0
                verbosity: 1
            remote-control:
                control-enable: no
            key:
                name: "transfer.key"
                algorithm: hmac-sha256
                secret: "\(secret)"
            zone:
                name: keyed.test.
                zonefile: "\(directory)/keyed.zone"
                provide-xfr: 127.0.0.0/8 transfer.key

            """.write(toFile: directory + "/nsd.conf", atomically: true, encoding: .utf8)
        let nsd = try Subprocess.start("/usr/sbin/nsd", ["-d", "-c", directory + "/nsd.conf"])
        let address = try ServerAddress(host: "127.61.0.1", port: port)
        var up = false
        for _ in 0..<100 {
            if let answer = try? await DNSClient(options: QueryOptions(timeout: .milliseconds(200), udpRetries: 0))
                .query("keyed.test.", .soa, at: address), answer.message.flags.contains(.aa) {
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
            try await body(address)
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

