public import DNSCore
public import Foundation
import Synchronization
public import Model

/// Runs every check of a configuration once, concurrently, within its deadline.
public struct Prober: Sendable {
    public let configuration: ProbeConfiguration
    /// With history: what it knows about a zone's newest serial (nil: never seen it), so a
    /// lagging server can be said to lag "for N minutes". Without history (no closure) a
    /// lag's duration is unknown. Asked only for zones with a lagging server.
    public let serialHistory: (@Sendable (String, UInt32) -> SerialHistory?)?
    let transport: DNSTransport

    public init(configuration: ProbeConfiguration, transport: DNSTransport = .shared,
                serialHistory: (@Sendable (String, UInt32) -> SerialHistory?)? = nil) {
        self.configuration = configuration
        self.transport = transport
        self.serialHistory = serialHistory
    }

    /// The whole run as one value, findings worst first.
    public func run() async -> ProbeRun {
        let gathered = Gathered()
        let frame = await run { await gathered.add($0) }
        return await gathered.run(frame)
    }

    /// Runs the checks and hands each part of the run to `deliver` as soon as it is final,
    /// one at a time, in no particular order: a zone's authoritative results when its
    /// answers are in (its resolver checks start then, too), each resolver's findings as
    /// they end, and the run's own findings (deadline) last.
    public func run(started: Date = Date(), each deliver: @escaping @Sendable (ProbeBatch) async -> Void) async -> ProbeRunFrame {
        let gate = QueryGate(global: configuration.maxInFlight, perServer: configuration.maxInFlightPerServer)
        let dnsClient = DNSClient(transport: transport, options: configuration.queryOptions)
        let client = ProbeClient(client: dnsClient, gate: gate)
        // A resolver answering for a zone with a dead authority first waits out its own
        // timeouts to it: recursive questions get twice the authoritative budget.
        var recursiveOptions = configuration.queryOptions
        recursiveOptions.timeout = recursiveOptions.timeout * 2
        let resolverClient = ProbeClient(client: DNSClient(transport: transport, options: recursiveOptions), gate: gate)
        let walker = DelegationWalker(client: dnsClient, rootHints: configuration.rootHints, port: configuration.port)
        let zoneNames = configuration.zones.map(\.name.description)
        let resolverNames = configuration.resolvers.map(\.name)
        let progress = Progress()
        // Once the deadline has passed, cancelled work must not deliver behind the caller's back.
        let open = Atomic<Bool>(true)
        let deliverWhileOpen: @Sendable (ProbeBatch) async -> Void = { batch in
            if open.load(ordering: .acquiring) { await deliver(batch) }
        }

        let timedOut = await withDeadline(configuration.deadline) { [configuration, serialHistory] in
            enum Work: Sendable {
                case zone(ZoneResult, [ResolverPrefetch])
                case resolver([Finding], zone: DomainName?)
            }
            let resolvers = configuration.resolvers.map { ResolverProbe(target: $0, client: resolverClient, now: started) }
            await withTaskGroup(of: Work.self) { group in
                // A sliding window of zones: ten thousand zones started at once would park
                // hundreds of thousands of queries at the gate, each holding its task's memory.
                let window = max(8, configuration.maxInFlight / 4)
                var pending = configuration.zones[...]
                func startNext() {
                    guard let target = pending.popFirst() else { return }
                    group.addTask {
                        let prefetched = resolvers.map { $0.prefetch(target) }
                        return .zone(await ZoneProbe(target: target, configuration: configuration, client: client, walker: walker,
                                                     serialHistory: serialHistory, now: started).run(), prefetched)
                    }
                }
                func startResolverWork(_ body: @escaping @Sendable () async -> [Finding], zone: DomainName?) async {
                    await progress.resolverWorkStarted()
                    group.addTask { .resolver(await body(), zone: zone) }
                }
                let firstZone = configuration.zones.first?.name
                for resolver in resolvers {
                    await startResolverWork({ await resolver.resolverChecks(firstZone: firstZone) }, zone: nil)
                }
                for _ in 0..<window { startNext() }
                var validating = Set(resolvers.indices.filter { resolvers[$0].target.validating })
                for await work in group {
                    switch work {
                    case .zone(let result, let prefetched):
                        await progress.zoneFinished(result.zone)
                        await deliverWhileOpen(ProbeBatch(zone: result.zone.description, findings: result.findings,
                                                 measurements: result.measurements, dnssecExpiry: result.dnssecExpiry))
                        // The zone's resolver checks need only its own authoritative truth.
                        for (resolver, prefetch) in zip(resolvers, prefetched) where !result.servers.isEmpty {
                            await startResolverWork({ await resolver.zoneChecks(result, prefetched: prefetch) }, zone: result.zone)
                        }
                        // A validating resolver is asked for AD on the first zone whose chain
                        // validated at the authorities.
                        if result.findings.contains(where: { $0.check == .authDNSSEC && $0.reason == .dnssecOK }) {
                            for index in validating {
                                let resolver = resolvers[index]
                                await startResolverWork({ await resolver.validation(of: result.zone) }, zone: result.zone)
                            }
                            validating = []
                        }
                        startNext()
                    case .resolver(let findings, let zone):
                        await progress.resolverWorkFinished()
                        if !findings.isEmpty { await deliverWhileOpen(ProbeBatch(zone: zone?.description, findings: findings)) }
                    }
                }
            }
        }

        if timedOut {
            open.store(false, ordering: .releasing)
            var findings: [Finding] = []
            let deadline: FindingParameters = ["deadline": .seconds(configuration.deadline.seconds)]
            let finished = await progress.finishedZones
            for zone in configuration.zones where !finished.contains(zone.name) {
                findings.append(Finding(check: .probe, severity: .unknown, reason: .deadlineZone, parameters: deadline,
                                        zone: zone.name.description, time: started))
            }
            if await progress.resolverWorkOpen {
                findings.append(Finding(check: .probe, severity: .unknown, reason: .deadlineResolvers, parameters: deadline,
                                        time: started))
            }
            if !findings.isEmpty { await deliver(ProbeBatch(zone: nil, findings: findings)) }
        }
        return ProbeRunFrame(started: started, finished: Date(), zones: zoneNames, resolvers: resolverNames)
    }
}

/// What of the run has finished, so a deadline can say what did not.
actor Progress {
    private(set) var finishedZones = Set<DomainName>()
    private var resolverWork = 0

    func zoneFinished(_ zone: DomainName) { finishedZones.insert(zone) }
    func resolverWorkStarted() { resolverWork += 1 }
    func resolverWorkFinished() { resolverWork -= 1 }
    /// Resolver checks still running.
    var resolverWorkOpen: Bool { resolverWork > 0 }
}

/// Batches gathered into one `ProbeRun`.
actor Gathered {
    private var findings: [Finding] = []
    private var measurements: [Model.Measurement] = []
    private var expiry: [String: Date] = [:]

    func add(_ batch: ProbeBatch) {
        findings += batch.findings
        measurements += batch.measurements
        if let zone = batch.zone, let date = batch.dnssecExpiry { expiry[zone] = date }
    }

    func run(_ frame: ProbeRunFrame) -> ProbeRun {
        ProbeRun(started: frame.started, finished: frame.finished, zones: frame.zones, resolvers: frame.resolvers,
                 findings: findings.sortedWorstFirst(), measurements: measurements, dnssecExpiry: expiry)
    }
}

/// Runs `body` until it finishes or `deadline` passes, whichever is first; true when the
/// deadline came first. On the deadline the work is cancelled and this returns at once:
/// some waits (a zone transfer on its own thread) do not stop for cancellation, and cron
/// must never wait for them.
func withDeadline(_ deadline: Duration, _ body: @escaping @Sendable () async -> Void) async -> Bool {
    let work = Task { await body() }
    let finishedInTime = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let once = ResumeOnce(continuation)
        let timer = Task {
            try? await Task.sleep(for: deadline)
            once.resume(false)
        }
        Task {
            await work.value
            timer.cancel()
            once.resume(true)
        }
    }
    if !finishedInTime { work.cancel() }
    return !finishedInTime
}

/// Resumes a continuation from whichever racer gets there first.
final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Bool, Never>?>

    init(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Bool) {
        continuation.withLock { pending in
            pending?.resume(returning: value)
            pending = nil
        }
    }
}
