public import DNSCore
public import Foundation
public import Platform
public import Model
public import ServerControl

/// Puts a snapshot into service in a running Unbound, checks that the resolver answers
/// from it, and takes it out again; every failure after the first change puts the
/// previous files back and reloads, so Unbound keeps the state it had.
public struct UnboundRestorer: Sendable {
    public let control: UnboundControl
    /// Where Unbound includes `*.conf` from; the zone copies go beside the fragments.
    public let includeDirectory: String
    public let verifier: RestoreVerifier
    /// How long an apply or undo waits for another one working in the same directory.
    public var lockWait: Duration = .seconds(10)

    public init(control: UnboundControl, includeDirectory: String, verifier: RestoreVerifier) {
        self.control = control
        self.includeDirectory = includeDirectory
        self.verifier = verifier
    }

    /// Override: install, reload, flush, verify (rolling back on failure). Fallback:
    /// install switched off (see `RestoreMode.fallback`). `critical` defaults to the apex
    /// SOA and NS. A refused snapshot throws `.refused` unless `force`.
    public func apply(
        _ snapshot: RestoreSnapshot, mode: RestoreMode = .override, critical: [CriticalQuestion] = [],
        force: Bool = false, now: Date = Date()
    ) async throws(RestoreError) -> RestoreResult {
        let start = try SwitchStart(snapshot, resolver: .unbound, mode: mode, critical: critical, force: force, now: now)
        var run = start.run
        var report = start.report
        let admission = start.admission
        let expectations = start.expectations
        let fragment = try ResolverFragment.make(for: snapshot, resolver: .unbound, mode: mode, directory: includeDirectory)
        report.fragment = fragment
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: fragment.directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RestoreError(.environment, "include directory \(fragment.directory) does not exist")
        }
        let lock = try await RestoreLock.acquire(in: fragment.directory, timeout: lockWait)
        defer { withExtendedLifetime(lock) {} }
        let stale = StaleTemporaries.remove(in: fragment.directory)
        if stale > 0 { run.step("removed \(stale) half-written files of an interrupted restore") }
        if mode == .override { try await RestoreError.controlled { try await control.ensureRunning() } }
        if let problem = try await RestoreError.controlled { try await control.configurationProblem() } {
            throw RestoreError(.environment, "Unbound's configuration \(control.configPath) does not check even before any change, so it cannot be reloaded safely: \(problem)")
        }
        run.step("unbound-checkconf of the current configuration")

        let previous = FileState(path: fragment.installedPath)
        let copyCreated = try installZoneCopy(fragment, snapshot: snapshot, admission: admission, run: &run)
        func undoFiles() {
            previous.restore()
            if let copy = fragment.zoneFileCopy, copyCreated { unlink(copy) }
        }
        do {
            try DurableFile.write(Array(fragment.text.utf8), to: fragment.installedPath)
        } catch {
            undoFiles()
            throw RestoreError(.environment, "cannot write \(fragment.installedPath): \(error)")
        }
        run.step("wrote \(fragment.installedPath)")

        if mode == .fallback {
            let problem: String?
            do {
                problem = try await standbyProblem(fragment)
            } catch {
                undoFiles()
                throw error
            }
            if let problem {
                undoFiles()
                report.outcome = .rolledBack
                report.failure = "the standby fragment would not load: \(problem)"
            } else {
                removeStaleCopies(of: snapshot.zone, keeping: fragment)
                report.outcome = .standby
                report.nextStep = """
                    switched off: \(fragment.installedPath) is not included. To serve the copy, run dnsward restore \
                    with --mode override --apply (which also verifies and rolls back), or rename it to \
                    \(fragment.activePath), then unbound-control -c \(control.configPath) reload_keep_cache and \
                    flush_zone \(snapshot.zone). To switch automatically, give the zone a `fallback:` section in \
                    the configuration: dnsward probe then switches after N silent runs and back after M good ones.
                    """
            }
            report.steps = run.steps
            report.seconds = run.seconds
            return report
        }

        var failure: String?
        let problem: String?
        do {
            problem = try await RestoreError.controlled { try await control.configurationProblem() }
        } catch {
            undoFiles()
            throw error
        }
        if let problem {
            // Nothing was reloaded: putting the files back is the whole rollback.
            undoFiles()
            failure = "unbound-checkconf rejects the new configuration: \(problem)"
        } else {
            run.step("unbound-checkconf with the fragment")
            do {
                run.step("unbound-control \(try await RestoreError.controlled { try await control.reload() })")
                try await RestoreError.controlled { try await control.flushZone(snapshot.zone) }
                try await RestoreError.controlled { try await control.flushRequestList() }
                run.step("unbound-control flush_zone \(snapshot.zone), flush_requestlist")
                report.checks = await verifier.check(
                    expectations, requireAD: snapshot.manifest.signed && !snapshot.isHarvest)
                run.step("verified \(report.checks.count) critical answers at \(verifier.resolver)")
                let failed = report.checks.filter { !$0.passed }
                if !failed.isEmpty {
                    failure = "the resolver does not answer from the snapshot: "
                        + failed.map { "\($0.question): \($0.problem ?? "failed")" }.joined(separator: "; ")
                }
            } catch {
                failure = error.message
            }
            if failure != nil {
                undoFiles()
                report.warnings += await reloadAfterRollback(zone: snapshot.zone, run: &run)
            }
        }
        if let failure {
            report.outcome = .rolledBack
            report.failure = failure
            run.step("rolled back to the previous configuration")
        } else {
            removeStaleCopies(of: snapshot.zone, keeping: fragment)
            if snapshot.isHarvest && snapshot.manifest.signed {
                report.warnings.append("a harvested copy is served as local data, which Unbound does not validate: no AD for \(snapshot.zone)")
            }
        }
        report.steps = run.steps
        report.seconds = run.seconds
        return report
    }

    /// Removes dnsward's fragments and copies of `zone`, reloads and flushes the zone.
    public func undo(zone: DomainName) async throws(RestoreError) -> RestoreResult {
        var run = SwitchRun()
        var report = RestoreResult(zone: zone, resolver: .unbound, outcome: .undone)
        let directory = includeDirectory.count > 1 && includeDirectory.hasSuffix("/") ? String(includeDirectory.dropLast()) : includeDirectory
        let lock = try await RestoreLock.acquire(in: directory, timeout: lockWait)
        defer { withExtendedLifetime(lock) {} }
        let active = FileState(path: directory + "/" + FragmentNaming.fragmentName(for: zone, resolver: .unbound))
        let standby = FileState(path: active.path + FragmentNaming.standbySuffix)
        let copies = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { FragmentNaming.isZoneCopy($0, of: zone) }.map { directory + "/" + $0 }
        guard active.bytes != nil || standby.bytes != nil || !copies.isEmpty else {
            report.outcome = .nothingToUndo
            report.steps = ["nothing of dnsward's for \(zone) in \(directory)"]
            report.seconds = run.seconds
            return report
        }
        if active.bytes != nil {
            try await RestoreError.controlled { try await control.ensureRunning() }
            unlink(active.path)
            unlink(standby.path)
            if let problem = try await RestoreError.controlled { try await control.configurationProblem() } {
                active.restore()
                standby.restore()
                throw RestoreError(.environment, "Unbound's configuration does not check without dnsward's fragment, so it was left in place: \(problem)")
            }
            run.step("removed \(active.path); unbound-checkconf passes")
            do {
                run.step("unbound-control \(try await RestoreError.controlled { try await control.reload() })")
                try await RestoreError.controlled { try await control.flushZone(zone) }
                try await RestoreError.controlled { try await control.flushRequestList() }
                run.step("unbound-control flush_zone \(zone), flush_requestlist")
            } catch {
                report.warnings.append("the fragment is removed but Unbound did not take it: \(error.message)")
            }
        } else {
            unlink(standby.path)
        }
        for copy in copies { unlink(copy) }
        run.step("removed \(copies.count) zone copies" + (standby.bytes != nil ? " and the standby fragment" : ""))
        report.steps = run.steps
        report.seconds = run.seconds
        return report
    }

    /// Copies the snapshot unless an identical copy is already there (the name carries
    /// serial and hash). Returns whether a new file was created, which a rollback removes.
    private func installZoneCopy(
        _ fragment: ResolverFragment, snapshot: RestoreSnapshot, admission: SnapshotAdmission, run: inout SwitchRun
    ) throws(RestoreError) -> Bool {
        guard let copy = fragment.zoneFileCopy else { return false }
        let expected = snapshot.manifest.sha256.lowercased()
        if FileManager.default.fileExists(atPath: copy), (try? SHA256Digest.file(copy, links: .refuse)) == expected {
            run.step("zone copy \(copy) already in place")
            return false
        }
        let digest = try ZoneFileCopy.copy(from: snapshot.zoneFilePath, to: copy)
        if digest != expected && !admission.forced {
            unlink(copy)
            throw RestoreError(.refused, "\(snapshot.zoneFilePath) changed while it was copied (SHA-256 \(digest), manifest says \(expected))")
        }
        run.step("copied the snapshot to \(copy)")
        return true
    }

    /// Checks a standby fragment as it would load: a throwaway configuration including
    /// Unbound's own and then the fragment.
    private func standbyProblem(_ fragment: ResolverFragment) async throws(RestoreError) -> String? {
        if FileManager.default.fileExists(atPath: fragment.activePath) {
            return nil  // An active fragment for the zone is in place; the two cannot load together.
        }
        let path = NSTemporaryDirectory() + "dnsward-standby-check-\(UUID().uuidString).conf"
        defer { unlink(path) }
        let text = "include: \(try UnboundQuoting.quoted(control.configPath, what: "Unbound configuration path"))\n"
            + "include: \(try UnboundQuoting.quoted(fragment.installedPath, what: "fragment path"))\n"
        do {
            try DurableFile.write(Array(text.utf8), to: path)
        } catch {
            throw RestoreError(.environment, "cannot write \(path): \(error)")
        }
        let result = try await RestoreError.controlled { try await control.checkconf.run(["--", path]) }
        return result.succeeded ? nil : result.output
    }

    /// After the files are back: reload and flush so the resolver drops whatever it took
    /// from the failed copy. Returns what went wrong, for the report's warnings.
    private func reloadAfterRollback(zone: DomainName, run: inout SwitchRun) async -> [String] {
        do {
            if let problem = try await RestoreError.controlled { try await control.configurationProblem() } {
                return ["ROLLBACK INCOMPLETE: the restored configuration does not check, Unbound was not reloaded: \(problem)"]
            }
            _ = try await RestoreError.controlled { try await control.reload() }
            try await RestoreError.controlled { try await control.flushZone(zone) }
            try await RestoreError.controlled { try await control.flushRequestList() }
            run.step("reloaded the previous configuration, flushed \(zone)")
            return []
        } catch {
            return ["ROLLBACK INCOMPLETE: \(error.message)"]
        }
    }

    /// Copies of older snapshots that neither the active nor the standby fragment loads.
    private func removeStaleCopies(of zone: DomainName, keeping fragment: ResolverFragment) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fragment.directory)) ?? []
        let fragments = [fragment.activePath, fragment.standbyPath]
            .compactMap { try? RegularFile.read($0, links: .refuse, limit: 64 << 20) }
            .map { String(decoding: $0, as: UTF8.self) }
        for name in names where FragmentNaming.isZoneCopy(name, of: zone) {
            if !fragments.contains(where: { $0.contains("/" + name + "\"") }) {
                unlink(fragment.directory + "/" + name)
            }
        }
    }
}
