public import DNSCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// NSD in the foreground on 127.61.0.2 and a random port, serving one zone from the given
/// master-file text to any loopback transfer; stopped by its pid on every path. For zones
/// the lab does not have: hostile names, forgeries of the lab's signed zones.
public func withZoneNSD(zone: DomainName, zoneFile text: String, _ body: (ServerAddress) async throws -> Void) async throws {
    let directory = NSTemporaryDirectory() + "dnsward-nsd-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try text.write(toFile: directory + "/zone", atomically: true, encoding: .utf8)
    var lastError = ""
    for _ in 0..<5 {
        let port = UInt16.random(in: 20_000...59_999)
        try """
            server:
                ip-address: 127.61.0.2
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
            zone:
                name: "\(zone)"
                zonefile: "\(directory)/zone"
                provide-xfr: 127.0.0.0/8 NOKEY

            """.write(toFile: directory + "/nsd.conf", atomically: true, encoding: .utf8)
        let nsd = try Subprocess.start("/usr/sbin/nsd", ["-d", "-c", directory + "/nsd.conf"], mergeErrors: true)
        let address = try ServerAddress(host: "127.61.0.2", port: port)
        var up = false
        for _ in 0..<100 {
            if let answer = try? await DNSClient(options: QueryOptions(timeout: .milliseconds(200), udpRetries: 0))
                .query(zone, .soa, at: address), answer.message.flags.contains(.aa) {
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
