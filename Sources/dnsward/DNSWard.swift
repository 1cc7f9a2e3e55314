import ArgumentParser

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
        subcommands: [ProbeCommand.self, SnapshotCommand.self, VerifyCommand.self, QueryCommand.self, ConfigCheckCommand.self, RestoreCommand.self, HeadroomCommand.self]
    )
}

enum DNSWardVersion {
    static let current = "0.1.0"
}
