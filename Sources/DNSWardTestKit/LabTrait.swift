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

/// Counts the suites using the lab in this process. The count changes at once; starts and
/// stops run one after the other in a chain, so a suite arriving while the last one's stop
/// is under way waits for it and starts the lab again, instead of finding it "running" and
/// losing it half-way through.
actor LabLease {
    static let shared = LabLease()

    private var holders = 0
    private var startedHere = false
    private var last: Task<Void, any Error>?

    func acquire() async throws {
        holders += 1
        if holders == 1 { enqueue { try await self.startIfNeeded() } }
        do {
            try await last?.value
        } catch {
            holders -= 1
            throw error
        }
    }

    func release() async throws {
        holders -= 1
        guard holders == 0 else { return }
        try await enqueue { try await self.stopIfStartedHere() }.value
    }

    @discardableResult
    private func enqueue(_ body: @escaping @Sendable () async throws -> Void) -> Task<Void, any Error> {
        let previous = last
        let task = Task {
            _ = try? await previous?.value
            try await body()
        }
        last = task
        return task
    }

    private func startIfNeeded() async throws {
        guard holders > 0, !startedHere, await !LabControl.isRunning() else { return }
        try await LabControl.run(["start"])
        startedHere = true
    }

    private func stopIfStartedHere() async throws {
        guard holders == 0, startedHere else { return }
        startedHere = false
        try await LabControl.run(["stop"])
    }
}
