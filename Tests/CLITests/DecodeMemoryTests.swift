import Foundation
import Testing

/// Defect 4 of issue 21: `decode` does not read a file it will refuse. A regular file's size is
/// known up front, so one over --max-size is refused before any byte is read.
///
/// The runs have their address space limited (`ulimit -v`) far below the file's size: reading
/// the body into memory first makes the run abort, as it did before the fix.
@Suite("decode reads no more than it needs")
struct DecodeMemoryTests {
    /// Runs `deeploy-payload arguments` with `ulimit -v kibibytes`, through sh.
    static func limited(_ kibibytes: Int, _ arguments: [String]) throws -> CLI.Result {
        let executable = try #require(CLI.executable)
        let quoted = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(kibibytes) && exec " + quoted.joined(separator: " ")]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// A sparse file of `size` bytes (zeros, taking no disk).
    static func sparse(_ name: String, size: Int64, in folder: TemporaryFolder) throws -> String {
        let path = folder.path(name)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return path
    }

    @Test func aFileOverMaxSizeIsRefusedUnread() throws {
        let folder = try TemporaryFolder()
        let path = try Self.sparse("big.bin", size: 3 << 30, in: folder)
        // The default limit is 1 GiB; the run may use 400 MB of address space.
        let result = try Self.limited(400_000, ["decode", "--content-type", "application/octet-stream", path])
        #expect(result.status == 1, "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains("holds more than"))
        #expect(result.stdout.isEmpty)
    }
}
