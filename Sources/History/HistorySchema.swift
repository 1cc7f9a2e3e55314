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
            // The run's resolvers (JSON list), which v1 did not keep.
            try db.alter(table: "run") { t in
                t.add(column: "resolvers", .text)
            }
            try db.create(table: "dnssec_expiry") { t in
                t.column("run_id", .integer).notNull().indexed().references("run", onDelete: .cascade)
                t.column("zone", .text).notNull()
                t.column("expiry", .datetime).notNull()
            }
            try db.create(table: "snapshot_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("zone", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("snapshot", .text)
                t.column("serial", .integer)
                t.column("method", .text)
                t.column("records", .integer)
                t.column("signed", .boolean)
                t.column("usable_until", .datetime)
                t.column("status", .text)
                t.column("detail", .text)
            }
            try db.create(table: "restore_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("zone", .text).notNull()
                t.column("resolver", .text).notNull()
                t.column("address", .text)
                t.column("snapshot", .text)
                t.column("outcome", .text).notNull()
                t.column("seconds", .double)
                t.column("checks_passed", .integer)
                t.column("checks_total", .integer)
                t.column("detail", .text)
            }
            try db.create(table: "headroom_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started", .datetime).notNull()
                t.column("finished", .datetime).notNull()
                t.column("server", .text).notNull()
                t.column("transport", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("capacity_qps", .double)
                t.column("generator_bound", .boolean).notNull()
                t.column("peak_answered_qps", .double).notNull()
                t.column("baseline_qps", .double)
                t.column("headroom", .double)
                t.column("bandwidth_out_mbps", .double)
                t.column("bandwidth_in_mbps", .double)
                t.column("amplification", .double)
                t.column("link_mbps", .double)
                t.column("limited_by", .text)
                t.column("verdict", .text).notNull()
                t.column("detail", .text)
            }
            // The report asks "this zone (or all), since then": every event table by time.
            try db.create(index: "finding_zone_time", on: "finding", columns: ["zone", "time"])
            try db.create(index: "measurement_zone", on: "measurement", columns: ["zone", "address"])
            try db.create(index: "snapshot_event_zone_time", on: "snapshot_event", columns: ["zone", "time"])
            try db.create(index: "restore_event_zone_time", on: "restore_event", columns: ["zone", "time"])
            try db.create(index: "headroom_run_server_started", on: "headroom_run", columns: ["server", "started"])
        }
        return migrator
    }
}
