import GRDB

/// The SQLite sweep store's tables, in a database file of its own (not the history's):
/// a sweep's work list is one row per zone, up to 10^7, loaded and rewritten at thousands
/// a second, and it would grow the history file every cron probe writes to and hold its
/// single write lock; its migrations also move apart from the history's. Times are REAL
/// seconds since 1970 (UTC), compared as numbers for leases (`datetime(x, 'unixepoch')`
/// in the sqlite3 shell). A published migration is never edited.
enum SQLiteSweepSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("sweep-v1") { db in
            try db.execute(sql: """
                CREATE TABLE sweep_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    tld TEXT NOT NULL,
                    started REAL NOT NULL,
                    finished REAL,
                    source_kind TEXT NOT NULL,
                    source_path TEXT NOT NULL,
                    zones INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX sweep_run_tld_started ON sweep_run (tld, started);
                CREATE TABLE sweep_work (
                    run_id INTEGER NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    zone TEXT NOT NULL,
                    name_servers TEXT NOT NULL,
                    ds TEXT NOT NULL,
                    done INTEGER NOT NULL DEFAULT 0,
                    status TEXT,
                    lease_owner TEXT,
                    lease_expires REAL,
                    claims INTEGER NOT NULL DEFAULT 0,
                    finished REAL,
                    PRIMARY KEY (run_id, seq),
                    UNIQUE (run_id, zone)
                ) WITHOUT ROWID;
                CREATE INDEX sweep_work_waiting ON sweep_work (run_id, seq) WHERE done = 0;
                CREATE TABLE sweep_host (
                    run_id INTEGER NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    address TEXT NOT NULL,
                    PRIMARY KEY (run_id, name, address)
                ) WITHOUT ROWID;
                CREATE TABLE sweep_finding (
                    run_id INTEGER NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                    zone TEXT NOT NULL,
                    "check" TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    server TEXT,
                    address TEXT,
                    transport TEXT,
                    parameters TEXT NOT NULL,
                    time REAL NOT NULL
                );
                CREATE INDEX sweep_finding_run_zone ON sweep_finding (run_id, zone);
                CREATE TABLE sweep_status (
                    run_id INTEGER NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                    status TEXT NOT NULL,
                    zones INTEGER NOT NULL,
                    PRIMARY KEY (run_id, status)
                ) WITHOUT ROWID;
                CREATE TABLE sweep_reason (
                    run_id INTEGER NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                    "check" TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    zones INTEGER NOT NULL,
                    findings INTEGER NOT NULL,
                    PRIMARY KEY (run_id, "check", reason, severity)
                ) WITHOUT ROWID;
                CREATE TABLE sweep_operator (
                    run_id INTEGER NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                    operator TEXT NOT NULL,
                    zones INTEGER NOT NULL,
                    broken INTEGER NOT NULL,
                    PRIMARY KEY (run_id, operator)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
