import DeeployEmulator
import DeeployPayload
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// The echo and constant model stubs, over real sockets.
@Suite("Emulator models", .loopback)
struct EmulatorModelTests {
    typealias F = EmulatorFixture

    @Test("echo answers V1 instances or inputs with the same array's exact bytes as predictions")
    func echoV1() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let instances = #"[[1.50, 2e3], {"a": "é\u00e9"}, null]"#
            let answer = try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"instances": \#(instances)}"#.utf8))
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.text == #"{"predictions":\#(instances)}"#)

            let inputs = try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"inputs": [[3], [4]]}"#.utf8))
            #expect(inputs.text == #"{"predictions":[[3], [4]]}"#)

            let explain = try await EmulatorHTTP.send(emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/explain",
                                              headers: F.json, body: Array(#"{"instances": [7, 8]}"#.utf8))
            #expect(explain.json == ["predictions": [7, 8], "explanations": [7, 8]])

            let unanswerable = try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"rows": [1]}"#.utf8))
            #expect(unanswerable.status == 400)
            #expect(unanswerable.json?["error"]?.stringValue?.contains("instances") == true)
        }
    }

    @Test("echo answers a V2 request with outputs that mirror its inputs")
    func echoV2() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let tensors = #"[{"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [1.0, 2.0, 3.0, 4.0]}, {"name": "y", "shape": [1], "datatype": "BYTES", "data": ["hi"]}]"#
            let answer = try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"id": "req-7", "inputs": \#(tensors)}"#.utf8))
            #expect(answer.status == 200)
            let decoded = try StrictJSONDecoder().decode(InferenceResponseV2.self, from: answer.body)
            let request = try StrictJSONDecoder().decode(InferenceRequestV2.self, from: Array(#"{"inputs": \#(tensors)}"#.utf8))
            #expect(decoded.modelName == F.deployment)
            #expect(decoded.id == "req-7")
            #expect(decoded.outputs == request.inputs)
        }
    }

    @Test("a request without Content-Type is judged and logged as JSON")
    func missingContentTypeIsJSON() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict"
            let answer = try await EmulatorHTTP.send(url, headers: F.bearer, body: Array(#"{"instances": [1, 2, 3]}"#.utf8))
            #expect(answer.status == 200)
            #expect(answer.text == #"{"predictions":[1, 2, 3]}"#)
            let log = try #require(await emulator.logs.requestLogs().first)
            #expect(log.requestContentType == "application/json")
            #expect(log.splitOutcome == "split")
            // Without Content-Type, bytes that are not JSON are a 400, not sniffed into another type.
            let png = try await EmulatorHTTP.send(url, headers: F.bearer, body: F.png)
            #expect(png.status == 400)
            #expect(png.json?["codes"] == ["invalid-json"])
        }
    }

    @Test("constant answers with its JSON or binary body and type, whatever it is sent")
    func constant() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let json = try await EmulatorHTTP.send(emulator.deploymentURL(workspace: F.workspace, deployment: "constant-json") + "/predict",
                                           headers: F.json, body: Array(#"{"instances": [1]}"#.utf8))
            #expect(json.status == 200)
            #expect(json.contentType == "application/json")
            #expect(json.text == #"{"predictions": [42], "note": "fixed"}"#)

            let binary = try await EmulatorHTTP.send(emulator.deploymentURL(workspace: F.workspace, deployment: "constant-png") + "/predict",
                                             headers: F.json, body: Array(#"{"instances": [1, 2]}"#.utf8))
            #expect(binary.status == 200)
            #expect(binary.contentType == "image/png")
            #expect(binary.body == F.png)
            let log = try #require(await emulator.logs.requestLogs(deployment: "constant-png").first)
            #expect(log.splitOutcome == "binary-response")
            let object = try #require(log.response.binaryObject)
            #expect(object.sha256 == (try await F.sha256sum(F.png)))
            #expect(FileManager.default.contents(atPath: object.path) == Data(F.png))
        }
    }

    @Test("echo answers completions, chat completions and embeddings in their own shapes")
    func echoGenerative() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let base = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment)
            let completion = try await EmulatorHTTP.send(base + "/completions", headers: F.json, body: Array(#"{"prompt": ["a b", "c"]}"#.utf8))
            #expect(completion.json?["choices"]?[1]?["text"] == "c")
            let chat = try await EmulatorHTTP.send(base + "/chat/completions", headers: F.json,
                                           body: Array(#"{"messages": [{"role": "user", "content": "hello"}]}"#.utf8))
            #expect(chat.json?["choices"]?[0]?["message"]?["content"] == "hello")
            let embeddings = try await EmulatorHTTP.send(base + "/embeddings", headers: F.json, body: Array(#"{"input": "one two"}"#.utf8))
            #expect(embeddings.json?["data"]?[0]?["embedding"] == [7, 2])
            // completions with 2 prompts and 2 choices split into 2 prediction logs.
            let logs = await emulator.logs.requestLogs()
            #expect(logs.map(\.endpoint) == ["completions", "chat/completions", "embeddings"])
            #expect(logs[0].predictionLogIDs.count == 2)
        }
    }
}
