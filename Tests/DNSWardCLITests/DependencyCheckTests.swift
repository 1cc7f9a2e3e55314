import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// scripts/check-deps.py, the check `.ci/run` runs before the tests: it must have caught
/// the missing bind9 that once broke the README's test command on a fresh machine.
@Suite struct DependencyCheckTests {
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func check(setup: String) async throws -> Subprocess.Result {
        try await Subprocess.run("/usr/bin/python3", [repository + "/scripts/check-deps.py", "--setup", setup])
    }

    /// Programs count where they run, never in prose: comments, messages and heredoc data
    /// name named, knotc, nsd-control and dnsperf, and none of them is reported.
    @Test func findsProgramsWhereTheyRunAndNotInProse() async throws {
        let root = NSTemporaryDirectory() + "check-deps-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for directory in ["Sources", "lab", "scripts"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try #"""
            // Runs /usr/sbin/named when asked; see named-checkzone(8).
            /* "/usr/sbin/nsd-checkzone" in a comment /* nested */ */
            let message = "restart named, then knotc reload"
            let tool = "/usr/sbin/unbound-checkconf"
            let rndc = ExternalTool.locate("rndc")
            let keys = try run("/usr/bin/env", ["-C", directory, "ldns-keygen", "-a", "ECDSAP256SHA256"])
            let check = try run("/bin/sh", ["-c", "exec promtool check metrics < \"$1\"", "sh", file])
            let raw = #"say "nsd-control \(reload)" to it"#
            """#.write(toFile: root + "/Sources/Sample.swift", atomically: true, encoding: .utf8)
        try #"""
            #!/usr/bin/env bash
            # then run knotc and nsd-control to check
            helper() { ldns-read-zone "$1"; }
            cat >conf <<EOF
            named -g
            EOF
            timeout 2 dig +short @127.0.0.1 example.test
            for server in unbound nsd; do echo "$server"; done
            helper zone.file
            python3 - <<'PY'
            import subprocess
            subprocess.run(["kzonecheck", "-o", "example.test", "zone.file"])  # dnsperf in a comment
            PY
            "$PYTHON" other.py
            lab/other-script
            """#.write(toFile: root + "/lab/sample", atomically: true, encoding: .utf8)
        try """
            import subprocess
            print("run dnsperf by hand")
            subprocess.run(["zonemaster-cli", "--version"], check=True)
            """.write(toFile: root + "/scripts/sample.py", atomically: true, encoding: .utf8)

        let result = try await Subprocess.run("/usr/bin/python3", [
            Self.repository + "/scripts/check-deps.py", "--root", root, "--setup", Self.repository + "/scripts/setup-debian.sh", "--list"])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("check-deps:") }
        let found = Set(rows.compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(found == ["cat", "dig", "env", "kzonecheck", "ldns-keygen", "ldns-read-zone", "promtool", "python3", "rndc", "sh",
                          "timeout", "unbound-checkconf", "zonemaster-cli"], "\(result.standardOutput)")
    }

    @Test func passesOnTheRealSetUp() async throws {
        let result = try await Self.check(setup: Self.repository + "/scripts/setup-debian.sh")
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("check-deps: OK"))
    }

    @Test func failsNamingNamedAndBind9WhenTheSetUpLacksBind9() async throws {
        let original = try String(contentsOfFile: Self.repository + "/scripts/setup-debian.sh", encoding: .utf8)
        // Only the word bind9 itself: bind9-utils and bind9-dnsutils stay.
        let withoutBind9 = original.replacingOccurrences(of: #"(?<=\s)bind9(?=\s)"#, with: "", options: .regularExpression)
        #expect(withoutBind9 != original)
        #expect(withoutBind9.contains("bind9-utils"))
        let copy = NSTemporaryDirectory() + "setup-debian-without-bind9-\(UUID().uuidString).sh"
        try withoutBind9.write(toFile: copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: copy) }

        let result = try await Self.check(setup: copy)
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardError.contains("check-deps: named (/usr/sbin/named, used at "))
        #expect(result.standardError.contains("is in Debian package bind9, which \(copy) does not install: add bind9"))
        // Nothing else is reported: the check names what is missing and only that.
        #expect(result.standardError.contains("FAILED - 1 of "))
    }

    /// PostgreSQL's programs live in a private directory (`/usr/lib/postgresql/15/bin`), not on
    /// PATH; the check still finds the test kit's initdb and postgres there.
    @Test func failsNamingInitdbWhenTheSetUpLacksPostgreSQL() async throws {
        let original = try String(contentsOfFile: Self.repository + "/scripts/setup-debian.sh", encoding: .utf8)
        // Both the metapackage and the versioned package that holds the programs.
        let without = original.replacingOccurrences(of: #"(?<=\s)postgresql(-15)?(?=\s)"#, with: "", options: .regularExpression)
        #expect(without != original)
        let copy = NSTemporaryDirectory() + "setup-debian-without-postgresql-\(UUID().uuidString).sh"
        try without.write(toFile: copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: copy) }

        let result = try await Self.check(setup: copy)
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardError.contains("check-deps: initdb (/usr/lib/postgresql/15/bin/initdb, used at Sources/DNSWardTestKit/"))
        #expect(result.standardError.contains("check-deps: postgres (/usr/lib/postgresql/15/bin/postgres, used at "))
        #expect(result.standardError.contains("FAILED - 2 of "))
    }
}
