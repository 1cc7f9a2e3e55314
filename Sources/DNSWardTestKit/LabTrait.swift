public import Testing

/// `@Suite(.lab)`: the lab is up for the whole suite and stopped after it on every path,
/// unless it was already running before (a developer's demo lab is left alone).
public struct LabTrait: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let wasRunning = LabControl.isRunning()
        if !wasRunning { try LabControl.run(["start"]) }
        do {
            try await function()
        } catch {
            if !wasRunning { _ = try? LabControl.run(["stop"]) }
            throw error
        }
        if !wasRunning { try LabControl.run(["stop"]) }
    }
}

extension Trait where Self == LabTrait {
    public static var lab: LabTrait { LabTrait() }
}
