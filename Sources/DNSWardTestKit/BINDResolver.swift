public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A BIND 9.18 resolver in the foreground on 127.0.0.1 port 5354 (BIND listens only on
/// addresses an interface carries, and only 127.0.0.1 is configured on `lo`), with
/// `allow-new-zones` and an rndc channel on 127.55.0.54 port 9530, for restore tests. Its root hints point at 127.55.0.1 only,
/// so it never asks anything beyond loopback. Stopped by its pid on every path.
public struct BINDResolver: Sendable {
    public static let address = Lab.address("127.0.0.1@5354")
    public static let controlAddress = "127.55.0.54"
    public static let controlPort = "9530"
    /// The statistics channel (`/json/v1/server`), for the server-counter tests.
    public static let statisticsAddress = Lab.address("127.0.0.1@8053")
    public let directory: String

    /// rndc's arguments to reach this server.
    public var rndcArguments: [String] {
        ["-s", Self.controlAddress, "-p", Self.controlPort, "-k", directory + "/rndc.key"]
    }
}

/// Its addresses are fixed: one BIND at a time in a test process.
private let bindQueue = OneAtATime()

public func withBINDResolver<T: Sendable>(_ body: @Sendable (BINDResolver) async throws -> T) async throws -> T {
    try await bindQueue.run { try await runBINDResolver(body) }
}

private func runBINDResolver<T: Sendable>(_ body: (BINDResolver) async throws -> T) async throws -> T {
    let directory = NSTemporaryDirectory() + "dnsward-bind-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory + "/zones", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let key = "key \"rndc-key\" { algorithm hmac-sha256; secret \"Gm8+0jC5Yzx6d2oVt0nJ4m1H8rYl0CwYw8u6V3jRk7I=\"; };\n"
    try key.write(toFile: directory + "/rndc.key", atomically: true, encoding: .utf8)
    try ". 3600000 NS a.fake.\na.fake. 3600000 A 127.55.0.1\n".write(toFile: directory + "/root.hints", atomically: true, encoding: .utf8)
    try """
        include "\(directory)/rndc.key";
        statistics-channels { inet \(BINDResolver.statisticsAddress.host) port \(BINDResolver.statisticsAddress.port) allow { 127.0.0.0/8; }; };
        controls { inet \(BINDResolver.controlAddress) port \(BINDResolver.controlPort) allow { 127.0.0.0/8; } keys { "rndc-key"; }; };
        options {
            directory "\(directory)/zones";
            pid-file "\(directory)/named.pid";
            listen-on port \(BINDResolver.address.port) { \(BINDResolver.address.host); };
            listen-on-v6 { none; };
            query-source address 127.0.0.1;
            recursion yes;
            allow-recursion { 127.0.0.0/8; };
            allow-query { 127.0.0.0/8; };
            allow-new-zones yes;
            dnssec-validation no;
            notify no;
        };
        zone "." { type hint; file "\(directory)/root.hints"; };

        """.write(toFile: directory + "/named.conf", atomically: true, encoding: .utf8)
    let check = try await Subprocess.run("/usr/bin/named-checkconf", [directory + "/named.conf"], mergeErrors: true)
    guard check.status == 0 else {
        throw LabControl.Failure(command: "named-checkconf", status: check.status, output: check.standardOutput)
    }
    let named = try Subprocess.start("/usr/sbin/named", ["-g", "-c", directory + "/named.conf"], mergeErrors: true)
    func stop() async -> String {
        named.signal(SIGTERM)
        return (await named.finished(timeout: .seconds(10))).standardOutput
    }
    let client = DNSClient(options: QueryOptions(timeout: .milliseconds(300), udpRetries: 0))
    var up = false
    for _ in 0..<100 {
        // An automatic empty zone: answered at once, without recursion.
        if let answer = try? await client.query("resolver.arpa.", .soa, at: BINDResolver.address), answer.message.rcode == .noError {
            up = true
            break
        }
        try await Task.sleep(for: .milliseconds(100))
    }
    guard up else {
        let log = await stop()
        throw LabControl.Failure(command: "named", status: -1, output: "not answering on \(BINDResolver.address)\n\(log)")
    }
    do {
        let result = try await body(BINDResolver(directory: directory))
        _ = await stop()
        return result
    } catch {
        _ = await stop()
        throw error
    }
}
