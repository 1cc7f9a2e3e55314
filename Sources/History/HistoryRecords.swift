import GRDB
import Model

/// A Model event value the history keeps in a table of its own.
protocol StoredValue: Codable, Sendable {
    static var table: String { get }
}

extension SnapshotEvent: StoredValue { static var table: String { "snapshot_event" } }
extension RestoreEvent: StoredValue { static var table: String { "restore_event" } }
extension HeadroomSummary: StoredValue { static var table: String { "headroom_run" } }

/// The row of a `StoredValue`: its properties are the columns, in snake case
/// (`usable_until`), as in the probe's tables. Model stays free of GRDB.
struct Stored<Value: StoredValue>: Codable, FetchableRecord, PersistableRecord {
    var value: Value

    init(_ value: Value) { self.value = value }
    init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }

    static var databaseTableName: String { Value.table }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}
