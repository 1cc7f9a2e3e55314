public import Testing

/// `@Suite(.lab)`: the lab is up for the whole suite and stopped after it on every path.
/// Suites in one test process share it: the first to need it starts it, the last to let
/// go stops it, and a lab that was already running (a developer's demo) is left alone.
public struct LabTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await LabLease.shared.acquire()
        do {
            try await function()
        } catch {
            try? await LabLease.shared.release()
            throw error
        }
        try await LabLease.shared.release()
    }
}

extension Trait where Self == LabTrait {
    public static var lab: LabTrait { LabTrait() }
}

/// Counts the suites using the lab in this process.
actor LabLease {
    static let shared = LabLease()

    private var holders = 0
    private var startedHere = false

    func acquire() async throws {
        if holders == 0, await !LabControl.isRunning() {
            try await LabControl.run(["start"])
            startedHere = true
        }
        holders += 1
    }

    func release() async throws {
        holders -= 1
        if holders == 0, startedHere {
            startedHere = false
            try await LabControl.run(["stop"])
        }
    }
}
