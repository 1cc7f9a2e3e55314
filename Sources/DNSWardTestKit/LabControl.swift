
/// Runs lab/labctl and waits for it; its output is returned for failure messages.
public enum LabControl {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let output: String
        public var description: String { "\(command) exited \(status):\n\(output)" }
    }

    @discardableResult
    public static func run(_ arguments: [String]) throws -> String {
        try runProcess(Lab.directory + "/labctl", arguments)
    }

    @discardableResult
    public static func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(executable, arguments)
        guard result.status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: result.status,
                          output: result.standardOutput + result.standardError)
        }
        return result.standardOutput + result.standardError
    }

    /// True when every lab server is already up (someone ran the demo first).
    public static func isRunning() -> Bool {
        (try? run(["status"])) != nil
    }
}
