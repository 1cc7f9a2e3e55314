import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Platform
import Report
import Testing

/// The HTML page: self-contained and escaped (read as text), and what a browser makes of
/// it: headless Chromium in an empty network namespace (scripts/render-html.sh) renders the
/// fixed history's report, whose DOM text must hold every zone and problem and whose
/// screenshot must not be blank.
// One Chromium at a time: it is the heaviest thing the suite starts, and timing tests of
// other suites run beside it.
@Suite(.serialized) struct ReportHTMLTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    static let allowedTags: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1", "h2", "h3", "p",
        "table", "thead", "tbody", "tr", "th", "td", "span", "strong", "b", "ol", "li", "div", "figure",
        "svg", "line", "rect", "text", "polyline", "circle",
    ]

    /// Every tag name in `html` (opening and closing), and every attribute name inside tags.
    static func markup(_ html: String) -> (tags: Set<String>, attributes: Set<String>) {
        var tags: Set<String> = []
        var attributes: Set<String> = []
        let tagPattern = try! NSRegularExpression(pattern: #"<(/?)([!A-Za-z][A-Za-z0-9-]*)([^>]*)>"#)
        let attributePattern = try! NSRegularExpression(pattern: #"\s([A-Za-z-]+)="#)
        let whole = NSRange(html.startIndex..., in: html)
        for match in tagPattern.matches(in: html, range: whole) {
            tags.insert(String(html[Range(match.range(at: 2), in: html)!]).lowercased())
            let inside = String(html[Range(match.range(at: 3), in: html)!])
            for attribute in attributePattern.matches(in: inside, range: NSRange(inside.startIndex..., in: inside)) {
                attributes.insert(String(inside[Range(attribute.range(at: 1), in: inside)!]).lowercased())
            }
        }
        return (tags, attributes)
    }

    @Test(arguments: ReportLanguage.allCases)
    func thePageIsSelfContained(language: ReportLanguage) throws {
        let html = HTMLReport.render(try ReportFixture.report(language, in: directory.path))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.htmlLanguage)\">"))
        for outside in ["<script", "http:", "https:", "url(", "src=", "href=", "@import", "<link"] {
            #expect(!html.contains(outside), "the page has \(outside)")
        }
        let markup = Self.markup(html)
        #expect(markup.tags.isSubset(of: Self.allowedTags), "\(markup.tags.subtracting(Self.allowedTags))")
        #expect(!markup.attributes.contains { $0.hasPrefix("on") })
        // Every chart has a title, and its numbers in a table beside it.
        let charts = html.components(separatedBy: "<svg ").dropFirst()
        #expect(charts.count >= 4)
        for chart in charts { #expect(chart.contains("><title id=")) }
        #expect(html.components(separatedBy: "<div class=\"chart\"><figure><svg").count - 1 == charts.count)
        #expect(html.contains("@media print") && html.contains("@page") && html.contains("break-inside:avoid"))
    }

    /// Zone names, server names, record data and error texts straight from the network or a
    /// configuration: none may open an element, an attribute or a table cell.
    static func hostileHistory(_ store: HistoryStore) throws {
        let zone = "<script>alert(1)</script>.test"
        let server = "\"><img src=x onerror=alert(1)>"
        let record = "A </style><svg onload=alert(2)> & \"x\" | `y`\n| injected | row |"
        var run = SampleRun.make(started: ReportFixture.t0, findings: [
            SampleRun.finding(.recCorrect, .critical, zone, server, "127.53.9.9", reason: .hijack,
                              parameters: ["name": .name("www.\(zone)"), "type": .text("A"), "resolver": .text(record)]),
            SampleRun.finding(.authSerial, .critical, zone, server, "127.0.0.1\"onmouseover=\"x", reason: .serialLag,
                              parameters: ["serial": .serial(1), "reference": .serial(2), "lag": .seconds(9000),
                                           "referenceFirstSeen": .time(ReportFixture.hours(-3))]),
        ], measurements: [
            Model.Measurement(zone: zone, server: server, address: "127.53.9.9", transport: .udp, rtt: 0.004, serial: 1),
        ])
        run.dnssecExpiry = [zone: ReportFixture.hours(24)]
        try store.append(run)
        try store.record(SnapshotEvent(time: ReportFixture.hours(-1), zone: zone, kind: .refused, snapshot: "<b>bold</b>",
                                       detail: "</td></tr><tr><td>forged row"))
        try store.record(SnapshotEvent(time: ReportFixture.hours(-40), zone: zone, kind: .taken, snapshot: "x'y\"z", serial: 3))
        try store.record(RestoreEvent(time: ReportFixture.hours(-1), kind: .drill, zone: zone, resolver: "unbound",
                                      snapshot: "x'y\"z", outcome: "failed", detail: "<iframe src=//example.org>"))
    }

    static func hostileReport(_ language: ReportLanguage, in directory: String) throws -> RegistryReport {
        let store = try HistoryStore(path: directory + "/hostile.sqlite")
        try hostileHistory(store)
        return ReportBuilder.build(try ReportHistory.read(from: store, since: ReportFixture.since),
                                   options: ReportFixture.options(language), generated: ReportFixture.until)
    }

    @Test func hostileNamesAndDataAreEscaped() throws {
        let report = try Self.hostileReport(.en, in: directory.path)
        let html = HTMLReport.render(report)
        let markup = Self.markup(html)
        #expect(markup.tags.isSubset(of: Self.allowedTags), "\(markup.tags.subtracting(Self.allowedTags))")
        #expect(!markup.attributes.contains { $0.hasPrefix("on") }, "\(markup.attributes)")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.test"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;/style&gt;&lt;svg onload=alert(2)&gt; &amp; &quot;x&quot;"))
        #expect(!html.contains("<iframe") && !html.contains("</td></tr><tr><td>forged"))
        // Inside the one <style> element, nothing from the history.
        let style = html.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
        #expect(!style.contains("alert"))

        // Markdown: every table row keeps its cell count; no raw HTML gets through.
        let markdown = MarkdownReport.render(report)
        #expect(!markdown.contains("<script") && !markdown.contains("<img") && !markdown.contains("<iframe"))
        var block: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""] {
            if line.hasPrefix("|") {
                block.append(line)
                continue
            }
            if let header = block.first {
                let columns = Self.unescapedPipes(header)
                for row in block { #expect(Self.unescapedPipes(row) == columns, "a row of another width: \(row)") }
            }
            block = []
        }
        #expect(!markdown.contains("\n| injected | row |"))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }

    // MARK: - Chromium

    static var chromiumInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") }

    static func render(_ arguments: [String]) async throws -> Subprocess.Result {
        let script = Golden.repository.appendingPathComponent("scripts/render-html.sh").path
        return try await Subprocess.run("/bin/bash", [script] + arguments, timeout: .seconds(120))
    }

    /// The text a reader sees: the DOM without its tags, entities read.
    static func visibleText(_ dom: String) -> String {
        let body = dom.components(separatedBy: "<body>").last ?? dom
        let stripped = body.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        return stripped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&nbsp;", with: " ")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// As `HTMLText` shows a control character: visibly.
    static func visible(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\\n")
    }

    @Test(.timeLimit(.minutes(3)), arguments: ReportLanguage.allCases)
    func chromiumRendersEveryZoneAndProblem(language: ReportLanguage) async throws {
        try #require(Self.chromiumInstalled, "chromium is not installed: apt-get install chromium (scripts/setup-debian.sh)")
        let report = try ReportFixture.report(language, in: directory.path)
        let page = directory.path + "/report-\(language.rawValue).html"
        try HTMLReport.render(report).write(toFile: page, atomically: true, encoding: .utf8)

        let dom = try await Self.render(["dom", page])
        try #require(dom.succeeded, "\(dom.standardError)")
        #expect(dom.standardOutput.contains("<html lang=\"\(language.htmlLanguage)\">"))
        let text = Self.visibleText(dom.standardOutput)
        #expect(text.contains(Term.title.text(language)))
        for zone in report.zones { #expect(text.contains(Self.visible(zone.zone)), "no zone \(zone.zone) in the rendered page") }
        for problem in report.summary {
            #expect(text.contains(Self.visible(problem.message)), "no problem \(problem.message) in the rendered page")
            #expect(text.contains(Self.visible(problem.action)), "no action \(problem.action) in the rendered page")
        }
        #expect(!report.summary.isEmpty)

        let png = directory.path + "/report-\(language.rawValue).png"
        let shot = try await Self.render(["screenshot", page, png, "640", "720"])
        try #require(shot.succeeded, "\(shot.standardError)")
        let stats = try await Subprocess.run("/usr/bin/python3", [Golden.repository.appendingPathComponent("scripts/png-stats.py").path, png])
        let figures = stats.standardOutput.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(figures.count == 4, "png-stats: \(stats.standardOutput)\(stats.standardError)")
        #expect(figures[0] == 640 && figures[1] == 720)
        #expect(figures[2] > 16, "only \(Int(figures[2])) colours: a blank page")
        #expect(figures[3] > 0.02, "only \(figures[3]) of the pixels inked: a blank page")
    }

    @Test(.timeLimit(.minutes(2)))
    func chromiumSeesHostileNamesAsText() async throws {
        try #require(Self.chromiumInstalled, "chromium is not installed: apt-get install chromium (scripts/setup-debian.sh)")
        let page = directory.path + "/hostile.html"
        try HTMLReport.render(try Self.hostileReport(.zh, in: directory.path)).write(toFile: page, atomically: true, encoding: .utf8)
        let dom = try await Self.render(["dom", page])
        try #require(dom.succeeded, "\(dom.standardError)")
        let elements = Self.markup(dom.standardOutput)
        #expect(elements.tags.isSubset(of: Self.allowedTags), "\(elements.tags.subtracting(Self.allowedTags))")
        #expect(!elements.attributes.contains { $0.hasPrefix("on") })
        let text = Self.visibleText(dom.standardOutput)
        #expect(text.contains("<script>alert(1)</script>.test"))
        #expect(text.contains("\"><img src=x onerror=alert(1)>"))
    }
}
