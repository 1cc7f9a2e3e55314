import DNSCore

/// One resolver's answers for one zone, asked when the zone's probe started
/// (`ResolverProbe.prefetch`). Not children of the zone's task: the resolver's checks, which
/// start later, take them over. Each ends within the recursive timeout budget.
struct ResolverPrefetch: Sendable {
    /// A name below the zone nobody should have, for the NXDOMAIN check.
    struct Unknown: Sendable {
        let name: DomainName
        let a: Task<ProbeClient.Outcome, Never>
        let aaaa: Task<ProbeClient.Outcome, Never>
    }

    let answers: [CriticalRecord: Task<ProbeClient.Outcome, Never>]
    let unknown: Unknown?
}
