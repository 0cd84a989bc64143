import DeeployClient
import DeeployPayload
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// Every payload is judged before a byte goes out: refusals send nothing; files and streams
/// are sent as judged.
@Suite("DeeployClient payloads", .loopback)
struct ClientPayloadTests {
    @Test("a refused payload throws its verdict and the server sees no request")
    func refusedSendsNothing() async throws {
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) {
                    try await $0.predict(.bytes(ClientFixture.png, declared: "application/json"))
                }
            }
            let verdict = try #require(error?.verdict)
            #expect(!verdict.isAccepted)
            #expect(!verdict.reasonCodes.isEmpty)
            #expect(verdict.suggestedContentType?.essence == "image/png")
            #expect(error?.description.contains("nothing was sent") == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("invalid JSON text is refused; the same bytes as a file too")
    func invalidJSONRefused() async throws {
        let broken = Array(#"{"instances": [1, 2,]}"#.utf8)
        let path = try ClientFixture.file(broken, name: "broken-json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { client in
                for payload in [Payload.bytes(broken, declared: "application/json"), .file(path: path, declared: "application/json")] {
                    let error = await #expect(throws: DeeployClientError.self) { try await client.predict(payload) }
                    #expect(error?.verdict?.isAccepted == false)
                }
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test("a PNG is sent with the type its verdict gives, byte for byte")
    func pngTypeFromVerdict() async throws {
        try await FaultServer.with({ _, _ in .json(200, #"{"predictions": ["cat"]}"#) }) { server in
            let response = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) {
                try await $0.predict(.bytes(ClientFixture.png))
            }
            #expect(response.verdict.effectiveContentType?.essence == "image/png")
            let request = try #require(server.requests.first)
            #expect(request.headers["content-type"] == "image/png")
            #expect(request.body == ClientFixture.png)
            #expect(request.headers["authorization"] == "Bearer \(ClientFixture.token)")
        }
    }

    @Test("an oversized file is refused from its size, and nothing is sent")
    func oversizedFile() async throws {
        let path = try ClientFixture.file([UInt8](repeating: 0x20, count: 8192), name: "oversized")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let client = try ClientFixture.client(server.deploymentURL) { $0.policy.maximumSize = 4096 }
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(client) { try await $0.predict(.file(path: path, declared: "text/plain")) }
            }
            #expect(error?.verdict?.reasonCodes == [.tooLarge])
            #expect(server.requests.isEmpty)
        }
    }

    @Test("a missing file or a directory is an unreadable payload")
    func unreadableFile() async throws {
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { client in
                for path in ["/nonexistent/client-test.json", NSTemporaryDirectory()] {
                    let error = await #expect(throws: DeeployClientError.self) { try await client.predict(.file(path: path)) }
                    guard case .unreadablePayload(let named, _)? = error else { Issue.record("\(String(describing: error))"); continue }
                    #expect(named == path)
                }
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test("a file is streamed as judged, with its length, through the ring of reused chunk buffers")
    func fileUpload() async throws {
        // About 110 KiB in 4 KiB chunks: the 4-buffer ring goes round seven times, and every chunk
        // differs, so a buffer refilled while still on its way would show in the bytes received.
        let body = JSONValue.object(["instances": .array((0..<20_000).map { .number(JSONNumber($0)) })]).serialized()
        let path = try ClientFixture.file(body, name: "upload")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let client = try ClientFixture.client(server.deploymentURL) { $0.uploadChunkSize = 4096 }
            let response = try await ClientFixture.with(client) { try await $0.predict(.file(path: path)) }
            #expect(response.body.json?["predictions"]?.arrayValue?.count == 20_000)
            #expect(server.requests.first?.body == body)
            #expect(server.requests.first?.headers["content-length"] == String(body.count))
            #expect(server.requests.first?.headers["content-type"] == "application/json")
        }
    }

    @Test("a file that changes after its verdict is not sent again")
    func changedFileNotRetried() async throws {
        let path = try ClientFixture.file(Array(#"{"instances": [1]}"#.utf8), name: "changing")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await FaultServer.with({ _, _ in
            // The file grows while the first attempt is answered 500.
            if let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(Data("   ".utf8))
                try? handle.close()
            }
            return .json(500, #"{"error": "flaky"}"#)
        }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { try await $0.predict(.file(path: path)) }
            }
            guard case .payloadChanged(let named)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(named == path)
            #expect(server.requests.count == 1)
        }
    }

    @Test("a stream is read once: a retry resends the judged copy, never the stream")
    func streamReadOnce() async throws {
        let counter = CountingChunks.Counter()
        let chunks = CountingChunks(chunks: [Array(#"{"instances": "#.utf8), Array("[[5, 6]]}".utf8)], counter: counter)
        let payload = Payload.stream(chunks)
        try await FaultServer.with({ index, request in index == 0 ? .json(502, #"{"error": "gateway"}"#) : ClientFixture.echo(request) }) { server in
            try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { client in
                let response = try await client.predict(payload)
                #expect(response.body.json?["predictions"] == [[5, 6]])
                #expect(counter.count == 1)
                #expect(server.requests.count == 2)
                #expect(server.requests[0].body == server.requests[1].body)
                let again = await #expect(throws: DeeployClientError.self) { try await client.predict(payload) }
                guard case .streamAlreadyConsumed? = again else { Issue.record("\(String(describing: again))"); return }
            }
            #expect(counter.count == 1)
        }
    }

    @Test("a stream longer than the buffer is refused before anything is sent")
    func streamTooLarge() async throws {
        let chunks = CountingChunks(chunks: Array(repeating: [UInt8](repeating: 0x20, count: 1024), count: 8), counter: .init())
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let client = try ClientFixture.client(server.deploymentURL) { $0.streamBufferLimit = 4096 }
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(client) { try await $0.predict(.stream(chunks, declared: "text/plain")) }
            }
            guard case .streamTooLarge(4096)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(server.requests.isEmpty)
        }
    }
}
