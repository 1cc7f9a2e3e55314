import DNSCore
import Foundation

/// The clock of one switch and the steps taken, with their times.
struct SwitchRun {
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    var last: ContinuousClock.Instant
    var steps: [String] = []

    init() {
        start = clock.now
        last = start
    }

    mutating func step(_ text: String) {
        let now = clock.now
        steps.append(text + String(format: " (%.3f s)", Self.seconds(now - last)))
        last = now
    }

    var seconds: Double { Self.seconds(clock.now - start) }

    static func seconds(_ duration: Duration) -> Double {
        duration.seconds
    }
}
