import Foundation

/// Knot DNS's query count from `knotc stats` (module mod-stats, enabled globally with
/// `template: - id: default global-module: mod-stats`). `--force` prints zero counters
/// too, so an idle server reads as 0 rather than as a missing module.
public struct KnotQueryCounter: QueryCounter {
    /// `-c CONF` or `-s SOCKET`: how knotc reaches the server.
    public let arguments: [String]
    public let tool: ControlTool

    public init(configPath: String? = nil, socketPath: String? = nil, tool: ControlTool? = nil) throws {
        guard let tool = tool ?? ControlTool.locate("knotc") else {
            throw ServerControlError("knot", "knotc not found (Debian: apt-get install knot)")
        }
        if let socketPath {
            arguments = ["-s", socketPath]
        } else if let configPath {
            arguments = ["-c", configPath]
        } else {
            arguments = []
        }
        self.tool = tool
    }

    public var label: String { (["knotc"] + arguments).joined(separator: " ") }

    public func queriesReceived() async throws -> UInt64 {
        let text = try await tool.output(arguments + ["--force", "stats"], source: label)
        return try Self.queries(in: text, source: label)
    }

    /// The query count of `knotc stats` output.
    public static func parse(_ text: String) throws -> UInt64 {
        try queries(in: text, source: "knotc stats")
    }

    /// `mod-stats.server-operation[query] = N`; without that counter, the sum of
    /// `mod-stats.request-protocol[...]` (every request, by transport).
    static func queries(in text: String, source: String) throws -> UInt64 {
        var protocols: UInt64 = 0
        var sawProtocol = false
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = UInt64(parts[1]) else { continue }
            if parts[0] == "mod-stats.server-operation[query]" { return value }
            if parts[0].hasPrefix("mod-stats.request-protocol[") {
                protocols += value
                sawProtocol = true
            }
        }
        guard sawProtocol else {
            throw ServerControlError(source, "no mod-stats counters (enable mod-stats: template default global-module: mod-stats)")
        }
        return protocols
    }
}
