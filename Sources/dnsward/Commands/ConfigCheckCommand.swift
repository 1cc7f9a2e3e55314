import ArgumentParser
import DNSCore

/// Loads the configuration and says what it holds, or exactly what is wrong with it.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file (exit 0 valid, 3 invalid)."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard let path = global.config else { throw ValidationError("--config FILE is required") }
        do {
            let config = try ConfigFile.load(DNSWardConfig.self, from: path)
            if let hints = config.rootHints { _ = try RootHints(contentsOf: hints) }
            let names = config.zones.reduce(0) { $0 + $1.critical.count }
            print("\(path): OK - \(config.zones.count) zones, \(names) critical names, \(config.resolvers.count) resolvers")
        } catch let error as ConfigError {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        } catch let error as DNSCoreError {
            FileHandleOutput.error("dnsward: \(path): root_hints: \(error)")
            throw ExitCode(3)
        }
    }
}
