import Foundation
import StrictJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Defect 2 of issue 21: `inspect` and `headers --for-file` read pipes and devices as streams,
/// as `inspect -` does; `headers --for-file -` reads standard input; `inspect -r` skips the
/// FIFOs and sockets it meets, says so on standard error, and does not count them as unreadable.
@Suite("pipes and devices are read as streams")
struct StreamInputTests {
    /// Makes a FIFO at `path` and feeds it `bytes` from another thread while `body` runs. If
    /// nothing opened the FIFO, the writer is released afterwards so that the test ends.
    static func withFIFO<T>(_ path: String, feeding bytes: [UInt8], _ body: () throws -> T) throws -> T {
        try #require(mkfifo(path, 0o600) == 0)
        // A reader that closes before the writer writes must not kill the test run.
        signal(SIGPIPE, SIG_IGN)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            if descriptor >= 0 {
                bytes.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
            }
            done.signal()
        }
        thread.start()
        let result = try body()
        // A reader that stays open until the writer is done, so its write cannot raise SIGPIPE.
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        done.wait()
        if reader >= 0 { close(reader) }
        return result
    }

    /// Runs `script` with bash (for `<(…)`), with `deeploy-payload` on the PATH.
    static func bash(_ script: String) throws -> CLI.Result {
        try CLI.shell(script, shell: "/bin/bash")
    }

    @Test func inspectReadsAFIFO() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path("payload.fifo")
        let result = try Self.withFIFO(fifo, feeding: Array("{\"a\": 1}".utf8)) {
            try CLI.run(["inspect", "--format", "jsonl", fifo])
        }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let line = try #require(try result.jsonLines().first)
        #expect(line["error"] == nil)
        #expect(line["accepted"] == true)
        #expect(line["sniffed"] == "application/json")
        #expect(line["size"]?.int64Value == 8)
        #expect(line["path"]?.stringValue == fifo)
    }

    @Test func inspectReadsAProcessSubstitution() throws {
        let result = try Self.bash("deeploy-payload inspect --format jsonl <(printf '{\"a\": 1}')")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let line = try #require(try result.jsonLines().first)
        #expect(line["accepted"] == true)
        #expect(line["size"]?.int64Value == 8)
    }

    @Test func inspectReadsADevice() throws {
        let empty = try CLI.run(["inspect", "--format", "jsonl", "/dev/null"])
        #expect(empty.status == 1)
        let line = try #require(try empty.jsonLines().first)
        #expect(line["error"] == nil)
        #expect(line["reasons"] == ["empty"])
        #expect(!empty.stdout.contains("into memory"))

        // Opaque binary: zeros judged as JSON or text are refused at their first chunk (defect 5).
        let endless = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "1M", "--declared", "application/octet-stream", "/dev/zero"])
        #expect(endless.status == 1)
        #expect(try endless.jsonLines().first?["reasons"] == ["too-large"])
    }

    @Test func headersForFileReadsStandardInput() throws {
        let result = try CLI.run(["headers", "--token", "t", "--for-file", "-"], input: .pipe(Samples.png))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Content-Type: image/png"))
        let json = try CLI.run(["headers", "--token", "t", "--for-file", "-"], input: .pipe(Array("{}".utf8)))
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("Content-Type: application/json"))
    }

    @Test func headersForFileReadsAFIFO() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path("image.fifo")
        let result = try Self.withFIFO(fifo, feeding: Samples.png) {
            try CLI.run(["headers", "--token", "t", "--for-file", fifo])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Content-Type: image/png"))
    }

    @Test func recursiveWalkSkipsFIFOsAndSocketsAndSaysSo() throws {
        let folder = try TemporaryFolder()
        try folder.write("tree/a.json", "{}")
        try #require(mkfifo(folder.path("tree/pipe"), 0o600) == 0)
        let socketPath = folder.path("tree/sock")
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socketDescriptor >= 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)

        let result = try CLI.run(["inspect", "-r", "--format", "jsonl", folder.path("tree")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = try result.jsonLines()
        #expect(lines.map { $0["path"]?.stringValue ?? "" } == [folder.path("tree/a.json")])
        #expect(result.stderr.contains(folder.path("tree/pipe")))
        #expect(result.stderr.contains(folder.path("tree/sock")))
        #expect(result.stderr.contains("skipped"))

        let table = try CLI.run(["inspect", "-r", folder.path("tree")])
        #expect(table.status == 0)
        #expect(table.stderr.contains("0 unreadable") || !table.stderr.contains("unreadable"))
    }
}
