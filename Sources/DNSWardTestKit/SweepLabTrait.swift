public import Testing

/// `@Suite(.lab, .sweepLab)`: the sweep lab (`labctl start-sweep`) at `SweepLab.count`
/// delegations is up for the whole suite. Suites in one test process share it, as `.lab`
/// shares the lab: the first starts it, the last stops it, so one suite's stop never pulls
/// the servers from under another's sweep.
public struct SweepLabTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    static let lease = SharedLease(
        start: {
            try await LabControl.runProcess("/usr/bin/env", ["DNSWARD_SWEEP_ZONES=\(SweepLab.count)", Lab.directory + "/labctl", "start-sweep"])
            return true
        },
        stop: { try await LabControl.run(["stop-sweep"]) })

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await Self.lease.holding(function)
    }
}

extension Trait where Self == SweepLabTrait {
    public static var sweepLab: SweepLabTrait { SweepLabTrait() }
}

public enum SweepLab {
    /// Delegations of the tests' sweep lab (the bench uses the full 100,000).
    public static let count = 1_000
    public static var directory: String { Lab.runDirectory + "/sweep" }
    public static var expectedPath: String { directory + "/expected.json" }
}
