import DNSCore
import Foundation
import Restore
import Model

/// Turns `dnsward restore`'s arguments into a restore and runs it; every bad argument is
/// a `RestoreError(.badInput)` (exit 3).
struct RestoreSetup {
    let zone: DomainName
    let resolver: ResolverKind
    let mode: RestoreMode
    let command: RestoreCommand
    let includeDirectory: String
    let critical: [CriticalQuestion]
    /// The configuration's `history:`.
    let historyPath: String?
    let zonesDirectory: String

    init(command: RestoreCommand) throws(RestoreError) {
        self.command = command
        do {
            zone = try DomainName(command.zone)
        } catch {
            throw RestoreError(.badInput, "--zone '\(command.zone)': not a domain name (\(error))")
        }
        guard let resolver = ResolverKind(rawValue: command.resolver) else {
            throw RestoreError(.badInput, "--to \(command.resolver): use unbound, bind or knot-resolver")
        }
        self.resolver = resolver
        guard let mode = RestoreMode(rawValue: command.mode) else {
            throw RestoreError(.badInput, "--mode \(command.mode): use override or fallback")
        }
        self.mode = mode
        guard !(command.apply && command.undo) else {
            throw RestoreError(.badInput, "--apply and --undo exclude each other")
        }
        if (command.apply || command.undo) && resolver == .knotResolver {
            throw RestoreError(.unsupported, "--apply and --undo are implemented for Unbound and BIND; for knot-resolver print the configuration (without --apply) and install it by hand")
        }
        if (command.apply || command.undo) && mode == .fallback && resolver == .bind {
            throw RestoreError(.unsupported, "--mode fallback is implemented for Unbound")
        }
        let defaults: [ResolverKind: String] = [
            .unbound: "/etc/unbound/unbound.conf.d", .bind: "/etc/bind", .knotResolver: "/etc/knot-resolver",
        ]
        includeDirectory = Self.absolute(command.includeDir ?? defaults[resolver]!)

        var config: DNSWardConfig?
        if let path = command.global.config {
            // Read even when --critical is given: its allow_targets applies to the verification queries.
            do {
                config = try DNSWardConfig.load(from: path)
            } catch {
                throw RestoreError(.badInput, "\(error)")
            }
        }
        do {
            zonesDirectory = try StoreLocation.resolve(option: command.zonesDir, config: config)
        } catch {
            throw RestoreError(.badInput, "\(error)")
        }
        historyPath = config?.history
        var questions = try command.critical.map { text throws(RestoreError) in try CriticalQuestion(parsing: text) }
        if questions.isEmpty, let config {
            let zone = self.zone
            let named = config.zones.first { $0.name == zone }?.critical ?? []
            if questions.isEmpty, !named.isEmpty {
                questions = CriticalQuestion.defaults(for: zone)
                    + named.flatMap { entry in entry.types.map { CriticalQuestion(name: entry.name, type: $0) } }
            }
        }
        critical = questions
    }

    func run() async throws(RestoreError) -> RestoreResult {
        if command.undo {
            return resolver == .bind ? try await bindRestorer().undo(zone: zone) : try await restorer().undo(zone: zone)
        }
        let snapshot = try RestoreSnapshot.load(from: SnapshotStore(root: zonesDirectory), zone: zone, id: command.snapshot)
        if command.apply, resolver == .bind {
            return try await bindRestorer().apply(snapshot, critical: critical, force: command.force)
        }
        if command.apply {
            return try await restorer().apply(snapshot, mode: mode, critical: critical, force: command.force)
        }
        return try await generate(snapshot)
    }

    private func bindRestorer() throws(RestoreError) -> BINDRestorer {
        guard let rndc = ExternalTool.locate("rndc") else { throw RestoreError(.environment, "rndc not found") }
        return BINDRestorer(rndc: rndc, rndcArguments: command.rndcArguments, directory: includeDirectory,
                            verifier: RestoreVerifier(resolver: try verifyAddress()))
    }

    private func verifyAddress() throws(RestoreError) -> ServerAddress {
        do {
            return try ServerAddress(parsing: command.resolverAddress)
        } catch {
            throw RestoreError(.badInput, "--resolver \(command.resolverAddress): not a server address (use ADDR, ADDR@PORT or [V6]:PORT)")
        }
    }

    private func generate(_ snapshot: RestoreSnapshot) async throws(RestoreError) -> RestoreResult {
        var authority: ServerAddress?
        if resolver == .knotResolver {
            do {
                authority = try ServerAddress(parsing: command.authority)
            } catch {
                throw RestoreError(.badInput, "--authority \(command.authority): not a server address (use ADDR@PORT)")
            }
        }
        return try await RestoreGeneration.report(
            for: snapshot, resolver: resolver, mode: mode, directory: includeDirectory, authority: authority,
            force: command.force)
    }

    private func restorer() throws(RestoreError) -> UnboundRestorer {
        let address: ServerAddress
        do {
            address = try ServerAddress(parsing: command.resolverAddress)
        } catch {
            throw RestoreError(.badInput, "--resolver \(command.resolverAddress): not a server address (use ADDR, ADDR@PORT or [V6]:PORT)")
        }
        return UnboundRestorer(
            control: try UnboundControl(configPath: Self.absolute(command.unboundConfig)),
            includeDirectory: includeDirectory, verifier: RestoreVerifier(resolver: address))
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// Prints reports and errors in the chosen format; in text the generated configuration
/// itself goes to standard output and everything about it to standard error, so
/// `dnsward restore ... > fragment.conf` captures a clean file.
struct RestoreOutput {
    let format: OutputFormat

    func print(_ report: RestoreResult) {
        switch format {
        case .json:
            Swift.print(String(decoding: (try? RestoreOutput.encoder.encode(report)) ?? Data(), as: UTF8.self))
        case .text where report.outcome == .generated:
            FileHandleOutput.error(RestoreResultText.render(report))
        case .text:
            Swift.print(RestoreResultText.render(report))
        }
    }

    func print(_ error: RestoreError) {
        switch format {
        case .json:
            let body = ErrorBody(error: ["kind": error.kind.rawValue, "message": error.message])
            Swift.print(String(decoding: (try? RestoreOutput.encoder.encode(body)) ?? Data(), as: UTF8.self))
        case .text:
            Swift.print("RESTORE \(error.kind == .refused ? "REFUSED" : "ERROR") - \(error.message)")
        }
    }

    /// `{"schema": 1, "error": {"kind": ..., "message": ...}}`
    struct ErrorBody: Encodable {
        var schema = RestoreResult.schemaVersion
        let error: [String: String]
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
