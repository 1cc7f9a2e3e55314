public import DNSCore
public import Foundation
public import Model
import Synchronization

/// One host's part of a sweep: claims batches of the run's work list from the store,
/// checks each zone (per-server checks once per address, per-zone checks per zone) and
/// records the results batch by batch, until no zone is left to claim. Nothing is held
/// beyond the zones in flight and one batch of results, so memory stays flat in the size
/// of the TLD; whatever dies, the store's leases make every zone count exactly once.
public struct Sweeper: Sendable {
    public let options: SweepOptions
    let transport: DNSTransport

    public init(options: SweepOptions, transport: DNSTransport = .shared) {
        self.options = options
        self.transport = transport
    }

    /// Sweeps until the run has nothing left to claim and no other host holds a live
    /// lease (a dead host's zones are claimed again once its lease runs out). `progress`
    /// hears of every committed batch. Throws what the store throws. `stop` (Ctrl-C) ends
    /// the claims: the zones in flight finish and are recorded, the rest is given back.
    public func sweep(store: any SweepStore, run: SweepRun, owner: String, stop: SweepStop = SweepStop(),
                      progress: @escaping @Sendable (SweepHostStats) async -> Void = { _ in }) async throws -> SweepHostStats {
        let started = ContinuousClock.now
        // The probe's judges read their thresholds and port from a configuration; its zone
        // list and deadline are the probe's own and unused here.
        let configuration = ProbeConfiguration(zones: [], rootHints: options.rootHints, thresholds: options.thresholds,
                                               queryOptions: options.queryOptions, maxInFlight: options.maxInFlight,
                                               maxInFlightPerServer: options.maxInFlightPerServer, port: options.port)
        let gate = QueryGate(global: options.maxInFlight, perServer: options.maxInFlightPerServer)
        let dnsClient = DNSClient(transport: transport, options: options.queryOptions)
        let client = ProbeClient(client: dnsClient, gate: gate)
        let walker = DelegationWalker(client: dnsClient, rootHints: options.rootHints, port: options.port)
        let rate = ServerRateLimit(rate: options.ratePerServer)
        let now = Date()
        let serverChecks = ServerChecks { [configuration] address, zone in
            await rate.wait(for: address)
            let probe = ZoneProbe(target: ZoneTarget(name: zone), configuration: configuration, client: client, walker: walker,
                                  serialHistory: nil, now: now)
            let observation = await probe.observe(address, signed: false, critical: [])
            let lame = observation.soaUDP.message.map { probe.lameness($0) != nil } ?? false
            return ServerVerdict(observation: observation, lame: lame)
        }
        let tld = (try? DomainName(run.tld).lowercased()) ?? .root
        let parents = run.source.kind == .zoneList
            ? ParentReferrals(tld: tld, given: options.parentServers, walker: walker, client: client, rate: rate) : nil
        let check = SweepZoneCheck(configuration: configuration, client: client, walker: walker, servers: serverChecks,
                                   rate: rate, names: NameAddresses(walker: walker), tld: tld, parents: parents)

        let stats = SharedStats()
        func snapshot() -> SweepHostStats {
            stats.withLock { stats in
                stats.seconds = Self.seconds(ContinuousClock.now - started)
                stats.serverAddresses = serverChecks.count
                return stats
            }
        }
        let lease = options.lease
        let renewer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                guard !Task.isCancelled else { break }
                if let renewed = try? await store.renew(run: run.id, owner: owner, lease: lease), renewed > 0 {
                    stats.withLock { $0.renewals += 1 }
                }
            }
        }
        defer { renewer.cancel() }

        func commit(_ results: [SweepZoneResult]) async throws {
            guard !results.isEmpty else { return }
            let commit = try await store.record(run: run.id, owner: owner, results: results)
            stats.withLock {
                $0.zonesDone += commit.accepted
                $0.leaseLosses += commit.rejected.count
            }
            await progress(snapshot())
        }

        // Waiting for other hosts' leases: each round claims again; bounded by the lease
        // (a dead host's zones come back within it) while no zone gets done meanwhile.
        var idleSince: ContinuousClock.Instant?
        var lastDone = -1
        while true {
            try await sweepClaimable(store: store, run: run, owner: owner, check: check, now: now, stop: stop,
                                     stats: stats, commit: commit)
            if stop.isStopped {
                _ = try? await store.release(run: run.id, owner: owner)
                break
            }
            let state = try await store.progress(run: run.id)
            if state.isComplete {
                _ = try await store.finish(run: run.id, at: Date())
                break
            }
            if state.done != lastDone {
                lastDone = state.done
                idleSince = ContinuousClock.now
            }
            if let idleSince, ContinuousClock.now - idleSince > lease * 2 { break }
            try? await Task.sleep(for: min(.seconds(1), lease / 4))
        }
        return snapshot()
    }

    /// Claims and checks until a claim comes back empty or `stop` is set.
    private func sweepClaimable(store: any SweepStore, run: SweepRun, owner: String, check: SweepZoneCheck, now: Date,
                                stop: SweepStop, stats: SharedStats,
                                commit: ([SweepZoneResult]) async throws -> Void) async throws {
        let workers = max(1, options.workers)
        let batch = max(1, options.batchSize)
        try await withThrowingTaskGroup(of: SweepZoneResult.self) { group in
            var pending: [SweepItem] = []
            var next = 0
            var inFlight = 0
            var exhausted = false
            var results: [SweepZoneResult] = []
            results.reserveCapacity(batch)
            while true {
                // Claim ahead: the next batch is in hand before the workers run dry.
                if stop.isStopped {
                    exhausted = true
                    next = pending.count
                }
                if !exhausted, pending.count - next < workers {
                    let items = try await store.claim(run: run.id, owner: owner, count: batch, lease: options.lease)
                    stats.withLock {
                        $0.claims += 1
                        $0.zonesClaimed += items.count
                    }
                    if items.isEmpty {
                        exhausted = true
                    } else {
                        pending = Array(pending[next...]) + items
                        next = 0
                    }
                }
                while inFlight < workers, next < pending.count {
                    let item = pending[next]
                    next += 1
                    inFlight += 1
                    // Each zone judged at its own time: a long sweep must not check signatures against its start.
                    group.addTask { await check.run(item, now: Date()) }
                }
                guard inFlight > 0, let result = try await group.next() else { break }
                inFlight -= 1
                results.append(result)
                if results.count >= batch {
                    try await commit(results)
                    results.removeAll(keepingCapacity: true)
                }
            }
            try await commit(results)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Tells a sweep to stop claiming (Ctrl-C): set from a signal handler's thread.
public final class SweepStop: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func stop() { flag.store(true, ordering: .releasing) }
    public var isStopped: Bool { flag.load(ordering: .acquiring) }
}

/// The host's counts, updated by the sweep loop and the lease renewer.
final class SharedStats: Sendable {
    private let value = Mutex(SweepHostStats())

    func withLock<T: Sendable>(_ body: (inout SweepHostStats) -> T) -> T {
        value.withLock { body(&$0) }
    }
}
