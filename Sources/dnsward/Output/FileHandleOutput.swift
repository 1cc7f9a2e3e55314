import Foundation

enum FileHandleOutput {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension FileHandleOutput {
    static func raw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
