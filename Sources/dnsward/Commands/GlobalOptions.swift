import ArgumentParser

/// Flags every command takes (DESIGN.md: `--config` and `--format`).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (YAML).")
    var config: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
