public import DNSCore
public import Foundation
public import Model
import Platform
import ServerControl

/// `dnsward drill`: proves each zone's latest verified snapshot can be served, without
/// touching production. For every zone a private Unbound on a free loopback endpoint serves
/// the copy (and, for a signed zone, the copies of its parents, so the chain validates from
/// the real trust anchor), with no path to any authority; every critical name is asked and
/// must come back as the snapshot has it (with AD when signed); the time from starting the
/// resolver to its first answer is measured; the resolver is stopped by its pid.
public struct Drill: Sendable {
    public var store: SnapshotStore
    public var zones: [DomainName]
    /// The trust anchor file (DS or DNSKEY lines, as Unbound's `trust-anchor-file`); without
    /// it a signed copy is served unvalidated and the drill says so (WARNING).
    public var trustAnchorFile: String?
    /// Root hints for the private resolver (the configuration's `root_hints`); it is kept
    /// from asking any server, so they only make the isolation check mean something.
    public var rootHintsFile: String?
    /// Names that must be answered from the copy, per zone, beside the apex SOA and NS (and
    /// DNSKEY when signed).
    public var critical: [DomainName: [CriticalQuestion]]
    /// How long the private resolver may take to answer at all.
    public var startTimeout: Duration
    /// Signatures expiring within this are a WARNING.
    public var expiryWindow: TimeInterval

    public init(store: SnapshotStore, zones: [DomainName], trustAnchorFile: String? = nil, rootHintsFile: String? = nil,
                critical: [DomainName: [CriticalQuestion]] = [:], startTimeout: Duration = .seconds(20),
                expiryWindow: TimeInterval = 7 * 86_400) {
        self.store = store
        self.zones = zones
        self.trustAnchorFile = trustAnchorFile
        self.rootHintsFile = rootHintsFile
        self.critical = critical
        self.startTimeout = startTimeout
        self.expiryWindow = expiryWindow
    }

    /// Drills every zone, one after the other (each its own resolver). Throws only when
    /// nothing can be drilled at all (no Unbound, an unreadable trust anchor).
    public func run(now: Date = Date()) async throws(RestoreError) -> DrillResult {
        guard let unbound = ControlTool.locate("unbound") else {
            throw RestoreError(.environment, "unbound not found (Debian: apt-get install unbound)")
        }
        guard let checkconf = ControlTool.locate("unbound-checkconf") else {
            throw RestoreError(.environment, "unbound-checkconf not found (Debian: apt-get install unbound)")
        }
        var anchor: [UInt8]?
        if let trustAnchorFile {
            do {
                anchor = try RegularFile.read(trustAnchorFile, links: .follow, limit: 1 << 20)
            } catch {
                throw RestoreError(.badInput, "trust anchor \(trustAnchorFile): \(error)")
            }
        }
        var results: [DrillZoneResult] = []
        for zone in zones {
            let tools = DrillZone.Tools(unbound: unbound.path, checkconf: checkconf)
            results.append(await DrillZone(drill: self, zone: zone, anchor: anchor, tools: tools, now: now).run())
        }
        return DrillResult(zones: results)
    }
}
