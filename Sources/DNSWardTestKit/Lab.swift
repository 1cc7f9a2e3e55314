public import DNSCore
import Foundation

/// The bundled lab topology (lab/README.md): addresses and zones the tests talk to.
public enum Lab {
    /// The repository's lab/ folder, found from this source file so tests run from anywhere.
    public static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("lab").path
    }()

    public static var runDirectory: String {
        ProcessInfo.processInfo.environment["DNSWARD_LAB_RUN"] ?? directory + "/.run"
    }

    public static var rootHintsPath: String { runDirectory + "/root.hints" }

    /// Configuration files the servers' control tools read (remote control is enabled for
    /// these: nsd-control over a unix socket, knotc with mod-stats, unbound-control).
    public static var authAConfig: String { runDirectory + "/nsd-auth-a.conf" }
    public static var authBConfig: String { runDirectory + "/knot-auth-b.conf" }
    public static var resolverConfig: String { runDirectory + "/unbound-resolver.conf" }

    public static func address(_ text: String) -> ServerAddress {
        do { return try ServerAddress(parsing: text) } catch { fatalError("bad lab address \(text)") }
    }

    public static let rootA = address("127.53.0.1")
    public static let rootB = address("127.53.0.2")
    public static let tldNSD = address("127.53.1.1")
    public static let tldKnot = address("127.53.1.2")
    public static let authA = address("127.53.2.1")
    public static let authB = address("127.53.2.2")
    /// Receives and never answers.
    public static let blackhole = address("127.53.2.3")
    /// Nothing listens: ICMP port unreachable, TCP connection refused.
    public static let closed = address("127.53.2.4")
    public static let resolver = address("127.53.9.1")
    public static let liar = address("127.53.9.2")

    public static func rootHints() throws -> RootHints {
        try RootHints(contentsOf: rootHintsPath)
    }
}
