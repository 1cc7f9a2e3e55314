internal import CLibPQ
import Foundation
import Model

/// One libpq connection, used from one thread at a time (the store's queue). Parameters go
/// as text, never spliced into SQL; results are read as text.
final class PGConnection: @unchecked Sendable {
    private let connection: OpaquePointer
    /// Host, port, database and user: the URL without its password.
    let location: String

    init(url: String) throws {
        let redacted = PGConnection.redact(url)
        guard let connection = PQconnectdb(url) else {
            throw SweepStoreError(location: redacted, reason: "cannot connect: out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PGConnection.text(PQerrorMessage(connection))
            PQfinish(connection)
            throw SweepStoreError(location: redacted, reason: "cannot connect: \(message)")
        }
        self.connection = connection
        location = "postgresql://\(PGConnection.text(PQuser(connection)))@\(PGConnection.text(PQhost(connection)))"
            + ":\(PGConnection.text(PQport(connection)))/\(PGConnection.text(PQdb(connection)))"
        // Notices ("relation exists, skipping") would go to standard error, into cron mail.
        try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(connection) }

    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws -> PGResult {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values = copies.map { UnsafePointer<CChar>($0) }
        let result = values.withUnsafeBufferPointer { buffer in
            PQexecParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        return try check(result, sql)
    }

    /// Several statements without parameters (a migration), through the simple protocol.
    func script(_ sql: String) throws {
        _ = try check(PQexec(connection, sql), sql)
    }

    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// `COPY ... FROM STDIN` with rows in COPY's text format, sent as `rows` produces them.
    func copy(_ sql: String, _ rows: (_ send: ([String?]) throws -> Void) throws -> Void) throws {
        let started = PQexec(connection, sql)
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            _ = try check(started, sql)
            throw failure("\(sql): the server did not start the copy")
        }
        PQclear(started)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let sent = buffer.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    PQputCopyData(connection, $0, Int32(bytes.count))
                }
            }
            guard sent == 1 else { throw failure("copy: \(PGConnection.text(PQerrorMessage(connection)))") }
            buffer.removeAll(keepingCapacity: true)
        }
        var failed: (any Error)?
        do {
            try rows { fields in
                for (index, field) in fields.enumerated() {
                    if index > 0 { buffer.append(0x09) }
                    if let field { PGConnection.appendCopyText(field, to: &buffer) } else { buffer += [0x5C, 0x4E] }
                }
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 { try flush() }
            }
            try flush()
        } catch {
            failed = error
        }
        // A failed producer aborts the copy, which fails the statement (and the transaction).
        let ended = failed == nil ? PQputCopyEnd(connection, nil) : PQputCopyEnd(connection, "aborted by dnsward")
        guard ended == 1 else { throw failure("copy: \(PGConnection.text(PQerrorMessage(connection)))") }
        var firstError: (any Error)?
        while let result = PQgetResult(connection) {
            do { _ = try check(result, sql) } catch { firstError = firstError ?? error }
        }
        if let failed { throw failed }
        if let firstError { throw firstError }
    }

    private func check(_ result: OpaquePointer?, _ sql: String) throws -> PGResult {
        guard let result else { throw failure(PGConnection.text(PQerrorMessage(connection))) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let primary = PQresultErrorField(result, clibpq_diag_message_primary()).map { String(cString: $0) }
                ?? PGConnection.text(PQerrorMessage(connection))
            let detail = PQresultErrorField(result, clibpq_diag_message_detail()).map { String(cString: $0) }
            let state = PQresultErrorField(result, clibpq_diag_sqlstate()).map { String(cString: $0) } ?? ""
            PQclear(result)
            throw PGError(location: location, state: state,
                          message: primary.trimmingCharacters(in: .whitespacesAndNewlines) + (detail.map { " (\($0))" } ?? ""))
        }
        return PGResult(result)
    }

    private func failure(_ reason: String) -> SweepStoreError {
        SweepStoreError(location: location, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// COPY's text format: backslash, tab, newline and carriage return escaped.
    static func appendCopyText(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x5C: buffer += [0x5C, 0x5C]
            case 0x09: buffer += [0x5C, 0x74]
            case 0x0A: buffer += [0x5C, 0x6E]
            case 0x0D: buffer += [0x5C, 0x72]
            default: buffer.append(byte)
            }
        }
    }

    /// An array literal for an array parameter (`text[]`, `bigint[]`): every element
    /// quoted, `"` and `\` escaped; nil is SQL NULL.
    static func array(_ values: [String?]) -> String {
        "{" + values.map { value in
            guard let value else { return "NULL" }
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }

    /// The URL as messages may show it: a password in it (`user:secret@`) becomes `***`.
    static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
            return url.contains("password") ? "(connection string with a password)" : url
        }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}

/// A query's rows, read as text.
final class PGResult {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    var count: Int { Int(PQntuples(result)) }
    /// Rows changed by an INSERT, UPDATE or DELETE.
    var affected: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    func text(_ row: Int, _ column: Int) -> String? {
        guard PQgetisnull(result, Int32(row), Int32(column)) == 0 else { return nil }
        return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    func string(_ row: Int, _ column: Int) -> String { text(row, column) ?? "" }
    func integer(_ row: Int, _ column: Int) -> Int64 { text(row, column).flatMap { Int64($0) } ?? 0 }
    func double(_ row: Int, _ column: Int) -> Double? { text(row, column).flatMap { Double($0) } }
}

/// An error the server reported, with its SQLSTATE (`23505` unique violation, `40P01`
/// deadlock), so a caller can tell them apart.
struct PGError: Error, CustomStringConvertible {
    let location: String
    let state: String
    let message: String

    var description: String { "\(message) (SQLSTATE \(state))" }
}
