/// NSD's `num.queries` from `nsd-control -c CONF stats_noreset`. The server needs
/// `remote-control: control-enable: yes` with keys from `nsd-control-setup` or a unix
/// socket as `control-interface`.
///
/// Measured on NSD 4.6: every statistics read makes NSD replace its server process (the
/// old one hands over its counters as it exits), which closes the server's open TCP
/// connections, zone transfers included. Read it between load steps, not while transfers
/// or TCP load run.
public struct NSDQueryCounter: QueryCounter {
    public let configPath: String
    public let tool: ControlTool

    public init(configPath: String, tool: ControlTool? = nil) throws {
        guard let tool = tool ?? ControlTool.locate("nsd-control") else {
            throw ServerControlError("nsd", "nsd-control not found (Debian: apt-get install nsd)")
        }
        self.configPath = configPath
        self.tool = tool
    }

    public var label: String { "nsd-control -c \(configPath)" }

    public func queriesReceived() async throws -> UInt64 {
        let text = try await tool.output(["-c", configPath, "stats_noreset"], source: label)
        return try StatisticsLines.value(of: "num.queries", in: text, source: label)
    }
}
