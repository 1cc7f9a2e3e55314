public import DNSCore
public import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import Model
public import ServerControl

/// Puts a snapshot into service in a running BIND 9.18 with `rndc addzone` (the server
/// needs `allow-new-zones yes;`), verifies it from the resolver, and rolls back with
/// `rndc delzone`; `undo` removes it the same way. BIND then answers the zone itself,
/// authoritatively: no DNSSEC validation of the copy, so no AD is expected.
public struct BINDRestorer: Sendable {
    /// `rndc` with the arguments that reach this server (`-s`, `-p`, `-k` or `-c`).
    public let rndc: RNDC
    /// Where the zone copies go; BIND must be able to read it.
    public let directory: String
    public let verifier: RestoreVerifier
    /// How long an apply or undo waits for another one working in the same directory.
    public var lockWait: Duration = .seconds(10)

    public init(rndc: RNDC, directory: String, verifier: RestoreVerifier) {
        self.rndc = rndc
        self.directory = directory
        self.verifier = verifier
    }

    public func apply(_ snapshot: RestoreSnapshot, critical: [CriticalQuestion] = [], force: Bool = false,
                      now: Date = Date()) async throws(RestoreError) -> RestoreResult {
        guard !snapshot.isHarvest else {
            throw RestoreError(.unsupported, "a harvested (partial) snapshot would hide the rest of \(snapshot.zone) in BIND")
        }
        let start = try SwitchStart(snapshot, resolver: .bind, mode: .override, critical: critical, force: force, now: now)
        var run = start.run
        var report = start.report
        let expectations = start.expectations
        // One switch at a time in this BIND's directory: a second apply or undo waits.
        let lock = try await RestoreLock.acquire(in: directory, timeout: lockWait)
        defer { withExtendedLifetime(lock) {} }
        let stale = StaleTemporaries.remove(in: directory)
        if stale > 0 { run.step("removed \(stale) half-written files of an interrupted restore") }
        let copy = directory + "/" + FragmentNaming.zoneCopyName(for: snapshot.zone, manifest: snapshot.manifest)
        let digest = try ZoneFileCopy.copy(from: snapshot.zoneFilePath, to: copy)
        if digest != snapshot.manifest.sha256.lowercased() && !start.admission.forced {
            unlink(copy)
            throw RestoreError(.refused, "\(snapshot.zoneFilePath) changed while it was copied (SHA-256 \(digest), manifest says \(snapshot.manifest.sha256))")
        }
        run.step("zone copy \(copy)")

        // The zone's body is one argument of the argument array: no shell, quoted for named.conf.
        let body = "{ type primary; file \(try NamedConfQuoting.quoted(copy, what: "zone file path")); };"
        let name = snapshot.zone.description
        // A backup already in service is replaced: delzone first, ignoring "not found".
        _ = try? await rndc.run(["delzone", name])
        let added = try await RestoreError.controlled { try await rndc.run(["addzone", name, body]) }
        guard added.succeeded else {
            unlink(copy)
            throw RestoreError(.environment, "rndc addzone \(name) failed: \(added.output)")
        }
        _ = try? await rndc.run(["flushtree", name])
        run.step("rndc addzone, flushtree")

        report.checks = await verifier.check(expectations, requireAD: false)
        run.step("verified \(report.checks.count) critical answers")
        if let failed = report.checks.first(where: { !$0.passed }) {
            _ = try? await rndc.run(["delzone", name])
            _ = try? await rndc.run(["flushtree", name])
            unlink(copy)
            report.outcome = .rolledBack
            report.failure = "\(failed.question): \(failed.problem ?? "differs from the snapshot")"
            run.step("rolled back: rndc delzone")
        }
        report.steps = run.steps
        report.seconds = run.seconds
        return report
    }

    public func undo(zone: DomainName) async throws(RestoreError) -> RestoreResult {
        var run = SwitchRun()
        var report = RestoreResult(zone: zone, resolver: .bind, outcome: .undone)
        let lock = try await RestoreLock.acquire(in: directory, timeout: lockWait)
        defer { withExtendedLifetime(lock) {} }
        let deleted = try await RestoreError.controlled { try await rndc.run(["delzone", zone.description]) }
        if !deleted.succeeded {
            guard deleted.output.contains("not found") else {
                throw RestoreError(.environment, "rndc delzone \(zone) failed: \(deleted.output)")
            }
            report.outcome = .nothingToUndo
        }
        _ = try? await rndc.run(["flushtree", zone.description])
        run.step("rndc delzone, flushtree")
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for name in names where FragmentNaming.isZoneCopy(name, of: zone) { unlink(directory + "/" + name) }
        }
        report.steps = run.steps
        report.seconds = run.seconds
        return report
    }
}
