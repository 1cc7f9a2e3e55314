import DNSCore
import Foundation
import Restore
import Model
import ServerControl

/// Turns `dnsward restore`'s arguments and configuration into a `RestoreRequest`; every
/// bad argument is a `RestoreError(.badInput)` (exit 3). What can be done where, and how,
/// is the request's business (Restore).
struct RestoreSetup {
    let request: RestoreRequest
    /// The configuration's `history:`.
    let historyPath: String?

    init(command: RestoreCommand) throws(RestoreError) {
        let zone: DomainName
        do {
            zone = try DomainName(command.zone)
        } catch {
            throw RestoreError(.badInput, "--zone '\(command.zone)': not a domain name (\(error))")
        }
        var config: DNSWardConfig?
        if let path = command.global.config {
            // Read even when --critical is given: its allow_targets applies to the verification queries.
            do {
                config = try DNSWardConfig.load(from: path)
            } catch {
                throw RestoreError(.badInput, "\(error)")
            }
        }
        let zonesDirectory: String
        do {
            zonesDirectory = try StoreLocation.resolve(option: command.zonesDir, config: config)
        } catch {
            throw RestoreError(.badInput, "\(error)")
        }
        historyPath = config?.history
        var questions = try command.critical.map { text throws(RestoreError) in try CriticalQuestion(parsing: text) }
        if questions.isEmpty, let config {
            let named = config.zones.first { $0.name == zone }?.critical ?? []
            if !named.isEmpty {
                questions = CriticalQuestion.defaults(for: zone)
                    + named.flatMap { entry in entry.types.map { CriticalQuestion(name: entry.name, type: $0) } }
            }
        }
        request = RestoreRequest(
            zone: zone, resolver: command.resolver, mode: command.mode,
            action: command.undo ? .undo : command.apply ? .apply : .generate,
            store: SnapshotStore(root: zonesDirectory), snapshot: command.snapshot,
            includeDirectory: command.includeDir.map(Self.absolute), unboundConfig: Self.absolute(command.unboundConfig),
            rndcArguments: command.rndcArguments,
            verifyAt: try Self.address(command.resolverAddress, option: "--resolver", form: "ADDR, ADDR@PORT or [V6]:PORT"),
            authority: try Self.address(command.authority, option: "--authority", form: "ADDR@PORT"),
            critical: questions, force: command.force)
    }

    private static func address(_ text: String, option: String, form: String) throws(RestoreError) -> ServerAddress {
        do {
            return try ServerAddress(parsing: text)
        } catch {
            throw RestoreError(.badInput, "\(option) \(text): not a server address (use \(form))")
        }
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
        JSONOutput.encoder
    }()
}
