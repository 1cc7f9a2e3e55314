public import Testing

/// `@Suite(.lab)`: the lab is up for the whole suite and stopped after it on every path.
/// Suites in one test process share it: the first to need it starts it, the last to let
/// go stops it, and a lab that was already running (a developer's demo) is left alone.
public struct LabTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    static let lease = SharedLease(
        start: {
            guard await !LabControl.isRunning() else { return false }
            try await LabControl.run(["start"])
            return true
        },
        stop: { try await LabControl.run(["stop"]) })

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await Self.lease.holding(function)
    }
}

extension Trait where Self == LabTrait {
    public static var lab: LabTrait { LabTrait() }
}
