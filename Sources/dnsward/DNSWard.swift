import ArgumentParser
import Foundation

@main
struct DNSWard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dnsward",
        abstract: "DNS resilience checker and recursive-resolver backup tool.",
        discussion: """
        Watches authoritative and recursive DNS servers, keeps verified emergency copies of
        critical zones, and measures how much headroom DNS servers have left.
        """,
        version: DNSWardVersion.current,
        subcommands: [ProbeCommand.self, SnapshotCommand.self, VerifyCommand.self, QueryCommand.self, ConfigCheckCommand.self,
                      RestoreCommand.self, HeadroomCommand.self, DrillCommand.self, ReportCommand.self,
                      SweepCommand.self]
    )

    /// Parses and runs; a command that has its own convention for bad input (the
    /// monitoring plugin's UNKNOWN) reports a parse or validation error its own way.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure,
               let command = arguments.first.flatMap({ name in configuration.subcommands.first { $0._commandName == name } }),
               let reporting = command as? any BadInputReporting.Type {
                Foundation.exit(reporting.reportBadInput(message(for: error), arguments: arguments))
            }
            exit(withError: error)
        }
    }
}

/// A command whose bad input is reported in its own output format and exit status.
protocol BadInputReporting {
    /// Prints `message` as the command prints any bad input, and returns the exit status.
    static func reportBadInput(_ message: String, arguments: [String]) -> Int32
}

extension BadInputReporting {
    /// `--format json` among the arguments.
    static func wantsJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" } || arguments.contains("--format=json")
    }
}

enum DNSWardVersion {
    static let current = "0.1.0"
}
