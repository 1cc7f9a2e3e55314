import Foundation
import Model

/// The census queries both stores share, written once. Parameters are named in the text
/// (`{prev}`) and become `:prev` for SQLite and `$n` for PostgreSQL; values are always
/// bound, never spliced.
enum SweepSQL {
    enum Dialect {
        case sqlite
        /// Parameter names in the order of their `$n`.
        case postgresql([String])
    }

    static func text(_ template: String, _ dialect: Dialect) -> String {
        var text = template
        switch dialect {
        case .sqlite:
            for name in ["prev", "run", "limit", "tld", "started"] { text = text.replacingOccurrences(of: "{\(name)}", with: ":\(name)") }
        case .postgresql(let names):
            for (index, name) in names.enumerated() { text = text.replacingOccurrences(of: "{\(name)}", with: "$\(index + 1)") }
        }
        return text
    }

    /// "Broken" is any status worse than OK; a zone not done yet in this run is not judged.
    static let changeCounts = """
        SELECT
            count(*) FILTER (WHERE c.status <> 'OK' AND (p.status IS NULL OR p.status = 'OK')) AS new,
            count(*) FILTER (WHERE c.status = 'OK' AND p.status <> 'OK') AS fixed,
            count(*) FILTER (WHERE c.status <> 'OK' AND p.status <> 'OK') AS still,
            (SELECT count(*) FROM sweep_work g WHERE g.run_id = {prev} AND g.done = true AND g.status <> 'OK'
                AND NOT EXISTS (SELECT 1 FROM sweep_work k WHERE k.run_id = {run} AND k.zone = g.zone)) AS gone
        FROM sweep_work c LEFT JOIN sweep_work p ON p.run_id = {prev} AND p.zone = c.zone AND p.done = true
        WHERE c.run_id = {run} AND c.done = true
        """

    static func changedZones(_ kind: SweepChange.Kind) -> String {
        let joined = """
            SELECT c.zone FROM sweep_work c LEFT JOIN sweep_work p ON p.run_id = {prev} AND p.zone = c.zone AND p.done = true
            WHERE c.run_id = {run} AND c.done = true AND
            """
        switch kind {
        case .newlyBroken: return joined + " c.status <> 'OK' AND (p.status IS NULL OR p.status = 'OK') ORDER BY c.zone LIMIT {limit}"
        case .fixed: return joined + " c.status = 'OK' AND p.status <> 'OK' ORDER BY c.zone LIMIT {limit}"
        case .stillBroken: return joined + " c.status <> 'OK' AND p.status <> 'OK' ORDER BY c.zone LIMIT {limit}"
        case .gone:
            return """
                SELECT g.zone FROM sweep_work g WHERE g.run_id = {prev} AND g.done = true AND g.status <> 'OK'
                AND NOT EXISTS (SELECT 1 FROM sweep_work k WHERE k.run_id = {run} AND k.zone = g.zone)
                ORDER BY g.zone LIMIT {limit}
                """
        }
    }

    /// The latest finished run of the same TLD that started before this one: a sweep
    /// stopped halfway would make every zone it did not reach look "gone".
    static let previousRun = """
        SELECT id FROM sweep_run WHERE tld = {tld} AND id <> {run} AND started <= {started} AND finished IS NOT NULL
        ORDER BY started DESC, id DESC LIMIT 1
        """

    static func worstFirst(_ reasons: [ReasonCount]) -> [ReasonCount] {
        reasons.sorted {
            ($0.severity.rank, $0.zones, $1.check.rawValue, $1.reason.rawValue)
                > ($1.severity.rank, $1.zones, $0.check.rawValue, $0.reason.rawValue)
        }
    }
}
