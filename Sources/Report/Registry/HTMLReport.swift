import Foundation
import Model

/// The registry report as one self-contained HTML page: inline CSS, inline SVG charts each
/// with a `<title>` and its numbers in a table beside it, no script, no external URL, the
/// page's language set, readable on screen and on paper (print CSS). Every piece of text
/// from the history is escaped (`HTMLText`).
public enum HTMLReport {
    public static func render(_ report: RegistryReport) -> String {
        let tables = ReportTables(report: report)
        let language = report.language
        func t(_ term: Term) -> String { HTMLText.escape(term.text(language)) }
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.htmlLanguage)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t(.title)) \(HTMLText.escape(ReportFormat.day(report.until)))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(t(.title))</h1>
            <p class="audience">\(t(.audience))\(language.sentenceEnd)</p>

            """
        out += "<table class=\"overview\">"
        for (label, value) in tables.overview {
            out += "<tr><th scope=\"row\">\(HTMLText.escape(label))</th><td>\(HTMLText.escape(value))</td></tr>"
        }
        out += "</table>\n"
        for note in report.notes { out += "<p class=\"note\">\(HTMLText.escape(note))</p>\n" }
        out += "</header>\n<main>\n"

        out += "<section id=\"summary\">\n<h2>\(t(.summary))</h2>\n<p class=\"counts\">"
        for severity in [Severity.critical, .unknown, .warning] {
            out += "<span class=\"badge \(css(severity))\">\(HTMLText.escape(tables.severity(severity))) \(report.count(severity))</span> "
        }
        out += "</p>\n"
        if report.summary.isEmpty {
            out += "<p>\(t(.noProblems))</p>\n"
        } else {
            out += "<ol class=\"problems\">\n"
            for problem in report.summary {
                out += "<li class=\"\(css(problem.severity))\"><span class=\"badge \(css(problem.severity))\">"
                    + "\(HTMLText.escape(tables.severity(problem.severity)))</span> "
                var place: [String] = []
                if let zone = problem.zone { place.append("<strong class=\"zone\">\(HTMLText.escape(zone))</strong>") }
                let server = tables.server(problem)
                if !server.isEmpty { place.append("<span class=\"server\">\(HTMLText.escape(server))</span>") }
                out += place.joined(separator: " ")
                out += "\(HTMLText.escape(language.colon))<span class=\"message\">\(HTMLText.escape(problem.message))</span> "
                out += "<span class=\"when\">\(HTMLText.escape(tables.when(problem)))</span>"
                out += "<p class=\"action\"><b>\(t(.action))</b>\(HTMLText.escape(language.colon))"
                    + "\(HTMLText.escape(problem.action))</p></li>\n"
            }
            out += "</ol>\n"
        }
        out += "</section>\n"

        out += section("availability", t(.availabilityRate)) {
            guard !tables.availability.rows.isEmpty else { return "<p>\(t(.noData))</p>" }
            return chart(availabilityChart(report, tables), tables.availability, caption: t(.chartNumbers))
        }
        out += section("latency", t(.latencyMilliseconds)) {
            guard !tables.latency.rows.isEmpty else { return "<p>\(t(.noData))</p>" }
            var body = table(tables.latency)
            for (index, zone) in report.zones.enumerated() where !zone.latency.isEmpty {
                body += "<h3>\(HTMLText.escape(zone.zone))</h3>"
                body += chart(latencyChart(zone, index: index, report: report), tables.latencyPoints(zone), caption: t(.chartNumbers))
            }
            return body
        }
        out += section("serial", t(.serialIncidents)) {
            tables.serialIncidents.rows.isEmpty ? "<p>\(t(.noProblems))</p>" : table(tables.serialIncidents)
        }
        out += section("consistency", t(.consistencyAndHijack)) {
            tables.consistencyAndHijack.rows.isEmpty ? "<p>\(t(.noProblems))</p>" : table(tables.consistencyAndHijack)
        }
        out += section("dnssec", t(.dnssec)) {
            var body = tables.dnssec.rows.isEmpty ? "<p>\(t(.noData))</p>" : chart(expiryChart(report), tables.dnssec, caption: t(.chartNumbers))
            if !tables.dnssecIncidents.rows.isEmpty {
                body += "<h3>\(t(.dnssecIncidents))</h3>" + table(tables.dnssecIncidents)
            }
            return body
        }
        out += section("backup", t(.backup)) {
            tables.backups.rows.isEmpty ? "<p>\(t(.noData))</p>" : chart(backupChart(report), tables.backups, caption: t(.chartNumbers))
        }
        out += section("headroom", t(.headroom)) {
            tables.headroom.rows.isEmpty ? "<p>\(t(.noData))</p>" : table(tables.headroom)
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private static func section(_ id: String, _ heading: String, _ body: () -> String) -> String {
        "<section id=\"\(id)\">\n<h2>\(heading)</h2>\n\(body())\n</section>\n"
    }

    private static func chart(_ svg: String, _ numbers: ReportTable, caption: String) -> String {
        "<div class=\"chart\"><figure>\(svg)</figure><div class=\"numbers\"><p class=\"caption\">\(caption)</p>\(table(numbers))</div></div>"
    }

    static func table(_ table: ReportTable) -> String {
        var out = "<table><thead><tr>" + table.headers.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, row) in table.rows.enumerated() {
            let severity = index < table.severities.count ? table.severities[index] : nil
            out += severity.map { "<tr class=\"\(css($0))\">" } ?? "<tr>"
            out += row.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    static func css(_ severity: Severity) -> String {
        switch severity {
        case .critical: "critical"
        case .warning: "warning"
        case .unknown: "unknown"
        case .ok: "ok"
        }
    }

    /// Long names are cut in a chart's labels only; the table beside it has them whole.
    static func label(_ text: String) -> String {
        text.count > 44 ? String(text.prefix(43)) + "…" : text
    }

    static func availabilityChart(_ report: RegistryReport, _ tables: ReportTables) -> String {
        var bars: [SVGChart.Bar] = []
        for zone in report.zones {
            for server in zone.availability {
                for (name, figure) in [("UDP", server.udp), ("TCP", server.tcp)] {
                    guard let figure else { continue }
                    let percent = figure.percent
                    bars.append(SVGChart.Bar(
                        label: label("\(zone.zone) \(server.server) \(name)"), value: percent,
                        text: ReportFormat.percent(percent),
                        color: percent >= 99.9 ? "#2e7d32" : percent >= 90 ? "#ef6c00" : "#c62828"))
                }
            }
        }
        return SVGChart.bars(id: "chart-availability", title: Term.chartAvailability.text(report.language), bars: bars, maximum: 100)
    }

    static func latencyChart(_ zone: ZoneReport, index: Int, report: RegistryReport) -> String {
        let series = zone.latency.enumerated().map { offset, item in
            SVGChart.Series(label: label("\(item.server) (\(item.address))"), points: item.points.map { ($0.time, $0.milliseconds) },
                            color: SVGChart.palette[offset % SVGChart.palette.count])
        }
        let times = zone.latency.flatMap { $0.points.map(\.time) }
        return SVGChart.lines(
            id: "chart-latency-\(index)", title: "\(Term.chartLatency.text(report.language)): \(zone.zone)", series: series,
            from: times.min() ?? report.since, to: times.max() ?? report.until, unit: "ms")
    }

    static func expiryChart(_ report: RegistryReport) -> String {
        let signed = report.zones.filter(\.dnssec.signed)
        let window = report.limits.expiryWindowSeconds / 86_400
        let days = signed.compactMap(\.dnssec.daysLeft)
        let maximum = max(30, (days.max() ?? 0) * 1.05)
        let bars = signed.map { zone in
            let left = zone.dnssec.daysLeft ?? 0
            return SVGChart.Bar(
                label: label(zone.zone), value: max(0, left),
                text: left <= 0 ? Term.failed.text(report.language) : "\(ReportFormat.number(left, decimals: 1)) \(Term.days.text(report.language))",
                color: left <= 0 ? "#c62828" : left < window ? "#ef6c00" : "#2e7d32")
        }
        return SVGChart.bars(id: "chart-expiry", title: Term.chartExpiry.text(report.language), bars: bars, maximum: maximum,
                             markers: [(window, Term.expiryWindow.text(report.language))])
    }

    static func backupChart(_ report: RegistryReport) -> String {
        let limit = report.limits.backupMaxAgeSeconds / 3600
        let zones = report.zones.filter { $0.backup.ageSeconds != nil }
        let hours = zones.compactMap { $0.backup.ageSeconds.map { $0 / 3600 } }
        let maximum = max(limit * 1.2, (hours.max() ?? 0) * 1.05)
        let bars = zones.map { zone in
            let age = (zone.backup.ageSeconds ?? 0) / 3600
            return SVGChart.Bar(label: label(zone.zone), value: age,
                                text: ReportFormat.duration(zone.backup.ageSeconds ?? 0, report.language),
                                color: age > limit ? "#ef6c00" : "#1f77b4")
        }
        return SVGChart.bars(id: "chart-backup", title: Term.chartBackupAge.text(report.language), bars: bars, maximum: maximum,
                             markers: [(limit, "\(ReportFormat.number(limit, decimals: 0)) \(Term.hours.text(report.language))")])
    }

    static let style = """
        body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:#222;margin:2em auto;max-width:1280px;padding:0 1em;line-height:1.45}
        h1{margin:0 0 .2em}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:1.6em}h3{margin:1em 0 .3em}
        table{border-collapse:collapse;font-size:13px;margin:.5em 0}
        th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f2f2f2}table.overview th{width:12em}
        .badge{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-weight:600;font-size:.9em;background:#777}
        .badge.critical{background:#c62828}.badge.warning{background:#ef6c00}.badge.unknown{background:#6a1b9a}.badge.ok{background:#2e7d32}
        tr.critical td:first-child{border-left:5px solid #c62828}tr.warning td:first-child{border-left:5px solid #ef6c00}
        tr.unknown td:first-child{border-left:5px solid #6a1b9a}
        ol.problems{padding-left:2em}ol.problems li{margin:.45em 0}.when{color:#555;font-size:.92em}
        .action{margin:.15em 0 0;color:#0d47a1}.zone{font-family:ui-monospace,monospace}
        .chart{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}figure{margin:0}.caption{margin:.2em 0;color:#555;font-size:.9em}
        .note{background:#fff8e1;padding:.4em .6em}
        @page{size:A4;margin:14mm}
        @media print{body{margin:0;max-width:none;font-size:11pt}section,figure,table,li,.chart{break-inside:avoid}h2,h3{break-after:avoid}
        .badge,tr td:first-child{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}
