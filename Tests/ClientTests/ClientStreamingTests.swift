import DeeployClient
import DeeployEmulator
import DeeployPayload
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// Streamed completions (`stream=true`, server-sent events): the emulator's event stream on the
/// wire, and DeeployClient's `completionsStream` / `chatCompletionsStream` reading it over loopback.
@Suite("Streamed completions through the emulator", .loopback)
struct ClientStreamingTests {
    typealias F = EmulatorFixture

    /// Every chunk of `stream`, in order.
    static func collect(_ stream: CompletionChunks) async throws -> [JSONValue] {
        var chunks: [JSONValue] = []
        for try await chunk in stream { chunks.append(chunk) }
        return chunks
    }

    @Test("completionsStream: each prompt's text comes back word by word, joined exactly, then a stop chunk per choice")
    func completions() async throws {
        let prompts = ["the quick  brown fox", "jumps"]
        let payload: JSONValue = ["prompt": .array(prompts.map { .string($0) })]
        let (chunks, logs) = try await Emulator.withRunning(try F.configuration()) { emulator in
            let chunks = try await ClientFixture.with(try ClientEmulatorTests.client(emulator)) {
                try await Self.collect($0.completionsStream(.json(payload)))
            }
            return (chunks, await emulator.logs.requestLogs(workspace: F.workspace, deployment: F.deployment))
        }
        // Words with the space before them ("the", " quick", " ", " brown", " fox"), then a
        // chunk with finish_reason per choice: 5 + 1 for the first prompt, 1 + 1 for the second.
        #expect(chunks.count == 8)
        #expect(chunks.allSatisfy { $0["object"]?.stringValue == "text_completion" })
        #expect(Set(chunks.compactMap { $0["id"]?.stringValue }).count == 1)
        let choices = chunks.compactMap { $0["choices"]?[0] }
        for (index, prompt) in prompts.enumerated() {
            let mine = choices.filter { $0["index"]?.numberValue == JSONNumber(index) }
            #expect(mine.compactMap { $0["text"]?.stringValue }.joined() == prompt)
            #expect(mine.last?["finish_reason"]?.stringValue == "stop")
            #expect(mine.dropLast().allSatisfy { $0["finish_reason"] == JSONValue.null })
        }
        // The call is logged once, as streamed, with the whole answer the events were cut from.
        #expect(logs.count == 1)
        #expect(logs.first?.streaming == true)
        let logged = try #require(Self.json(logs.first?.response))
        #expect(logged["choices"]?.arrayValue?.compactMap { $0["text"]?.stringValue } == prompts)
    }

    /// A logged JSON body, parsed; nil for a binary one.
    static func json(_ body: EmulatedBody?) -> JSONValue? {
        guard case .json(let bytes, _)? = body else { return nil }
        return try? JSONParser.parse(bytes)
    }

    @Test("chatCompletionsStream: a role delta, the last message's content word by word, then a stop delta")
    func chatCompletions() async throws {
        let content = "Streams end with [DONE]: one  event at a time"
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let messages: JSONValue = [["role": "system", "content": "be brief"], ["role": "user", "content": .string(content)]]
            let chunks = try await ClientFixture.with(try ClientEmulatorTests.client(emulator)) {
                try await Self.collect($0.chatCompletionsStream(.json(["messages": messages])))
            }
            let deltas = chunks.compactMap { $0["choices"]?[0]?["delta"] }
            #expect(deltas.count == chunks.count)
            #expect(chunks.allSatisfy { $0["object"]?.stringValue == "chat.completion.chunk" })
            #expect(deltas.first == ["role": "assistant"])
            #expect(deltas.compactMap { $0["content"]?.stringValue }.joined() == content)
            #expect(deltas.compactMap { $0["content"] }.count == content.split(separator: " ", omittingEmptySubsequences: false).count)
            #expect(chunks.last?["choices"]?[0]?["finish_reason"]?.stringValue == "stop")
            #expect(deltas.last == [:])
            let predictionLogs = await emulator.logs.predictionLogs(workspace: F.workspace, deployment: F.deployment)
            #expect(predictionLogs.count == 1)
            #expect(predictionLogs.first?.endpoint == "chat/completions")
        }
    }

    @Test("a completion the model cannot answer is a typed 400, not an event stream")
    func unanswerable() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientEmulatorTests.client(emulator)) {
                    try await Self.collect($0.completionsStream(.json(["rows": [1]])))
                }
            }
            #expect(error?.status == 400)
            #expect(await emulator.logs.requestLogs().first?.streaming == false)
        }
    }

    @Test("on the wire: text/event-stream, data events then data: [DONE]; the stream query decides, else the body's stream")
    func wire() async throws {
        try await Emulator.withRunning(try F.configuration()) { emulator in
            let url = emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/completions"
            let streamed = try await EmulatorHTTP.send(url, headers: F.json, body: Array(#"{"prompt": "a b", "stream": true}"#.utf8))
            #expect(streamed.status == 200)
            #expect(streamed.contentType == "text/event-stream")
            let events = streamed.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.count == 4)
            #expect(events.allSatisfy { $0.hasPrefix("data: ") })
            #expect(events.last == "data: [DONE]")
            #expect(streamed.text.hasSuffix("data: [DONE]\n\n"))
            let texts = events.dropLast().compactMap { try? JSONParser.parse(String($0.dropFirst(6))) }.compactMap { $0["choices"]?[0]?["text"]?.stringValue }
            #expect(texts == ["a", " b", ""])

            // stream=false in the query wins over the body's "stream": true, as Deeploy's Python client sends it.
            let plain = try await EmulatorHTTP.send(url + "?stream=false", headers: F.json, body: Array(#"{"prompt": "a b", "stream": true}"#.utf8))
            #expect(plain.contentType == "application/json")
            #expect(plain.json?["choices"]?[0]?["text"]?.stringValue == "a b")
            let query = try await EmulatorHTTP.send(url + "?stream=true", headers: F.json, body: Array(#"{"prompt": "a"}"#.utf8))
            #expect(query.contentType == "text/event-stream")
            // predict does not stream, whatever the body says.
            let predict = try await EmulatorHTTP.send(
                emulator.deploymentURL(workspace: F.workspace, deployment: F.deployment) + "/predict?stream=true",
                headers: F.json, body: Array(#"{"instances": [1], "stream": true}"#.utf8))
            #expect(predict.contentType == "application/json")
            let logs = await emulator.logs.requestLogs()
            #expect(logs.map(\.streaming) == [true, false, true, false])
        }
    }
}
