import DNSCore
import Foundation
import Report
import Testing
import Model
import DNSWardTestKit

@Suite struct ProbeRunJSONTests {
    func decode(_ run: ProbeRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try ProbeRunJSON.encode(run))
        return try #require(object as? [String: Any])
    }

    @Test func summaryKeys() throws {
        let json = try decode(SampleRun.make())
        #expect(json["schema"] as? Int == 1)
        #expect(json["status"] as? String == "CRITICAL")
        #expect(json["exitCode"] as? Int == 2)
        #expect(json["started"] as? String == "2026-08-22T10:00:00Z")
        #expect(json["finished"] as? String == "2026-08-22T10:00:03Z")
        #expect(json["durationSeconds"] as? Double == 3.5)
        #expect(json["zones"] as? [String] == ["healthy.test", "serial.test", "partial.test", "signed.test", SampleRun.trickyZone])
        #expect(json["resolvers"] as? [String] == ["lab-resolver"])
        #expect(json["counts"] as? [String: Int] == ["OK": 2, "WARNING": 3, "CRITICAL": 3, "UNKNOWN": 2])
        #expect(json["dnssecExpiry"] as? [String: String] == [
            "signed.test": "2026-09-01T00:00:00Z", SampleRun.trickyZone: "2026-08-29T12:00:00Z",
        ])
        #expect(Set(json.keys) == [
            "schema", "status", "exitCode", "started", "finished", "durationSeconds", "zones", "resolvers",
            "counts", "findings", "measurements", "dnssecExpiry",
        ])
    }

    @Test func findingsWorstFirstThenByCheckZoneServer() throws {
        let findings = try #require(try decode(SampleRun.make())["findings"] as? [[String: Any]])
        let order = findings.map { "\($0["severity"]!) \($0["check"]!) \($0["server"] as? String ?? "-")" }
        #expect(order == [
            "CRITICAL AUTH-DNSSEC ns1.signed.test",
            "CRITICAL AUTH-SERIAL ns2.serial.test",
            "CRITICAL REC-CORRECT lab-resolver",
            "UNKNOWN AUTH-DNSSEC ns1.signed.test",
            "UNKNOWN AUTH-EDNS ns2.signed.test",
            "WARNING AUTH-DIVERSITY -",
            "WARNING AUTH-EDNS ns2.signed.test",
            "WARNING AUTH-REACH-UDP ns2.partial.test",
            "OK AUTH-AXFR ns1.healthy.test",
            "OK AUTH-SERIAL ns1.serial.test",
        ])
    }

    @Test func findingCarriesEveryKey() throws {
        let findings = try #require(try decode(SampleRun.make())["findings"] as? [[String: Any]])
        let serial = try #require(findings.first { $0["check"] as? String == "AUTH-SERIAL" })
        #expect(serial["severity"] as? String == "CRITICAL")
        #expect(serial["zone"] as? String == "serial.test")
        #expect(serial["server"] as? String == "ns2.serial.test")
        #expect(serial["address"] as? String == "127.53.2.2")
        #expect(serial["transport"] as? String == "udp")
        #expect(serial["reason"] as? String == "serial-lag")
        #expect(serial["message"] as? String
            == "serial 2026082201 is 1 behind 2026082202, lagging for 180 min (tolerance 60 min, expire 120 min)")
        let parameters = try #require(serial["parameters"] as? [String: [String: Any]])
        #expect(parameters["serial"]?["kind"] as? String == "serial")
        #expect(parameters["serial"]?["value"] as? Int == 2_026_082_201)
        #expect(parameters["lag"]?["kind"] as? String == "seconds")
        #expect(parameters["lag"]?["value"] as? Double == 10_800)
        #expect(parameters["referenceFirstSeen"]?["value"] as? String == "2026-08-22T07:00:00Z")
        let evidence = try #require(serial["evidence"] as? [String: String])
        #expect(evidence["serial"] == "2026082201" && evidence["reference"] == "2026082202" && evidence["distance"] == "1")
        #expect(serial["time"] as? String == "2026-08-22T10:00:02Z")

        let diversity = try #require(findings.first { $0["check"] as? String == "AUTH-DIVERSITY" })
        #expect(diversity["server"] is NSNull)
        #expect(diversity["address"] is NSNull)
        #expect(diversity["transport"] is NSNull)

        let tricky = try #require(findings.first { $0["check"] as? String == "REC-CORRECT" })
        #expect(tricky["zone"] as? String == SampleRun.trickyZone)
        #expect(tricky["message"] as? String == SampleRun.trickyMessage)
    }

    @Test func measurementsKeepUnansweredQueriesAsNull() throws {
        let measurements = try #require(try decode(SampleRun.make())["measurements"] as? [[String: Any]])
        #expect(measurements.count == SampleRun.measurements.count)
        #expect(measurements[0]["rttSeconds"] as? Double == 0.0011)
        #expect(measurements[0]["serial"] as? Int == 2_026_082_202)
        #expect(measurements[0]["transport"] as? String == "udp")
        #expect(measurements[7]["address"] as? String == "127.53.2.4")
        #expect(measurements[7]["rttSeconds"] is NSNull)
        #expect(measurements[7]["serial"] is NSNull)
    }

    @Test func keysAreSortedAndOutputIsStable() throws {
        let data = try ProbeRunJSON.encode(SampleRun.make())
        let text = String(decoding: data, as: UTF8.self)
        let topLevel = ["counts", "dnssecExpiry", "durationSeconds", "exitCode", "findings", "finished",
                        "measurements", "resolvers", "schema", "started", "status", "zones"]
        let positions = topLevel.map { text.range(of: "\n  \"\($0)\"")?.lowerBound }
        #expect(!positions.contains(nil), "\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        var shuffled = SampleRun.make()
        shuffled.findings.reverse()
        #expect(try ProbeRunJSON.encode(shuffled) == data)
    }

    @Test func okRunCountsZero() throws {
        let json = try decode(SampleRun.make(findings: []))
        #expect(json["status"] as? String == "OK")
        #expect(json["exitCode"] as? Int == 0)
        #expect(json["counts"] as? [String: Int] == ["OK": 0, "WARNING": 0, "CRITICAL": 0, "UNKNOWN": 0])
        #expect((json["findings"] as? [Any])?.isEmpty == true)
    }
}
