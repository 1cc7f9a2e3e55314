public import DNSCore

/// The running Unbound, through `unbound-control -c CONF` and `unbound-checkconf CONF`.
public struct UnboundControl: Sendable {
    public let configPath: String
    public let control: ControlTool
    public let checkconf: ControlTool

    public init(configPath: String, control: ControlTool? = nil, checkconf: ControlTool? = nil) throws(ServerControlError) {
        guard let control = control ?? ControlTool.locate("unbound-control") else {
            throw ServerControlError("unbound-control", "not found (Debian: apt-get install unbound)")
        }
        guard let checkconf = checkconf ?? ControlTool.locate("unbound-checkconf") else {
            throw ServerControlError("unbound-checkconf", "not found (Debian: apt-get install unbound)")
        }
        self.configPath = configPath
        self.control = control
        self.checkconf = checkconf
    }

    /// nil when the whole configuration, includes and auth-zone files, would load. A
    /// reload of a configuration that does not makes Unbound exit, so nothing is reloaded
    /// before this passes.
    public func configurationProblem() async throws(ServerControlError) -> String? {
        let result = try await checkconf.run(["--", configPath])
        return result.succeeded ? nil : (result.output.isEmpty ? "unbound-checkconf exited \(result.status)" : result.output)
    }

    /// Throws unless Unbound is running and its remote control answers: nothing is
    /// changed for a resolver that could not be reloaded afterwards.
    public func ensureRunning() async throws(ServerControlError) {
        let result = try await control.run(["-c", configPath, "--", "status"], timeout: .seconds(10))
        guard result.succeeded else {
            throw ServerControlError("unbound-control", "Unbound does not answer unbound-control -c \(configPath) status: \(result.output)")
        }
    }

    /// Re-reads the configuration, keeping the cache when Unbound can (1.17 has
    /// `reload_keep_cache`; it refuses when cache settings changed, and a plain `reload`
    /// follows).
    public func reload() async throws(ServerControlError) -> String {
        let kept = try await command(["reload_keep_cache"], failIfNotOK: false)
        if kept.succeeded && kept.output == "ok" { return "reload_keep_cache" }
        _ = try await command(["reload"])
        return "reload (reload_keep_cache said: \(kept.output))"
    }

    /// Drops the zone's cached data (rrsets, messages, keys) so the next answers come
    /// from the new configuration.
    public func flushZone(_ zone: DomainName) async throws(ServerControlError) {
        _ = try await command(["flush_zone", zone.description], expectPrefix: "ok")
    }

    /// Drops queries still waiting on the unreachable authorities.
    public func flushRequestList() async throws(ServerControlError) {
        _ = try await command(["flush_requestlist"])
    }

    @discardableResult
    func command(_ arguments: [String], expectPrefix: String = "ok", failIfNotOK: Bool = true) async throws(ServerControlError) -> ControlTool.Result {
        let result = try await control.run(["-c", configPath, "--"] + arguments, timeout: .seconds(20))
        if failIfNotOK && !(result.succeeded && result.output.hasPrefix(expectPrefix)) {
            let what = result.timedOut ? "timed out" : "failed (exit \(result.status))"
            throw ServerControlError("unbound-control", "\(arguments.joined(separator: " ")) \(what): \(result.output)")
        }
        return result
    }
}
