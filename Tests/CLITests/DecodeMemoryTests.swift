import Foundation
import Testing

/// Defect 4 of issue 21: `decode` does not read a file it will refuse (a regular file's size is
/// known up front, so one over --max-size is refused before any byte is read), and it streams a
/// binary body (a declared non-JSON --content-type), hashing it on the way.
///
/// The runs have their address space limited (`ulimit -v`) far below the file's size: reading
/// the body into memory first makes the run abort, as it did before the fix.
@Suite("decode reads no more than it needs")
struct DecodeMemoryTests {
    /// Runs `deeploy-payload arguments` with `ulimit -v kibibytes`, through sh.
    static func limited(_ kibibytes: Int, _ arguments: [String]) throws -> CLI.Result {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try CLI.shell(
            "ulimit -v \(kibibytes) && exec deeploy-payload " + quoted.joined(separator: " "),
            environment: ["SWIFT_BACKTRACE": "enable=no"]
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

    /// The SHA-256 `sha256sum` gives for `path`.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }

    @Test func aLargeBinaryBodyIsStreamedAndHashedOnTheWay() throws {
        let folder = try TemporaryFolder()
        let path = try Self.sparse("large.bin", size: 200 << 20, in: folder)
        // 200 MiB of body in 150 MB of address space: only a streamed body fits.
        let result = try Self.limited(150_000, [
            "decode", "--max-size", "4G", "--content-type", "application/octet-stream", "--format", "json", path,
        ])
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        let object = try result.json()
        #expect(object.objectValue?.keys == ["kind", "mediaType", "size", "sha256"])
        #expect(object["kind"] == "binary")
        #expect(object["mediaType"] == "application/octet-stream")
        #expect(object["size"]?.int64Value == 200 << 20)
        #expect(object["sha256"]?.stringValue == (try Self.sha256sum(path)))
    }

    /// A small body gives the same report streamed (declared binary) as read whole (sniffed).
    @Test func aStreamedBodyReportsAsAWholeReadOne() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("image.png", Samples.png)
        let streamed = try CLI.run(["decode", "--content-type", "image/png", "--format", "json", path])
        let whole = try CLI.run(["decode", "--format", "json", path])
        #expect(streamed.status == 0)
        #expect(whole.status == 0)
        #expect(streamed.stdout == whole.stdout)
        let text = try CLI.run(["decode", "--content-type", "image/png", path])
        #expect(text.stdout == "binary: image/png\nsize: \(Samples.png.count) bytes\nsha256: \(try Self.sha256sum(path))\n")
    }
}
