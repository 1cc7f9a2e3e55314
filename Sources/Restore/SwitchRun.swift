import DNSCore
import Foundation
import Model

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

/// The first steps every resolver's apply shares: the report's header, the snapshot's
/// admission (refused unless forced) and what the resolver must answer afterwards.
struct SwitchStart {
    var run = SwitchRun()
    var report: RestoreResult
    let admission: SnapshotAdmission
    let expectations: [CriticalExpectation]

    init(_ snapshot: RestoreSnapshot, resolver: ResolverKind, mode: RestoreMode, critical: [CriticalQuestion],
         force: Bool, now: Date) throws(RestoreError) {
        report = RestoreResult(zone: snapshot.zone, resolver: resolver, outcome: .applied)
        report.mode = mode
        report.snapshot = snapshot.id
        report.serial = snapshot.manifest.serial
        admission = try SnapshotAdmission.check(snapshot, now: now, force: force)
        try admission.enforce(zone: snapshot.zone)
        report.admission = admission
        report.warnings += admission.warnings
        run.step("admission (SHA-256, verification, signature horizon)")
        let questions = critical.isEmpty ? CriticalQuestion.defaults(for: snapshot.zone) : critical
        expectations = try CriticalExpectation.from(snapshot, questions: questions)
    }
}
