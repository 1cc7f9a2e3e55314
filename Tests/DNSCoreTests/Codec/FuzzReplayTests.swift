import DNSCore
import Foundation
import Testing

/// Replays the fuzzer's seed corpus and every crasher it ever found (Fixtures/fuzz/):
/// each input must decode or throw, never crash, and what decodes must survive a round
/// trip with its question intact — the property FuzzTesting/ checks.
@Suite struct FuzzReplayTests {
    static let inputs: [String] = {
        let directory = Fixtures.path("fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }()

    @Test func corpusIsThere() {
        #expect(Self.inputs.count >= 7)
    }

    @Test(arguments: inputs)
    func replays(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard let message = try? Message(wire: bytes) else { return }
        for record in message.answer + message.authority + message.additional {
            #expect(!record.description.isEmpty)
        }
        let again = try Message(wire: try message.wire())
        #expect(again.question == message.question)
        #expect(again.answer.map(\.canonicalKey) == message.answer.map(\.canonicalKey))
    }

    @Test func seedsDecodeAsBuilt() throws {
        func load(_ name: String) throws -> Message {
            try Message(wire: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fuzz/\(name)")))))
        }
        #expect(try load("answer-a").answer.compactMap(\.address) == ["192.0.2.1", "::"])
        #expect(try load("answer-mx-soa").answer.first?.target == "mail.example.org.")
        #expect(try load("badvers").rcode == .badVers)
        #expect(try load("txt-rrsig").answer.last?.rrsig?.keyTag == 4242)
        #expect(try load("truncated").flags.contains(.tc))
    }
}
