import DeeployClient
import DeeployPayload
import DeeployTestSupport
import Foundation
import StrictJSON
import Synchronization

/// Records the waits a retry policy asks for, without waiting.
final class RecordedWaits: Sendable {
    private let list = Mutex<[Duration]>([])

    var waits: [Duration] { list.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in self.list.withLock { $0.append(duration) } }
    }
}

enum ClientFixture {
    static let token = "client-test-token"

    /// A client of `url` with a deployment token, a seeded retry policy whose waits are
    /// recorded, and short timeouts.
    static func client(
        _ url: String,
        retries: Int = 3,
        waits: RecordedWaits = RecordedWaits(),
        authentication: Authentication? = nil,
        configure: (inout DeeployClient.Configuration) -> Void = { _ in }
    ) throws -> DeeployClient {
        var configuration = DeeployClient.Configuration(
            timeouts: .init(connect: .seconds(2), read: .seconds(5), request: .seconds(20)),
            retry: RetryPolicy(maximumRetries: retries, seed: 42, sleep: waits.sleep))
        configure(&configuration)
        return try DeeployClient(
            deployment: try DeploymentAddress(url: url),
            authentication: try authentication ?? .credentials(.deploymentToken(token)),
            configuration: configuration)
    }

    /// Runs `body` with a client, and shuts the client down after.
    static func with<T: Sendable>(_ client: DeeployClient, _ body: (DeeployClient) async throws -> T) async throws -> T {
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    /// A temporary file of `bytes`, named for its test so parallel tests never share it.
    static func file(_ bytes: [UInt8], name: String) throws -> String {
        let path = NSTemporaryDirectory() + "client-\(name)-\(UUID().uuidString).bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `{"predictions": INSTANCES}` for a V1 body, as an echo model answers.
    static func echo(_ request: RecordedRequest) -> FaultAnswer {
        guard case .object(let object)? = try? JSONParser.parse(request.body),
            let instances = object["instances"] ?? object["inputs"]
        else { return .json(400, #"{"error": "not a V1 body"}"#) }
        return .respond(200, headers: ["Content-Type": "application/json"], body: JSONValue.object(["predictions": instances]).serialized())
    }

    /// A 1x1 PNG from the corpus.
    static let png: [UInt8] = {
        let url = TestFiles.packageRoot.appendingPathComponent("Corpus/cases/valid/image/png-1x1.png")
        return Array((try? Data(contentsOf: url)) ?? Data())
    }()

    /// The SHA-256 `sha256sum` gives for `bytes`: a digest computed outside the package.
    static func sha256sum(_ bytes: [UInt8]) async throws -> String {
        let path = try file(bytes, name: "sha256sum")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return String(try await ClientProcess.run("/usr/bin/env", ["sha256sum", path]).stdout.prefix(64))
    }
}

/// Runs a program with its output in files (a full pipe cannot stall it), waiting for its end.
enum ClientProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Waits for the end without blocking a thread: the tests' own servers run on the same
    /// cooperative pool, which has as many threads as cores (two on CI).
    static func run(_ executable: String, _ arguments: [String]) async throws -> Output {
        let base = NSTemporaryDirectory() + "client-process-" + UUID().uuidString
        for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: base + suffix, contents: nil) }
        defer { for suffix in [".out", ".err"] { try? FileManager.default.removeItem(atPath: base + suffix) } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        let (ended, continuation) = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { _ in continuation.finish() }
        try process.run()
        for await _ in ended {}
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Output(status: process.terminationStatus, stdout: read(base + ".out"), stderr: read(base + ".err"))
    }
}

/// A sequence of byte chunks that counts how often it is iterated: a stream that cannot be
/// read twice, to prove it never is.
struct CountingChunks: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    let chunks: [[UInt8]]
    let counter: Counter

    final class Counter: Sendable {
        private let value = Mutex(0)
        var count: Int { value.withLock { $0 } }
        func increment() { value.withLock { $0 += 1 } }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: [[UInt8]]
        mutating func next() async -> [UInt8]? {
            remaining.isEmpty ? nil : remaining.removeFirst()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        counter.increment()
        return AsyncIterator(remaining: chunks)
    }
}
