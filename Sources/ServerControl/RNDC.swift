/// BIND's `rndc`, with the arguments that reach one server (`-s`, `-p`, `-k` or `-c`).
public struct RNDC: Sendable {
    public let tool: ControlTool
    public let arguments: [String]

    /// `rndc` from the system, or nil when BIND's tools are not installed.
    public init?(arguments: [String] = []) {
        guard let tool = ControlTool.locate("rndc") else { return nil }
        self.init(tool: tool, arguments: arguments)
    }

    public init(tool: ControlTool, arguments: [String]) {
        self.tool = tool
        self.arguments = arguments
    }

    /// `rndc ARGUMENTS COMMAND...`: the result, failed or not.
    public func run(_ command: [String]) async throws(ServerControlError) -> ControlTool.Result {
        try await tool.run(arguments + command)
    }
}
