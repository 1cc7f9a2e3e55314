public import DNSCore

/// The running Unbound, through `unbound-control -c CONF` and `unbound-checkconf CONF`.
public struct UnboundControl: Sendable {
    public let configPath: String
    public let control: ExternalTool
    public let checkconf: ExternalTool

    public init(configPath: String, control: ExternalTool? = nil, checkconf: ExternalTool? = nil) throws(RestoreError) {
        guard let control = control ?? ExternalTool.locate("unbound-control") else {
            throw RestoreError(.environment, "unbound-control not found (Debian: apt-get install unbound)")
        }
        guard let checkconf = checkconf ?? ExternalTool.locate("unbound-checkconf") else {
            throw RestoreError(.environment, "unbound-checkconf not found (Debian: apt-get install unbound)")
        }
        self.configPath = configPath
        self.control = control
        self.checkconf = checkconf
    }

    /// nil when the whole configuration, includes and auth-zone files, would load. A
    /// reload of a configuration that does not makes Unbound exit, so nothing is reloaded
    /// before this passes.
    public func configurationProblem() async throws(RestoreError) -> String? {
        let result = try await checkconf.run(["--", configPath])
        return result.succeeded ? nil : (result.output.isEmpty ? "unbound-checkconf exited \(result.status)" : result.output)
    }

    /// Throws unless Unbound is running and its remote control answers: nothing is
    /// changed for a resolver that could not be reloaded afterwards.
    public func ensureRunning() async throws(RestoreError) {
        let result = try await control.run(["-c", configPath, "--", "status"], timeout: .seconds(10))
        guard result.succeeded else {
            throw RestoreError(.environment, "Unbound does not answer unbound-control -c \(configPath) status: \(result.output)")
        }
    }

    /// Re-reads the configuration, keeping the cache when Unbound can (1.17 has
    /// `reload_keep_cache`; it refuses when cache settings changed, and a plain `reload`
    /// follows).
    public func reload() async throws(RestoreError) -> String {
        let kept = try await command(["reload_keep_cache"], failIfNotOK: false)
        if kept.succeeded && kept.output == "ok" { return "reload_keep_cache" }
        _ = try await command(["reload"])
        return "reload (reload_keep_cache said: \(kept.output))"
    }

    /// Drops the zone's cached data (rrsets, messages, keys) so the next answers come
    /// from the new configuration.
    public func flushZone(_ zone: DomainName) async throws(RestoreError) {
        _ = try await command(["flush_zone", zone.description], expectPrefix: "ok")
    }

    /// Drops queries still waiting on the unreachable authorities.
    public func flushRequestList() async throws(RestoreError) {
        _ = try await command(["flush_requestlist"])
    }

    @discardableResult
    func command(_ arguments: [String], expectPrefix: String = "ok", failIfNotOK: Bool = true) async throws(RestoreError) -> ExternalTool.Result {
        let result = try await control.run(["-c", configPath, "--"] + arguments, timeout: .seconds(20))
        if failIfNotOK && !(result.succeeded && result.output.hasPrefix(expectPrefix)) {
            let what = result.timedOut ? "timed out" : "failed (exit \(result.status))"
            throw RestoreError(.environment, "unbound-control \(arguments.joined(separator: " ")) \(what): \(result.output)")
        }
        return result
    }
}
