import AsyncHTTPClient
@testable import DeeployGatewayServer
import DeeployTestSupport
import Foundation
import LoopbackTesting
import Testing

/// deeploy-gateway stops cleanly: in process, through its service group's graceful shutdown,
/// and as a process, on SIGTERM and SIGINT.
@Suite("deeploy-gateway lifecycle", .loopback)
struct ProxyLifecycleTests {
    @Test("graceful shutdown stops the server and the HTTP client; the port is closed after")
    func gracefulShutdownInProcess() async throws {
        let upstream = RecordingUpstream()
        let upstreamServer = try await ProxyFixtures.startUpstream(upstream)
        let gateway = try await ProxyFixtures.startGateway(upstream: upstreamServer.url)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let before = try await ProxyFixtures.send(client, .POST, gateway.url + "/predict", body: ProxyFixtures.json)
        #expect(before.status == 200)

        // stop() returns once the group's run() has returned: the server, then the client service.
        try await gateway.stop()
        await #expect(throws: (any Error).self) {
            try await ProxyFixtures.send(client, .POST, gateway.url + "/predict", body: ProxyFixtures.json)
        }
        try await client.shutdown()
        try await upstreamServer.stop()
        #expect(upstream.requests.count == 1)
    }

    @Test("the process prints its bound address, serves, and exits 0 on a signal", arguments: [SIGTERM, SIGINT])
    func signalStopsTheProcess(signal: Int32) async throws {
        let executable = try #require(Self.executable, "deeploy-gateway was not built next to the tests")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-signal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        // Port 9 (discard) on loopback: nothing listens there, so forwarding gives 502.
        process.arguments = ["--upstream", "http://127.0.0.1:9", "--host", "127.0.0.1", "--port", "0", "--log-level", "error"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEEPLOY_") }
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let port = try await Self.boundPort(in: stdoutURL)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let response = try await ProxyFixtures.send(client, .POST, "http://127.0.0.1:\(port)/predict", body: ProxyFixtures.json)
        try await client.shutdown()
        #expect(response.status == 502)

        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(120)
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!process.isRunning, "deeploy-gateway still runs 120 s after signal \(signal)")
        if !process.isRunning {
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 0)
        }
    }

    /// Waits (at most 120 s: a full parallel test run can starve this task for long) for the "listening on http://127.0.0.1:PORT" line.
    static func boundPort(in file: URL) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), text[range.upperBound...].dropFirst(digits.count).first == "," { return port }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("deeploy-gateway printed no bound address within 120 s")
        throw CancellationError()
    }

    /// The deeploy-gateway executable, next to the test bundle in the build products folder.
    static let executable: URL? = {
        var folders: [URL] = []
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: test).deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        folders.append(TestFiles.packageRoot.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("deeploy-gateway") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
