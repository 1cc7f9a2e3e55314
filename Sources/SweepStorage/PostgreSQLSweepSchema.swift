/// The PostgreSQL sweep store's tables. Migrations run under a transaction-scoped advisory
/// lock, so N hosts starting against one empty database at once create the tables once;
/// `sweep_schema` lists the versions applied. A published version is never edited.
/// `sweep_work` leaves 30% of each page free: a claim then rewrites its row in place (a HOT
/// update, no new index entries), and only the commit, which leaves the waiting index,
/// adds index entries that later claims must step over.
enum PostgreSQLSweepSchema {
    /// An arbitrary constant naming dnsward's sweep migrations among advisory locks.
    static let lock = "7305119311"

    static let versions: [(Int, String)] = [
        (1, """
            CREATE TABLE sweep_run (
                id bigserial PRIMARY KEY,
                tld text NOT NULL,
                started timestamptz NOT NULL,
                finished timestamptz,
                source_kind text NOT NULL,
                source_path text NOT NULL,
                zones bigint NOT NULL DEFAULT 0
            );
            CREATE INDEX sweep_run_tld_started ON sweep_run (tld, started);
            CREATE TABLE sweep_work (
                run_id bigint NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                seq bigint NOT NULL,
                zone text NOT NULL,
                name_servers text NOT NULL,
                ds text NOT NULL,
                done boolean NOT NULL DEFAULT false,
                status text,
                lease_owner text,
                lease_expires timestamptz,
                claims integer NOT NULL DEFAULT 0,
                finished timestamptz,
                PRIMARY KEY (run_id, seq),
                UNIQUE (run_id, zone)
            ) WITH (fillfactor = 70);
            CREATE INDEX sweep_work_waiting ON sweep_work (run_id, seq) WHERE NOT done;
            CREATE TABLE sweep_host (
                run_id bigint NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                name text NOT NULL,
                address text NOT NULL,
                PRIMARY KEY (run_id, name, address)
            );
            CREATE TABLE sweep_finding (
                run_id bigint NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                zone text NOT NULL,
                "check" text NOT NULL,
                severity text NOT NULL,
                reason text NOT NULL,
                server text,
                address text,
                transport text,
                parameters text NOT NULL,
                time timestamptz NOT NULL
            );
            CREATE INDEX sweep_finding_run_zone ON sweep_finding (run_id, zone);
            CREATE TABLE sweep_status (
                run_id bigint NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                status text NOT NULL,
                zones bigint NOT NULL,
                PRIMARY KEY (run_id, status)
            );
            CREATE TABLE sweep_reason (
                run_id bigint NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                "check" text NOT NULL,
                reason text NOT NULL,
                severity text NOT NULL,
                zones bigint NOT NULL,
                findings bigint NOT NULL,
                PRIMARY KEY (run_id, "check", reason, severity)
            );
            CREATE TABLE sweep_operator (
                run_id bigint NOT NULL REFERENCES sweep_run (id) ON DELETE CASCADE,
                operator text NOT NULL,
                zones bigint NOT NULL,
                broken bigint NOT NULL,
                PRIMARY KEY (run_id, operator)
            );
            """),
    ]

    static func migrate(_ connection: PGConnection) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(\(lock))")
            try connection.execute("CREATE TABLE IF NOT EXISTS sweep_schema (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())")
            let applied = try connection.execute("SELECT coalesce(max(version), 0) FROM sweep_schema").integer(0, 0)
            for (version, sql) in versions where version > applied {
                try connection.script(sql)
                try connection.execute("INSERT INTO sweep_schema (version) VALUES ($1)", [String(version)])
            }
        }
    }
}
