/// Something suites in one test process share (a lab): the first holder starts it, the
/// last to let go stops it. The count changes at once; starts and stops run one after the
/// other in a chain, so a suite arriving while the last one's stop is under way waits for
/// it and starts again, instead of finding it "running" and losing it half-way through.
actor SharedLease {
    /// Starts the thing; false when it was already running (a developer's demo), which
    /// then is left running.
    private let start: @Sendable () async throws -> Bool
    private let stop: @Sendable () async throws -> Void
    private var holders = 0
    private var startedHere = false
    private var last: Task<Void, any Error>?

    init(start: @escaping @Sendable () async throws -> Bool, stop: @escaping @Sendable () async throws -> Void) {
        self.start = start
        self.stop = stop
    }

    /// `function` with the thing up, released on every path.
    nonisolated func holding(_ function: @Sendable () async throws -> Void) async throws {
        try await acquire()
        do {
            try await function()
        } catch {
            try? await release()
            throw error
        }
        try await release()
    }

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
        guard holders > 0, !startedHere else { return }
        startedHere = try await start()
    }

    private func stopIfStartedHere() async throws {
        guard holders == 0, startedHere else { return }
        startedHere = false
        try await stop()
    }
}
