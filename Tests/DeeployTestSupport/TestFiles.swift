public import Foundation

/// Files the tests read and write: the repository's own, and fresh temporary ones.
public enum TestFiles {
    /// The repository's root folder (three levels above this file), for tests that read its
    /// files (`Corpus/`, the DocC catalog) or find its build products.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes `bytes` to a file `name` in the temporary folder `folder`-PID (made if missing)
    /// and returns its path.
    public static func write(_ bytes: [UInt8], named name: String, inFolder folder: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(folder)-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
