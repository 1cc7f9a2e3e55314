public import Testing

/// `@Suite(.lab, .sweepLab)`: the sweep lab (`labctl start-sweep`) at `SweepLab.count`
/// delegations is up for the whole suite. Suites in one test process share it, as `.lab`
/// shares the lab: the first starts it, the last stops it, so one suite's stop never pulls
/// the servers from under another's sweep.
public struct SweepLabTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await SweepLabLease.shared.acquire()
        do {
            try await function()
        } catch {
            try? await SweepLabLease.shared.release()
            throw error
        }
        try await SweepLabLease.shared.release()
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

actor SweepLabLease {
    static let shared = SweepLabLease()

    private var holders = 0
    private var last: Task<Void, any Error>?

    func acquire() async throws {
        holders += 1
        if holders == 1 {
            enqueue {
                try await LabControl.runProcess("/usr/bin/env", ["DNSWARD_SWEEP_ZONES=\(SweepLab.count)", Lab.directory + "/labctl", "start-sweep"])
            }
        }
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
        try await enqueue { try await LabControl.run(["stop-sweep"]) }.value
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
}
