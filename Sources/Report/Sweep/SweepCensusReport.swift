public import Foundation
public import Model
import Platform

/// The census section of a sweep (`dnsward sweep --report FILE`), in English or Chinese,
/// as Markdown or one self-contained HTML page: zones per status, per problem (with the
/// recommended action of the report's catalogue), per name-server operator (most broken
/// first), and the change against the previous sweep of the TLD with the zones' names.
public struct SweepCensusReport: Sendable {
    public let census: SweepCensus
    /// Per kind of change: up to a limit of zone names (`SweepStore.changes`).
    public let changed: [SweepChange.Kind: [String]]
    public let language: ReportLanguage

    public init(census: SweepCensus, changed: [SweepChange.Kind: [String]], language: ReportLanguage) {
        self.census = census
        self.changed = changed
        self.language = language
    }

    /// Operators listed, most broken zones first.
    public static let operatorRows = 20

    struct Table {
        let title: String
        let headers: [String]
        let rows: [[String]]
        var note: String?
    }

    private func t(_ label: SweepTerm) -> String { label.text(language) }

    var title: String { "\(t(.title)) \(census.run.tld) (\(t(.run)) \(census.run.id))" }

    var tables: [Table] {
        let run = census.run
        let progress = census.progress
        func count(_ severity: Severity) -> String { String(census.statuses[severity] ?? 0) }
        var overview = [
            [t(.zones), String(progress.total)], [t(.done), String(progress.done)],
            [Term.ok.text(language), count(.ok)], [Term.warning.text(language), count(.warning)],
            [Term.critical.text(language), count(.critical)], [Term.unknown.text(language), count(.unknown)],
            [t(.started), ReportFormat.time(run.started)],
            [t(.finished), run.finished.map(ReportFormat.time) ?? t(.notFinished)],
            [t(.source), run.source.description],
        ]
        if !progress.isComplete { overview.append([t(.leased), String(progress.leased)]) }

        let subject = language == .en ? ("the zone", "its server") : ("该区", "该服务器")
        let problems = census.reasons.filter { $0.severity != .ok }.map { reason in
            [severity(reason.severity), reason.check.rawValue, reason.reason.rawValue, String(reason.zones), String(reason.findings),
             ReportCatalogue.action(reason.reason, [:], zone: subject.0, server: subject.1, address: subject.1, language) ?? ""]
        }
        let operators = census.operators.sorted { ($1.broken, $0.name) < ($0.broken, $1.name) }.prefix(Self.operatorRows).map { op in
            [op.name, String(op.zones), String(op.broken),
             op.zones > 0 ? String(format: "%.1f%%", 100 * Double(op.broken) / Double(op.zones)) : "-"]
        }
        var result = [
            Table(title: t(.overview), headers: ["", ""], rows: overview),
            Table(title: t(.perProblem), headers: [Term.severity.text(language), Term.check.text(language), Term.reason.text(language),
                                                   t(.zones), t(.findings), Term.action.text(language)], rows: problems,
                  note: problems.isEmpty ? Term.noProblems.text(language) : nil),
            Table(title: t(.perOperator), headers: [t(.operator), t(.zones), t(.broken), t(.brokenShare)], rows: Array(operators),
                  note: census.operators.count > Self.operatorRows
                      ? "\(Self.operatorRows) / \(census.operators.count)" : nil),
        ]
        if let change = census.change {
            let kinds: [(SweepChange.Kind, SweepTerm)] = [(.newlyBroken, .newlyBroken), (.fixed, .fixed), (.stillBroken, .stillBroken), (.gone, .gone)]
            let rows = kinds.map { kind, label in
                [t(label), String(change[kind]), (changed[kind] ?? []).joined(separator: " ")]
            }
            result.append(Table(title: "\(t(.change)) (\(t(.run)) \(change.previousRun))",
                                headers: ["", t(.zones), t(.examples)], rows: rows))
        } else {
            result.append(Table(title: t(.change), headers: [], rows: [], note: t(.noPrevious)))
        }
        return result
    }

    private func severity(_ severity: Severity) -> String {
        switch severity {
        case .ok: Term.ok.text(language)
        case .warning: Term.warning.text(language)
        case .critical: Term.critical.text(language)
        case .unknown: Term.unknown.text(language)
        }
    }

    public func markdown() -> String {
        var out = "# \(MarkdownText.escape(title))\n"
        for table in tables {
            out += "\n## \(table.title)\n\n"
            if !table.headers.isEmpty && !table.rows.isEmpty {
                out += "| " + table.headers.map(MarkdownText.escape).joined(separator: " | ") + " |\n"
                out += "|" + table.headers.map { _ in "---|" }.joined() + "\n"
                for row in table.rows { out += "| " + row.map(MarkdownText.escape).joined(separator: " | ") + " |\n" }
            }
            if let note = table.note { out += "\n\(MarkdownText.escape(note))\n" }
        }
        return out
    }

    /// Replaces the file whole: a reader never sees half a report.
    public static func write(_ text: String, to path: String) throws {
        try DurableFile.write(Array(text.utf8), to: path)
    }

    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.htmlLanguage)\"><head><meta charset=\"utf-8\"><title>\(HTMLText.escape(title))</title>"
        out += "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
        out += "td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eee}</style></head><body>\n"
        out += "<h1>\(HTMLText.escape(title))</h1>\n"
        for table in tables {
            out += "<h2>\(HTMLText.escape(table.title))</h2>\n"
            if !table.headers.isEmpty && !table.rows.isEmpty {
                out += "<table><tr>" + table.headers.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>\n"
                for row in table.rows { out += "<tr>" + row.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>\n" }
                out += "</table>\n"
            }
            if let note = table.note { out += "<p>\(HTMLText.escape(note))</p>\n" }
        }
        return out + "</body></html>\n"
    }
}

/// The census's own labels. The Chinese ones are composed from the sourced terms of `Term`
/// (区, 问题, 严重性, 运维单位 [Measures/audience], 名字服务器 [BIND-zh], 恢复 [MIIT-plan]);
/// none is quoted from a source word for word.
enum SweepTerm {
    case title, run, zones, done, started, finished, notFinished, source, leased, overview
    case perProblem, findings, perOperator, `operator`, broken, brokenShare
    case change, newlyBroken, fixed, stillBroken, gone, examples, noPrevious

    func text(_ language: ReportLanguage) -> String {
        let (en, zh): (String, String) = switch self {
        case .title: ("Sweep census of", "授权检查统计：")
        case .run: ("sweep", "检查编号")
        case .zones: ("Zones", "区")
        case .done: ("Checked", "已检查")
        case .started: ("Started", "开始时间")
        case .finished: ("Finished", "结束时间")
        case .notFinished: ("not finished", "未结束")
        case .source: ("Work list", "检查清单")
        case .leased: ("Being checked", "检查中")
        case .overview: ("Overview", "概览")
        case .perProblem: ("Per problem", "按问题")
        case .findings: ("Findings", "问题次数")
        case .perOperator: ("Per name-server operator", "按名字服务器运维单位")
        case .operator: ("Operator (registered domain of the NS names)", "运维单位（NS 名称的注册域名）")
        case .broken: ("Zones with problems", "有问题的区")
        case .brokenShare: ("Share", "比例")
        case .change: ("Since the previous sweep", "与上次检查相比")
        case .newlyBroken: ("New problems", "新增问题")
        case .fixed: ("Fixed", "已恢复")
        case .stillBroken: ("Still broken", "仍有问题")
        case .gone: ("No longer delegated", "已不再授权")
        case .examples: ("Zones (first ones)", "区（前若干个）")
        case .noPrevious: ("No previous sweep of this TLD.", "此顶级域名此前没有检查记录。")
        }
        return language == .en ? en : zh
    }
}
