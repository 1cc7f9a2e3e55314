import DNSCore
import GRDB
import Model

/// The history tables. A published migration is never edited: a database written by an
/// older dnsward has already run it, so changes go into a new migration.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started", .datetime).notNull().indexed()
                t.column("finished", .datetime).notNull()
                t.column("status", .text).notNull()
                t.column("critical", .integer).notNull()
                t.column("warning", .integer).notNull()
                t.column("unknown", .integer).notNull()
                t.column("zones", .integer).notNull()
            }
            try db.create(table: "finding") { t in
                t.column("run_id", .integer).notNull().indexed().references("run", onDelete: .cascade)
                t.column("check", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("zone", .text)
                t.column("server", .text)
                t.column("address", .text)
                t.column("transport", .text)
                t.column("message", .text).notNull()
                t.column("evidence", .text).notNull()
                t.column("time", .datetime).notNull()
            }
            try db.create(table: "measurement") { t in
                t.column("run_id", .integer).notNull().indexed().references("run", onDelete: .cascade)
                t.column("zone", .text).notNull()
                t.column("server", .text).notNull()
                t.column("address", .text).notNull()
                t.column("transport", .text).notNull()
                t.column("rtt", .double)
                t.column("serial", .integer)
            }
            try db.create(table: "serial_seen") { t in
                t.column("zone", .text).notNull()
                t.column("serial", .integer).notNull()
                t.column("first_seen", .datetime).notNull()
                t.column("last_seen", .datetime).notNull()
                t.uniqueKey(["zone", "serial"])
            }
        }
        migrator.registerMigration("v2") { db in
            // Findings carry a reason code and typed parameters; rows written by v1 keep
            // their English message and read back with the reason `legacy`.
            try db.alter(table: "finding") { t in
                t.add(column: "reason", .text).notNull().defaults(to: Reason.legacy.rawValue)
                t.add(column: "parameters", .text)
            }
        }
        return migrator
    }
}
