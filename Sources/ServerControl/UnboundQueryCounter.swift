/// Unbound's `total.num.queries` from `unbound-control -c CONF stats_noreset` (reading
/// never resets the counters another monitor may rely on).
public struct UnboundQueryCounter: QueryCounter {
    public let configPath: String
    public let tool: ControlTool

    public init(configPath: String, tool: ControlTool? = nil) throws {
        guard let tool = tool ?? ControlTool.locate("unbound-control") else {
            throw ServerControlError("unbound", "unbound-control not found (Debian: apt-get install unbound)")
        }
        self.configPath = configPath
        self.tool = tool
    }

    public var label: String { "unbound-control -c \(configPath)" }

    public func queriesReceived() async throws -> UInt64 {
        let text = try await tool.output(["-c", configPath, "stats_noreset"], source: label)
        return try StatisticsLines.value(of: "total.num.queries", in: text, source: label)
    }
}
