/// One metric family of the text exposition format: its `# HELP` and `# TYPE` lines and
/// its samples, each label set once.
///
/// node_exporter's textfile collector rejects the whole file when a series repeats, so a
/// repeated label set is dropped here rather than trusted to the callers.
struct PrometheusFamily {
    let name: String
    let help: String
    let labelNames: [String]
    private var samples: [[String]: Double] = [:]
    private var order: [[String]] = []

    init(_ name: String, help: String, labels: [String] = []) {
        self.name = name
        self.help = help
        labelNames = labels
    }

    var isEmpty: Bool { order.isEmpty }

    /// The first value for a label set wins; callers that must pick (worst, highest) do so
    /// before adding.
    mutating func add(_ labelValues: [String], _ value: Double) {
        precondition(labelValues.count == labelNames.count, "\(name): \(labelValues.count) label values")
        guard samples[labelValues] == nil else { return }
        samples[labelValues] = value
        order.append(labelValues)
    }

    mutating func add(_ value: Double) { add([], value) }

    /// Samples sorted by their labels, so two runs with the same results give the same file.
    func render(into text: inout String) {
        guard !isEmpty else { return }
        text += "# HELP \(name) \(help)\n"
        text += "# TYPE \(name) gauge\n"
        for labelValues in order.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            text += name
            if !labelNames.isEmpty {
                let pairs = zip(labelNames, labelValues).map { "\($0)=\"\(Self.escapeLabelValue($1))\"" }
                text += "{" + pairs.joined(separator: ",") + "}"
            }
            text += " " + Self.format(samples[labelValues]!) + "\n"
        }
    }

    /// Zone names and messages come from configuration and DNS answers: a quote, backslash
    /// or line feed in them must not end the label value or the line.
    static func escapeLabelValue(_ value: String) -> String {
        // Nearly every value (zone, server and address names) needs nothing: a byte scan
        // instead of rebuilding it scalar by scalar, 200,000 times in a 10,000-zone run.
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) {
            return value
        }
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Prometheus spells the special values `NaN`, `+Inf` and `-Inf`, which Swift does not.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
