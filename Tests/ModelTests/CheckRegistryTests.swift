import DNSCore
import Foundation
import Testing
import Model

@Suite struct CheckRegistryTests {
    @Test func everyCheckIsRegisteredOnce() {
        #expect(CheckRegistry.checks.map(\.id) == CheckID.all)
        #expect(Set(CheckRegistry.checks.map(\.id)).count == CheckRegistry.checks.count)
    }

    @Test func reasonsBelongToOneCheckAndRenderInEnglish() {
        let reasons = CheckRegistry.reasons
        #expect(Set(reasons).count == reasons.count, "a reason listed under two checks")
        for reason in reasons {
            #expect(EnglishMessages.render(reason, [:]) != nil, "\(reason) has no English message")
        }
        #expect(EnglishMessages.render(Reason("no-such-reason"), [:]) == nil)
    }

    /// The README's check table is the registry, row for row.
    @Test func readmeTableIsTheRegistry() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").map(String.init)
        let start = try #require(rows.firstIndex(of: "| ID | asks | judges | severity |"))
        let table = rows[start...].prefix { $0.hasPrefix("|") }.joined(separator: "\n")
        #expect(table == CheckRegistry.markdownTable)
    }

    @Test func aMessageIsRenderedFromReasonAndParameters() {
        let finding = Finding(check: .authSerial, severity: .warning, reason: .serialLagUnknownDuration,
                              parameters: ["serial": .serial(2_024_050_101), "reference": .serial(2_024_060_102),
                                           "distance": .integer(10_001)])
        #expect(finding.message == "serial 2024050101 is 10001 behind 2024060102, for an unknown time (no history)")
        #expect(finding.evidence == ["serial": "2024050101", "reference": "2024060102", "distance": "10001"])
    }

    @Test(arguments: [
        FindingValue.text("a \"quoted\"\nline"), .integer(-3), .number(0.25), .flag(true), .serial(4_294_967_295),
        .address("[2001:db8::1]:5353"), .name("www.example.org."), .time(Date(timeIntervalSince1970: 1_787_392_800)),
        .seconds(3600), .list(["a", "b c"]),
    ])
    func valuesKeepTheirKindThroughJSON(value: FindingValue) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let parameters: FindingParameters = ["key": value]
        let back = try decoder.decode(FindingParameters.self, from: try encoder.encode(parameters))
        #expect(back == parameters)
    }
}
