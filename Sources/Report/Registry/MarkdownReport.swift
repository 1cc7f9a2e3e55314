import Foundation
/// The registry report in Markdown, for mail and tickets: the same sections and tables as
/// the HTML page, without the charts (their numbers are the tables).
public enum MarkdownReport {
    public static func render(_ report: RegistryReport) -> String {
        let tables = ReportTables(report: report)
        func t(_ term: Term) -> String { term.text(report.language) }
        var out = "# \(t(.title))\n\n\(t(.audience))\(report.language.sentenceEnd)\n\n"
        out += table(ReportTable(headers: ["", ""], rows: tables.overview.map { [$0.0, $0.1] }))
        for note in report.notes { out += "\n> \(MarkdownText.escape(note))\n" }

        out += "\n## \(t(.summary))\n\n**\(tables.counts)**\n\n"
        if report.summary.isEmpty {
            out += "\(t(.noProblems))\n"
        }
        for (index, problem) in report.summary.enumerated() {
            var place = problem.zone.map { "_\(MarkdownText.escape($0))_" } ?? ""
            let server = tables.server(problem)
            if !server.isEmpty { place += (place.isEmpty ? "" : " ") + MarkdownText.escape(server) }
            out += "\(index + 1). **\(tables.severity(problem.severity))** \(place)\(report.language.colon)"
                + "\(MarkdownText.escape(problem.message)) \(MarkdownText.escape(tables.when(problem)))  \n"
                + "   \(t(.action))\(report.language.colon)\(MarkdownText.escape(problem.action))\n"
        }

        out += section(t(.availabilityRate), tables.availability, empty: t(.noData))
        out += section(t(.latencyMilliseconds), tables.latency, empty: t(.noData))
        out += section(t(.serialIncidents), tables.serialIncidents, empty: t(.noProblems))
        out += section(t(.consistencyAndHijack), tables.consistencyAndHijack, empty: t(.noProblems))
        out += section(t(.dnssec), tables.dnssec, empty: t(.noData))
        if !tables.dnssecIncidents.rows.isEmpty {
            out += "\n### \(t(.dnssecIncidents))\n\n" + table(tables.dnssecIncidents)
        }
        out += section(t(.backup), tables.backups, empty: t(.noData))
        out += section(t(.headroom), tables.headroom, empty: t(.noData))
        return out
    }

    private static func section(_ heading: String, _ table: ReportTable, empty: String) -> String {
        "\n## \(heading)\n\n" + (table.rows.isEmpty ? empty + "\n" : Self.table(table))
    }

    static func table(_ table: ReportTable) -> String {
        var out = "| " + table.headers.map(MarkdownText.escape).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: table.headers.count) + "\n"
        for row in table.rows {
            out += "| " + row.map(MarkdownText.escape).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
