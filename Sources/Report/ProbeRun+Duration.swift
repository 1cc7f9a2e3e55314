import DNSCore
import Foundation
import Model

extension ProbeRun {
    /// Never negative: the wall clock can step back during a run.
    var durationSeconds: Double { max(0, finished.timeIntervalSince(started)) }
}
