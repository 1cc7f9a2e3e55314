import DNSCore
@testable import Probe
import Synchronization
import Testing

/// The RFC 8906 probes are asked once per address and run, however many zones the address
/// serves; the zones that come later, or at the same time, get the first one's answers.
@Suite struct EDNSProbeMemoTests {
    let first = try! ServerAddress(parsing: "192.0.2.53")
    let second = try! ServerAddress(parsing: "192.0.2.54")

    @Test func eachAddressIsAskedOnceWhateverTheNumberOfZones() async {
        let memo = EDNSProbeMemo()
        let asked = AskCount()
        let (first, second) = (self.first, self.second)
        let answers = await withTaskGroup(of: ProbeClient.Outcome?.self) { group in
            for zone in 0..<50 {
                let address = zone % 2 == 0 ? first : second
                group.addTask {
                    let probes = await memo.probes(of: address) {
                        asked.value.add(1, ordering: .relaxed)
                        try? await Task.sleep(for: .milliseconds(20))   // still out while the others ask
                        return [.version1: .failure("asked about zone \(zone)", code: "timeout")]
                    }
                    return probes[.version1]
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome?.summary ?? "none") }
            return all
        }
        #expect(asked.value.load(ordering: .relaxed) == 2, "one asking per address")
        #expect(Set(answers).count == 2, "every zone of an address sees that address's answers")
        #expect(answers.count == 50)
    }
}

final class AskCount: Sendable {
    let value = Atomic<Int>(0)
}
