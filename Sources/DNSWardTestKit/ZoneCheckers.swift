public import DNSCore
import Foundation
import Platform

/// The zone checkers of the four servers a snapshot must load in: BIND's named-checkzone,
/// NSD's nsd-checkzone, Knot's kzonecheck, and Unbound (unbound-checkconf with an
/// `auth-zone:` reading the file, which parses it as Unbound would at start).
public enum ZoneCheckers {
    public struct Verdict: Sendable, CustomStringConvertible {
        public let checker: String
        public let status: Int32
        public let output: String
        public var passed: Bool { status == 0 }
        public var description: String { "\(checker) exit \(status): \(output)" }
    }

    public static func checkAll(zone: DomainName, path: String) async throws -> [Verdict] {
        let name = zone.isRoot ? "." : String(zone.description.dropLast())
        var verdicts: [Verdict] = []
        for (checker, tool, arguments) in [
            ("named-checkzone", "/usr/bin/named-checkzone", [name, path]),
            ("nsd-checkzone", "/usr/sbin/nsd-checkzone", [name, path]),
            ("kzonecheck", "/usr/bin/kzonecheck", ["-o", name, path]),
        ] {
            let result = try await Subprocess.run(tool, arguments, mergeErrors: true)
            verdicts.append(Verdict(checker: checker, status: result.status, output: result.standardOutput))
        }
        verdicts.append(try await unbound(zone: zone, path: path))
        return verdicts
    }

    /// The path goes into a generated config: only paths Unbound's quoting can carry.
    static func unbound(zone: DomainName, path: String) async throws -> Verdict {
        for text in [path, zone.description] {
            precondition(!text.contains("\"") && !text.contains("\n"), "unusable in unbound.conf: \(text)")
        }
        let directory = NSTemporaryDirectory() + "dnsward-unbound-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            server:
                directory: "\(directory)"
                chroot: ""
                username: ""
                use-syslog: no
            auth-zone:
                name: "\(zone)"
                zonefile: "\(path)"
                for-downstream: yes

            """.write(toFile: directory + "/unbound.conf", atomically: true, encoding: .utf8)
        let result = try await Subprocess.run("/usr/sbin/unbound-checkconf", [directory + "/unbound.conf"], mergeErrors: true)
        return Verdict(checker: "unbound", status: result.status, output: result.standardOutput)
    }
}
