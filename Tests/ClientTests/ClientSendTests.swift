import DeeployPayload
import DeeployTestSupport
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// `deeploy-payload send`, run as a user runs it, against a loopback server.
@Suite("deeploy-payload send", .loopback)
struct ClientSendTests {
    /// The built `deeploy-payload`, next to the test bundle.
    static let executable: String? = {
        var folders: [URL] = []
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: test).deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(TestFiles.packageRoot.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("deeploy-payload").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `deeploy-payload send ARGS` with `environment` only (plus PATH), in files.
    static func send(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) async throws -> ClientProcess.Output {
        let executable = try #require(executable, "deeploy-payload was not built next to the tests")
        var script = "exec env -i PATH=/usr/bin:/bin NO_COLOR=1"
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { script += " \(name)='\(value)'" }
        script += " '\(executable)' send"
        for argument in arguments { script += " '\(argument)'" }
        if let stdin { script += " < '\(stdin)'" } else { script += " < /dev/null" }
        return try await ClientProcess.run("/bin/sh", ["-c", script])
    }

    @Test("a JSON payload: the decoded answer, as text and as the JSON report")
    func jsonAnswer() async throws {
        let path = try ClientFixture.file(Array(#"{"instances": [[1, 2]]}"#.utf8), name: "send-json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let text = try await Self.send([path, "--url", server.deploymentURL], environment: ["DEEPLOY_TOKEN": "tok"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(try JSONParser.parse(text.stdout) == ["predictions": [[1, 2]]])
            let json = try await Self.send([path, "--url", server.deploymentURL, "--token", "tok", "--format", "json"])
            #expect(json.status == 0)
            let report = try JSONParser.parse(json.stdout)
            #expect(report["status"] == 200)
            #expect(report["kind"] == "json")
            #expect(report["mediaType"] == "application/json")
            #expect(report["value"] == ["predictions": [[1, 2]]])
            #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer tok" })
        }
    }

    @Test("a binary answer is summarised with its SHA-256; a PNG goes as image/png")
    func binaryAnswer() async throws {
        let path = try ClientFixture.file(ClientFixture.png, name: "send-png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in .respond(200, headers: ["Content-Type": "image/png"], body: request.body) }) { server in
            let result = try await Self.send(
                [path, "--url", server.deploymentURL, "--format", "json", "--endpoint", "explain"],
                environment: ["DEEPLOY_ACCESS_KEY": "AK", "DEEPLOY_SECRET_KEY": "SK"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try JSONParser.parse(result.stdout)
            #expect(report["kind"] == "binary")
            #expect(report["value"] == .null)
            #expect(report["size"] == .number(JSONNumber(ClientFixture.png.count)))
            let digest = try await ClientFixture.sha256sum(ClientFixture.png)
            #expect(report["sha256"]?.stringValue == digest)
            #expect(server.requests.first?.path.hasSuffix("/explain") == true)
            #expect(server.requests.first?.headers["content-type"] == "image/png")
            #expect(server.requests.first?.headers["authorization"] == "Basic QUs6U0s=")
        }
    }

    @Test("a refused payload: exit 1, reasons on stderr, no request")
    func refused() async throws {
        let path = try ClientFixture.file(ClientFixture.png, name: "send-refused")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let result = try await Self.send([path, "--url", server.deploymentURL, "--token", "tok", "--declared", "application/json"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("nothing was sent"))
            #expect(result.stderr.contains("suggested Content-Type: image/png"))
            #expect(result.stdout.isEmpty)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("an HTTP error: exit 1, the status and message on stderr, {status, error} with --format json")
    func httpError() async throws {
        let path = try ClientFixture.file(Array(#"{"instances": [1]}"#.utf8), name: "send-401")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, _ in .json(401, #"{"message": "Invalid token"}"#) }) { server in
            let result = try await Self.send([path, "--url", server.deploymentURL, "--token", "bad", "--format", "json"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("401"))
            #expect(result.stderr.contains("Invalid token"))
            #expect(try JSONParser.parse(result.stdout) == ["status": 401, "error": "Invalid token"])
        }
    }

    @Test("standard input as the payload, piped")
    func standardInput() async throws {
        let path = try ClientFixture.file(Array(#"{"inputs": [7]}"#.utf8), name: "send-stdin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let result = try await ClientProcess.run("/bin/sh", [
                "-c", "cat '\(path)' | env -i DEEPLOY_TOKEN=tok '\(try #require(Self.executable))' send - --url '\(server.deploymentURL)'",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try JSONParser.parse(result.stdout) == ["predictions": [7]])
        }
    }

    @Test("usage errors exit 2: no deployment, both forms, no credentials")
    func usageErrors() async throws {
        for arguments in [
            ["x.json", "--token", "t"],
            ["x.json", "--url", "http://127.0.0.1:9/workspaces/w/deployments/d", "--host", "h", "--token", "t"],
            ["x.json", "--url", "http://127.0.0.1:9/workspaces/w/deployments/d"],
            ["x.json", "--url", "ftp://example/workspaces/w/deployments/d", "--token", "t"],
        ] {
            let result = try await Self.send(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
    }
}
