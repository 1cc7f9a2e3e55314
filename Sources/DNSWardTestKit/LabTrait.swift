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
///
/// A suite counts the moment it asks, before anything is awaited: otherwise the last
/// suite to leave could see no holders while another's start was still queued behind
/// labctl's lock, and stop the lab under it once that start returned.
actor LabLease {
    static let shared = LabLease()

    private var holders = 0
    private var startedHere = false
    /// The start or stop under way; the next one runs after it.
    private var change: Task<Void, any Error>?

    func acquire() async throws {
        holders += 1
        if holders == 1 {
            let previous = change
            change = Task {
                _ = await previous?.result
                if await !LabControl.isRunning() {
                    try await LabControl.run(["start"])
                    await self.markStarted()
                }
            }
        }
        do {
            try await change?.value
        } catch {
            holders -= 1
            throw error
        }
    }

    func release() async throws {
        holders -= 1
        guard holders == 0, startedHere else { return }
        startedHere = false
        let previous = change
        let stop = Task {
            _ = await previous?.result
            try await LabControl.run(["stop"])
        }
        change = stop
        try await stop.value
    }

    private func markStarted() {
        startedHere = true
    }
}
