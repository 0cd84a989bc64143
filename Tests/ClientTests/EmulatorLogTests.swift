import DeeployEmulator
import DeeployPayload
import DeeployTestSupport
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// Logging by Deeploy's rule, and the logs endpoints' JSON, over real sockets.
@Suite("Emulator logs", .loopback)
struct EmulatorLogTests {
    typealias F = EmulatorFixture

    @Test("a V1 request of 100 instances gives one request log and 100 prediction logs, entry by entry")
    func hundredInstances() async throws {
        var random = SplitMix64(seed: 20)
        let instances = (0..<100).map { _ in "[\(random.below(1000)), \(random.below(1000)).5]" }
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let base = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment)
            let body = Array(#"{"instances": [\#(instances.joined(separator: ", "))], "signature_name": "s"}"#.utf8)
            #expect(try await EmulatorHTTP.send(base + "/predict", headers: F.json, body: body).status == 200)

            let requestLogs = await emulator.logs.requestLogs()
            #expect(requestLogs.count == 1)
            let predictionLogs = await emulator.logs.predictionLogs()
            #expect(predictionLogs.count == 100)
            for (index, log) in predictionLogs.enumerated() {
                #expect(log.index == index)
                #expect(log.requestLogID == requestLogs[0].id)
                #expect(log.requestBody == Array(#"{"instances": [\#(instances[index])], "signature_name": "s"}"#.utf8))
                #expect(log.responseBody == Array(#"{"predictions":[\#(instances[index])]}"#.utf8))
            }

            // The same through GET .../predictionLogs, filtered by request log, oldest first.
            let query = "?limit=1000&sort=createdAt:asc&requestLogId=eq:\(requestLogs[0].id)"
            let listed = try await EmulatorHTTP.get(base + "/predictionLogs" + query, headers: F.bearer)
            #expect(listed.status == 200)
            let array = try #require(listed.json?.arrayValue)
            #expect(array.count == 100)
            #expect(array.map { $0["index"]?.int64Value } == (0..<100).map { Optional(Int64($0)) })
            #expect(array[3]["requestBody"]?["instances"] == (try JSONParser.parse("[\(instances[3])]")))
            // Deeploy's default page is 10, newest first.
            let page = try await EmulatorHTTP.get(base + "/predictionLogs", headers: F.bearer)
            #expect(page.json?.arrayValue?.map { $0["index"]?.int64Value } == (90..<100).reversed().map { Optional(Int64($0)) })
        }
    }

    @Test("a PNG gives one prediction log, its body stored as a binary object under its SHA-256")
    func png() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let base = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment)
            let answer = try await EmulatorHTTP.send(base + "/predict", headers: F.bearer + [("Content-Type", "image/png")], body: F.png)
            #expect(answer.status == 200)
            let digest = try await F.sha256sum(F.png)
            #expect(answer.json?["predictions"]?[0]?["sha256"] == .string(digest))

            let log = try #require(await emulator.logs.requestLogs().first)
            #expect(log.splitOutcome == "not-json")
            let object = try #require(log.request.binaryObject)
            #expect(object.sha256 == digest)
            #expect(object.size == F.png.count)
            #expect(object.mediaType.essence == "image/png")
            #expect(object.path.hasSuffix("/" + digest))
            #expect(FileManager.default.contents(atPath: object.path) == Data(F.png))
            let predictionLogs = await emulator.logs.predictionLogs()
            #expect(predictionLogs.count == 1)
            #expect(predictionLogs[0].requestBody == nil)
            #expect(predictionLogs[0].responseBody == answer.body)

            let listed = try await EmulatorHTTP.get(base + "/predictionLogs", headers: F.bearer)
            let wire = try #require(listed.json?[0])
            #expect(wire["requestBody"] == .null)
            #expect(wire["requestBinaryObject"]?["sha256"] == .string(digest))
        }
    }

    @Test("a refused payload leaves no request log, and skipLog=true leaves none either")
    func noLogs() async throws {
        try await Emulator.withRunning(try F.configuration(maximumSize: 512)) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let refused: [([(String, String)], [UInt8])] = [
                (F.json, Array("not json".utf8)),
                (F.bearer + [("Content-Type", "application/zip")], [0x50, 0x4B, 0x03, 0x04]),
                (F.json, Array(repeating: UInt8(ascii: " "), count: 600)),
                (F.bearer + [("Content-Type", "image/png"), ("Content-Encoding", "br")], F.png),
            ]
            for (headers, body) in refused {
                let answer = try await EmulatorHTTP.send(url, headers: headers, body: body)
                #expect([400, 413, 415].contains(answer.status), "\(answer.status) \(answer.text)")
            }
            #expect(try await EmulatorHTTP.send(url + "?skipLog=true", headers: F.json, body: Array(#"{"instances": [1, 2]}"#.utf8)).status == 200)
            #expect(await emulator.logs.requestLogs().isEmpty)
            #expect(await emulator.logs.predictionLogs().isEmpty)
        }
    }

    @Test("the logs endpoints answer JSON lists with the camelCase members Deeploy's models read")
    func wireShapes() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let base = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment)
            _ = try await EmulatorHTTP.send(base + "/predict", headers: F.json, body: Array(#"{"instances": [[1], [2]]}"#.utf8))
            let requestLogs = try await EmulatorHTTP.get(base + "/requestLogs?includeRawBody=true", headers: F.bearer)
            #expect(requestLogs.contentType == "application/json")
            let log = try #require(requestLogs.json?[0]?.objectValue)
            for key in ["id", "deploymentId", "requestContentType", "createdAt", "endpointPath", "tokenId"] {
                #expect(log[key]?.stringValue != nil, "\(key)")
            }
            for key in ["responseTimeMS", "statusCode"] { #expect(log[key]?.int64Value != nil, "\(key)") }
            #expect(log["statusCode"] == 200)
            #expect(log["streaming"] == false)
            #expect(log["personalKeysId"] == .null)
            #expect(log["tokenId"]?.stringValue?.contains(F.token) == false)
            #expect(log["predictionLogs"]?.arrayValue?.count == 2)
            #expect(log["rawRequestBody"] == ["instances": [[1], [2]]])
            #expect(log["createdAt"]?.stringValue?.hasSuffix("Z") == true)

            let predictionLogs = try await EmulatorHTTP.get(base + "/predictionLogs?sort=createdAt:asc", headers: F.bearer)
            let entry = try #require(predictionLogs.json?[1]?.objectValue)
            #expect(entry["requestBody"] == ["instances": [[2]]])
            #expect(entry["responseBody"] == ["predictions": [[2]]])
            #expect(entry["requestLogId"] == log["id"])
            #expect(entry["requestLog"]?["id"] == log["id"])
            #expect(entry["tags"] == [:])
            #expect(entry["endpointType"] == "predict")
            #expect(entry["createdAt"]?.stringValue != nil)

            let bad = try await EmulatorHTTP.get(base + "/requestLogs?limit=lots", headers: F.bearer)
            #expect(bad.status == 400)
            #expect(bad.json?["message"]?.stringValue?.contains("limit") == true)
            let unsupported = try await EmulatorHTTP.get(base + "/predictionLogs?customId=eq:x", headers: F.bearer)
            #expect(unsupported.status == 400)
            let unauthenticated = try await EmulatorHTTP.get(base + "/requestLogs")
            #expect(unauthenticated.status == 401)
        }
    }
}

/// Large non-JSON bodies stream to disk while the sniffer judges them, over real sockets.
@Suite("Emulator streamed uploads", .loopback)
struct EmulatorStreamingTests {
    typealias F = EmulatorFixture

    @Test("an octet stream past the threshold is stored as a binary object whose SHA-256 is sha256sum's")
    func streamedObject() async throws {
        var configuration = try F.configuration()
        configuration.streamingThreshold = 1024
        var random = SplitMix64(seed: 2020)
        let body = random.bytes(3 << 20)
        try await Emulator.withRunning(configuration) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let answer = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "application/octet-stream")], body: body)
            #expect(answer.status == 200)
            let digest = try await F.sha256sum(body)
            #expect(answer.json?["predictions"]?[0]?["sha256"] == .string(digest))
            #expect(answer.json?["predictions"]?[0]?["size"] == .number(JSONNumber(body.count)))

            let log = try #require(await emulator.logs.requestLogs().first)
            let object = try #require(log.request.binaryObject)
            #expect(object.sha256 == digest)
            #expect(object.size == body.count)
            #expect(FileManager.default.contents(atPath: object.path) == Data(body))
            #expect(log.splitOutcome == "not-json")
            #expect(await emulator.logs.predictionLogs().count == 1)
        }
    }

    @Test("a streamed body that is refused leaves no log and no file; one past the maximum size is a 413")
    func streamedRefusals() async throws {
        var configuration = try F.configuration(maximumSize: 64 << 10)
        configuration.streamingThreshold = 0
        try await Emulator.withRunning(configuration) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8192)
            let mismatch = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "image/png")], body: elf)
            #expect(mismatch.status == 415)
            #expect(mismatch.contentType == "application/problem+json")
            let large = try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "application/octet-stream")],
                                            body: [UInt8](repeating: 7, count: 100 << 10))
            #expect(large.status == 413)
            #expect(large.json?["codes"]?[0] == "too-large")
            // A PNG streams too, and is accepted.
            #expect(try await EmulatorHTTP.send(url, headers: F.bearer + [("Content-Type", "image/png")], body: F.png).status == 200)
            let logs = await emulator.logs.requestLogs()
            #expect(logs.count == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: emulator.logs.directory)
            #expect(files == [try await F.sha256sum(F.png)])
        }
    }
}
