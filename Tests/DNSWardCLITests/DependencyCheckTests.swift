import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// scripts/check-deps.py, the check `.ci/run` runs before the tests: it must have caught
/// the missing bind9 that once broke the README's test command on a fresh machine.
@Suite struct DependencyCheckTests {
    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func check(setup: String) async throws -> ChildProcess.Result {
        try await ChildProcess.run("/usr/bin/python3", [repository + "/scripts/check-deps.py", "--setup", setup])
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
}
