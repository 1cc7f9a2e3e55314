import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Model
import Platform
import ServerControl

/// The drill of one zone: its copies in a private directory, the private resolver started,
/// asked and stopped, the directory removed, whatever happens.
struct DrillZone {
    struct Tools {
        let unbound: String
        let checkconf: ControlTool
    }

    let drill: Drill
    let zone: DomainName
    let anchor: [UInt8]?
    let tools: Tools
    let now: Date
    let clock = ContinuousClock()

    func run() async -> DrillZoneResult {
        let start = clock.now
        var result = DrillZoneResult(zone: zone, severity: .ok, seconds: 0, problem: nil)
        do {
            try await drill(into: &result)
        } catch {
            result.severity = .critical
            result.problem = error.message
        }
        result.seconds = (clock.now - start).seconds
        return result
    }

    private func drill(into result: inout DrillZoneResult) async throws(RestoreError) {
        let snapshot = try RestoreSnapshot.load(from: drill.store, zone: zone)
        result.snapshot = snapshot.id
        result.serial = snapshot.manifest.serial
        result.signed = snapshot.manifest.signed
        result.partial = snapshot.isHarvest
        let admission = try SnapshotAdmission.check(snapshot, now: now, force: false)
        guard admission.admitted else {
            throw RestoreError(.refused, "the backup cannot be served: " + admission.problems.joined(separator: "; "))
        }
        result.warnings += admission.notes
        if let until = snapshot.manifest.usableUntil, until.timeIntervalSince(now) < drill.expiryWindow {
            result.warnings.append("its signatures expire at \(SnapshotAdmission.format(until)), within \(Int(drill.expiryWindow / 86_400)) days")
        }
        if snapshot.isHarvest {
            result.warnings.append("a partial copy (harvest): only its names can be served, as local data without validation")
        }
        let validating = snapshot.manifest.signed && !snapshot.isHarvest && anchor != nil
        if snapshot.manifest.signed && !snapshot.isHarvest && anchor == nil {
            result.warnings.append("signed, but no trust anchor was given (--trust-anchor): the answers were not validated")
        }
        result.validated = validating

        var questions = CriticalQuestion.defaults(for: zone)
        if snapshot.manifest.signed && !snapshot.isHarvest { questions.append(CriticalQuestion(name: zone, type: .dnskey)) }
        for question in drill.critical[zone] ?? [] where !questions.contains(question) && question.name.isSubdomain(of: zone) {
            questions.append(question)
        }
        let expectations = try CriticalExpectation.from(snapshot, questions: questions)

        let directory = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var zones = [try copy(snapshot, into: directory, index: 0)]
        if validating {
            for (index, parent) in parents(of: zone).enumerated() {
                zones.append(try copy(parent, into: directory, index: index + 1))
                result.chain.append(parent.zone.description)
            }
        }
        var anchorPath: String?
        if validating, let anchor {
            anchorPath = directory + "/trust-anchor.key"
            do {
                try DurableFile.write(anchor, to: anchorPath!)
            } catch {
                throw RestoreError(.environment, "cannot write \(anchorPath!): \(error)")
            }
        }

        var hintsPath: String?
        if let hints = drill.rootHintsFile {
            hintsPath = directory + "/root.hints"
            do {
                try DurableFile.write(try RegularFile.read(hints, links: .follow, limit: 1 << 20), to: hintsPath!)
            } catch {
                throw RestoreError(.badInput, "root hints \(hints): \(error)")
            }
        }

        var lastFailure = ""
        for _ in 0..<3 {
            let endpoint = try LoopbackEndpoint.free()
            result.address = endpoint.description
            let configPath = directory + "/unbound.conf"
            let text = try DrillResolverConfig.make(directory: directory, endpoint: endpoint, zones: zones, trustAnchorFile: anchorPath,
                                                    rootHintsFile: hintsPath)
            do {
                try DurableFile.write(Array(text.utf8), to: configPath)
            } catch {
                throw RestoreError(.environment, "cannot write \(configPath): \(error)")
            }
            let check = try await RestoreError.controlled { try await tools.checkconf.run(["--", configPath]) }
            guard check.succeeded else {
                throw RestoreError(.environment, "unbound-checkconf rejects the drill's configuration: \(check.output)")
            }
            // A name no copy holds, right under the root: a resolver with a path to the network
            // (its root hints name the real servers) would get it answered there.
            let outside = zones.contains { $0.name.isRoot } ? nil : try? DomainName.root.prepending("dnsward-drill-isolation")
            switch await serve(configPath: configPath, directory: directory, endpoint: endpoint, expectations: expectations,
                               requireAD: validating, outside: outside) {
            case .served(let seconds, let checks, let isolation):
                result.secondsToServe = seconds
                result.checks = checks
                result.isolated = outside != nil && isolation == nil
                if let isolation { throw RestoreError(.environment, isolation) }
                let failed = checks.filter { !$0.passed }
                if !failed.isEmpty {
                    var problem = "the copy is not served as taken: "
                        + failed.map { "\($0.question): \($0.problem ?? "failed")" }.joined(separator: "; ")
                    if validating && failed.contains(where: { $0.rcode == "SERVFAIL" }) {
                        problem += " (the private resolver validates from the trust anchor through the snapshots of "
                            + (result.chain.isEmpty ? "no parent zone: snapshot the parents too (dnsward snapshot --zone PARENT), or give a trust anchor for \(zone) itself"
                                                    : result.chain.joined(separator: " ")) + ")"
                    }
                    throw RestoreError(.refused, problem)
                }
                if !result.warnings.isEmpty { result.severity = .warning }
                return
            case .notStarted(let why):
                lastFailure = why
                continue
            case .failed(let why):
                throw RestoreError(.environment, why)
            }
        }
        throw RestoreError(.environment, "the private resolver did not start: \(lastFailure)")
    }

    enum Outcome {
        /// `isolation`: why the resolver is not cut off from the network, nil when it is.
        case served(seconds: Double, checks: [CriticalCheck], isolation: String?)
        /// Exited before serving (a lost race for the port): worth another endpoint.
        case notStarted(String)
        case failed(String)
    }

    /// Starts Unbound in the foreground (its pid is ours), waits for its first answer to the
    /// apex SOA, asks the critical names, and stops it by its pid on every path.
    private func serve(configPath: String, directory: String, endpoint: ServerAddress, expectations: [CriticalExpectation],
                       requireAD: Bool, outside: DomainName?) async -> Outcome {
        let started = clock.now
        let running: Subprocess.Running
        do {
            running = try Subprocess.start(tools.unbound, ["-d", "-c", configPath], mergeErrors: true)
        } catch {
            return .failed("cannot start unbound: \(error)")
        }
        defer {
            let stopped = running.stop(grace: .seconds(5))
            _ = stopped
        }
        let client = DNSClient(options: QueryOptions(timeout: .milliseconds(200), udpRetries: 0))
        let deadline = started + drill.startTimeout
        var served: Duration?
        while clock.now < deadline {
            if !running.isRunning {
                return .notStarted(logTail(directory) + running.outputSoFar)
            }
            if (try? await client.query(zone, .soa, at: endpoint, recursionDesired: true, dnssec: true)) != nil {
                served = clock.now - started
                break
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        guard let served else {
            return .failed("the private resolver gave no answer within \(Int(drill.startTimeout.seconds)) s: \(logTail(directory))")
        }
        let verifier = RestoreVerifier(resolver: endpoint, client: DNSClient(options: QueryOptions(timeout: .seconds(2), udpRetries: 1)))
        let checks = await verifier.check(expectations, requireAD: requireAD)
        // The drill must touch nothing: a name outside every copy gets no answer but SERVFAIL.
        var isolation: String?
        if let outside, let answer = try? await client.query(outside, .soa, at: endpoint, recursionDesired: true),
           answer.message.rcode != .servFail {
            isolation = "the private resolver answered \(outside) SOA with \(answer.message.rcode): it reached the network, so the drill is void"
        }
        return .served(seconds: served.seconds, checks: checks, isolation: isolation)
    }

    /// The zones above this one whose latest full snapshots can be served: the chain of
    /// trust from the anchor runs through them (a harvested parent has no DS to offer).
    private func parents(of zone: DomainName) -> [RestoreSnapshot] {
        var found: [RestoreSnapshot] = []
        var name = zone.parent
        while let current = name {
            if let snapshot = try? RestoreSnapshot.load(from: drill.store, zone: current), !snapshot.isHarvest,
               (try? SnapshotAdmission.check(snapshot, now: now, force: false))?.admitted == true {
                found.append(snapshot)
            }
            name = current.parent
        }
        return found
    }

    /// A copy of the snapshot under a plain name (the store's directory names may hold
    /// escapes Unbound's format cannot), its bytes hashed on the way and held to the manifest.
    private func copy(_ snapshot: RestoreSnapshot, into directory: String, index: Int) throws(RestoreError) -> DrillResolverConfig.Zone {
        if snapshot.isHarvest {
            return DrillResolverConfig.Zone(name: snapshot.zone, source: .records(try snapshot.records()))
        }
        let path = directory + "/zone-\(index).zone"
        let digest = try ZoneFileCopy.copy(from: snapshot.zoneFilePath, to: path)
        guard digest == snapshot.manifest.sha256.lowercased() else {
            throw RestoreError(.refused, "\(snapshot.zoneFilePath) changed while it was copied (SHA-256 \(digest), manifest says \(snapshot.manifest.sha256))")
        }
        return DrillResolverConfig.Zone(name: snapshot.zone, source: .file(path))
    }

    private static func makeDirectory() throws(RestoreError) -> String {
        var template = Array((NSTemporaryDirectory() + "dnsward-drill-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw RestoreError(.environment, "cannot create a directory for the drill in \(NSTemporaryDirectory()): \(errnoText(errno))")
        }
        return String(cString: made)
    }

    private func logTail(_ directory: String) -> String {
        let log = (try? String(contentsOfFile: directory + "/unbound.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").suffix(8).joined(separator: "\n")
    }
}
