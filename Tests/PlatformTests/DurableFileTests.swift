import Foundation
import Platform
import Testing

@Suite struct DurableFileTests {
    let directory: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "dnsward-platform-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw SystemError.fileAccess("mkdtemp") }
        directory = String(cString: made)
    }

    func names() throws -> [String] {
        try Directory.entries(directory).sorted()
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let path = directory + "/keep.zone"
        try DurableFile.write(Array("old\n".utf8), to: path)
        let error = #expect(throws: SystemError.self) {
            try DurableFile.write(Array("new\n".utf8), to: directory + "/no/such/dir/x")
        }
        #expect(error?.code == .fileAccess)
        #expect(error?.message.contains("No such file or directory") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try names() == ["keep.zone"])
    }

    @Test func aFileDroppedBeforeItIsCommittedLeavesNothing() throws {
        do {
            let file = try DurableFile(beside: directory + "/zone")
            try file.write(Array("half".utf8))
        }
        #expect(try names().isEmpty)
    }

    @Test func commitReplacesWhatWasThere() throws {
        let path = directory + "/manifest.json"
        try DurableFile.write(Array("1".utf8), to: path)
        let file = try DurableFile(beside: path, mode: 0o640)
        try file.write(Array("22".utf8))
        #expect(file.bytesWritten == 2)
        try file.commit(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "22")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(try names() == ["manifest.json"])
    }

    @Test func aLinkMovesInOneStepAndLeavesNoTemporary() throws {
        try DurableFile.write([], to: directory + "/a.zone")
        try DurableFile.write([], to: directory + "/b.zone")
        try DurableFile.link(directory + "/latest", to: "a.zone")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/latest") == "a.zone")
        try DurableFile.link(directory + "/latest", to: "b.zone")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/latest") == "b.zone")
        #expect(try names() == ["a.zone", "b.zone", "latest"])
    }

    @Test func aSecondLockWaitsThenSaysWhoIsBusy() async throws {
        let held = try await DirectoryLock.acquire(directory, wait: .seconds(1), busy: "held")
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: SystemError.self) {
            _ = try await DirectoryLock.acquire(directory, wait: .milliseconds(300), busy: "another run holds it")
        }
        #expect(clock.now - start >= .milliseconds(300))
        #expect(error?.code == .locked && error?.message == "another run holds it")
        withExtendedLifetime(held) {}
    }

    @Test func aFIFOIsNotOpenedAsAFile() throws {
        let path = directory + "/fifo"
        #expect(mkfifo(path, 0o644) == 0)
        let error = #expect(throws: SystemError.self) { _ = try RegularFile.open(path) }
        #expect(error?.message.contains("a FIFO, not a regular file") == true)
    }
}
