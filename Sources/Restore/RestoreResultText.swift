import Foundation

/// The human form of a restore report: a status line first (what happened, how fast),
/// then loud warnings, then one line per critical answer and the steps taken.
public enum RestoreResultText {
    public static func render(_ report: RestoreResult) -> String {
        var lines: [String] = []
        let target = "\(report.zone) -> \(report.resolver.rawValue)" + (report.mode.map { " (\($0.rawValue))" } ?? "")
        let snapshot = report.snapshot.map { " snapshot \($0)" } ?? ""
        let time = report.seconds.map { String(format: " in %.3f s", $0) } ?? ""
        switch report.outcome {
        case .generated:
            lines.append("RESTORE GENERATED \(target):\(snapshot)")
        case .applied:
            lines.append("RESTORE OK \(target):\(snapshot) serves the critical names, switched\(time)")
        case .standby:
            lines.append("RESTORE STANDBY \(target):\(snapshot) installed switched off\(time)")
        case .rolledBack:
            lines.append("RESTORE FAILED \(target):\(snapshot) rolled back to the previous configuration\(time)")
        case .undone:
            lines.append("RESTORE UNDONE \(target): backup taken out of service\(time)")
        case .nothingToUndo:
            lines.append("RESTORE UNDONE \(target): nothing of dnsward's was installed for the zone")
        }
        for warning in report.warnings { lines.append("WARNING: \(warning)") }
        if let failure = report.failure { lines.append("reason: \(failure)") }
        for check in report.checks {
            var line = "  \(check.passed ? "ok  " : "FAIL") \(check.question): \(check.rcode ?? "no answer")"
            if check.authenticated { line += " ad" }
            if let problem = check.problem { line += " - \(problem)" }
            lines.append(line)
            if !check.passed {
                lines.append("       expected: " + (check.expected.isEmpty ? "(nothing)" : check.expected.joined(separator: " | ")))
                lines.append("       received: " + (check.received.isEmpty ? "(nothing)" : check.received.joined(separator: " | ")))
            }
        }
        for note in report.admission?.notes ?? [] { lines.append("note: \(note)") }
        for step in report.steps { lines.append("  - \(step)") }
        if let next = report.nextStep { lines.append("next: \(next)") }
        return lines.joined(separator: "\n")
    }
}
