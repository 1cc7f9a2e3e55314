import Foundation

/// Inline SVG charts for the HTML report: no script, no external reference, each with a
/// `<title>` (what a screen reader and a hover say) and drawn from figures the page also
/// shows in a table beside it.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Double
        /// Shown at the end of the bar (`99.5%`, `3.2 h`).
        var text: String
        var color: String
    }

    /// Horizontal bars, one per row, on a scale from 0 to `maximum`; `markers` draw dashed
    /// vertical lines (a warning window, a limit) with their labels.
    static func bars(id: String, title: String, bars: [Bar], maximum: Double, markers: [(Double, String)] = []) -> String {
        let labelWidth = 300.0
        let plot = 380.0
        let row = 20.0
        let top = 22.0
        let height = top + Double(max(bars.count, 1)) * row + 10
        let width = labelWidth + plot + 90
        let scale = maximum > 0 ? plot / maximum : 0
        var svg = open(id: id, title: title, width: width, height: height)
        svg += line(x1: labelWidth, y1: top - 4, x2: labelWidth, y2: height - 6, color: "#888")
        for (value, label) in markers where value >= 0 && value <= maximum {
            let x = labelWidth + value * scale
            svg += "<line x1=\"\(n(x))\" y1=\"\(n(top - 8))\" x2=\"\(n(x))\" y2=\"\(n(height - 6))\" stroke=\"#b00\" stroke-dasharray=\"4 3\"/>"
            svg += text(x: x + 3, y: top - 10, label, size: 10, color: "#b00")
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * row
            svg += text(x: labelWidth - 6, y: y + 13, bar.label, size: 11, anchor: "end")
            let length = max(0, min(plot, bar.value * scale))
            svg += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 3))\" width=\"\(n(length))\" height=\"\(n(row - 6))\" fill=\"\(bar.color)\"/>"
            svg += text(x: labelWidth + length + 4, y: y + 13, bar.text, size: 11)
        }
        return svg + "</svg>"
    }

    struct Series {
        var label: String
        var points: [(Date, Double)]
        var color: String
    }

    /// Lines over time, one per series, with a legend; the y axis from 0 to the largest value.
    static func lines(id: String, title: String, series: [Series], from start: Date, to end: Date, unit: String) -> String {
        let left = 60.0
        let plotWidth = 560.0
        let plotHeight = 170.0
        let top = 14.0
        let legendRow = 16.0
        let height = top + plotHeight + 34 + Double(series.count) * legendRow
        let width = left + plotWidth + 20
        let (maximum, step) = niceScale(series.flatMap { $0.points.map(\.1) }.max() ?? 1)
        let span = max(end.timeIntervalSince(start), 1)
        func x(_ date: Date) -> Double { left + date.timeIntervalSince(start) / span * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - value / maximum * plotHeight }
        var svg = open(id: id, title: title, width: width, height: height)
        svg += line(x1: left, y1: top, x2: left, y2: top + plotHeight, color: "#888")
        svg += line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, color: "#888")
        let decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
        for index in 0...Int((maximum / step).rounded()) {
            let value = Double(index) * step
            svg += line(x1: left - 4, y1: y(value), x2: left + plotWidth, y2: y(value), color: "#e4e4e4")
            svg += text(x: left - 6, y: y(value) + 4, String(format: "%.\(decimals)f", value), size: 10, anchor: "end")
        }
        svg += text(x: 4, y: top + 8, unit, size: 10)
        svg += text(x: left, y: top + plotHeight + 14, ReportFormat.time(start), size: 10)
        svg += text(x: left + plotWidth, y: top + plotHeight + 14, ReportFormat.time(end), size: 10, anchor: "end")
        for (index, item) in series.enumerated() {
            let coordinates = item.points.map { "\(n(x($0.0))),\(n(y($0.1)))" }
            if coordinates.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"2\" points=\"\(coordinates.joined(separator: " "))\"/>"
            }
            for point in item.points {
                svg += "<circle cx=\"\(n(x(point.0)))\" cy=\"\(n(y(point.1)))\" r=\"2.5\" fill=\"\(item.color)\"/>"
            }
            let legendY = top + plotHeight + 30 + Double(index) * legendRow
            svg += "<rect x=\"\(n(left))\" y=\"\(n(legendY - 9))\" width=\"12\" height=\"10\" fill=\"\(item.color)\"/>"
            svg += text(x: left + 18, y: legendY, item.label, size: 11)
        }
        return svg + "</svg>"
    }

    /// An axis from 0 to a round number at or above `largest`, in 3 to 6 steps of 1, 2 or 5
    /// times a power of ten, so every tick label is the exact value of its line.
    static func niceScale(_ largest: Double) -> (maximum: Double, step: Double) {
        let top = max(largest, 0.001)
        let magnitude = pow(10, (log10(top / 5)).rounded(.down))
        for factor in [1.0, 2, 5, 10] {
            let step = factor * magnitude
            if (top / step).rounded(.up) <= 6 { return (step * max(1, (top / step).rounded(.up)), step) }
        }
        return (top, top / 5)
    }

    /// Distinct colours that stay apart in greyscale print too.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]

    private static func open(id: String, title: String, width: Double, height: Double) -> String {
        "<svg role=\"img\" aria-labelledby=\"\(id)-title\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\">"
            + "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>"
    }

    private static func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color)\"/>"
    }

    private static func text(x: Double, y: Double, _ content: String, size: Int, anchor: String = "start", color: String = "#222") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(color)\">\(HTMLText.escape(content))</text>"
    }

    /// Coordinates to a tenth of a pixel: enough, and stable text for golden comparisons.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
