import DeeployClient
import DeeployPayload
import DeeployTestSupport
import Foundation
import LoopbackTesting
import StrictJSON
import Testing

/// What Deeploy's Python client offers: parameters, credentials, batches; plus streamed answers.
@Suite("DeeployClient features", .loopback)
struct ClientFeatureTests {
    static let body: JSONValue = ["instances": [[1, 2]]]

    @Test("endpoints, query parameters, organization id and Basic credentials go on the wire as Deeploy's client sends them")
    func wireShape() async throws {
        try await FaultServer.with({ _, _ in .json(200, #"{"explanations": []}"#) }) { server in
            let client = try ClientFixture.client(
                server.deploymentURL, authentication: .credentials(try .personalKeyPair(accessKey: "AK", secretKey: "SK"))
            ) { $0.organizationID = "org-9" }
            try await ClientFixture.with(client) { client in
                _ = try await client.predict(.json(Self.body), options: .init(skipLog: true))
                _ = try await client.explain(.json(Self.body), image: true)
                _ = try await client.completions(.json(["prompt": "hi"]), options: .init(explain: false))
                _ = try await client.chatCompletions(.json(["messages": []]))
                _ = try await client.embeddings(.json(["input": "hi"]), options: .init(skipLog: false))
            }
            let requests = server.requests
            #expect(requests.map(\.path) == ["predict", "explain", "completions", "chat/completions", "embeddings"].map {
                "/workspaces/ws/deployments/dep/\($0)"
            })
            #expect(requests.map(\.query) == ["skipLog=true", "image=true", "explain=false", "", "skipLog=false"])
            #expect(requests.allSatisfy { $0.method == "POST" })
            #expect(requests.allSatisfy { $0.headers["authorization"] == "Basic QUs6U0s=" })
            #expect(requests.allSatisfy { $0.headers["organization-id"] == "org-9" })
        }
    }

    @Test("wrong credentials: a typed 401 with the server's message, not retried")
    func wrongCredentials() async throws {
        try await FaultServer.with({ _, _ in .json(401, #"{"message": "Invalid deployment token"}"#) }) { server in
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { try await $0.predict(.json(Self.body)) }
            }
            guard case .http(let failure)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(failure.status == 401)
            #expect(failure.message == "Invalid deployment token")
            #expect(failure.description.contains("Authorization"))
            #expect(server.requests.count == 1)
        }
    }

    @Test("OAuth2: one token for many calls; a 401 fetches a new one once")
    func oauthTokenCacheAndRefresh() async throws {
        try await FaultServer.with({ _, request in
            if request.path == "/oauth2/token" {
                let issued = request.headers["authorization"] == "Basic Y2xpZW50OnNlY3JldA==" && request.body == Array("grant_type=client_credentials".utf8)
                return issued ? .json(200, #"{"access_token": "tok-\#(UUID().uuidString.prefix(8))", "expires_in": 3600}"#) : .json(401, "{}")
            }
            return ClientFixture.echo(request)
        }) { server in
            let authentication = try Authentication.oauth2ClientCredentials(clientID: "client", clientSecret: "secret")
            try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, authentication: authentication)) { client in
                _ = try await client.predict(.json(Self.body))
                _ = try await client.predict(.json(Self.body))
            }
            let tokenRequests = server.requests.filter { $0.path == "/oauth2/token" }
            #expect(tokenRequests.count == 1)
            let bearers = Set(server.requests.filter { $0.path != "/oauth2/token" }.compactMap { $0.headers["authorization"] })
            #expect(bearers.count == 1)
            #expect(bearers.first?.hasPrefix("Bearer tok-") == true)
        }
        // A deployment that refuses every token: one refresh, then the 401.
        try await FaultServer.with({ _, request in
            if request.path == "/oauth2/token" {
                return .json(200, #"{"access_token": "tok-\#(UUID().uuidString.prefix(8))", "expires_in": 3600}"#)
            }
            return .json(401, #"{"message": "token expired"}"#)
        }) { server in
            let authentication = try Authentication.oauth2ClientCredentials(clientID: "client", clientSecret: "secret")
            let error = await #expect(throws: DeeployClientError.self) {
                try await ClientFixture.with(try ClientFixture.client(server.deploymentURL, authentication: authentication)) {
                    try await $0.predict(.json(Self.body))
                }
            }
            #expect(error?.status == 401)
            // Token, call (401), new token, call (401): refreshed once, not in a loop.
            #expect(server.requests.map(\.path) == ["/oauth2/token", "/workspaces/ws/deployments/dep/predict", "/oauth2/token", "/workspaces/ws/deployments/dep/predict"])
            let bearers = server.requests.filter { $0.path != "/oauth2/token" }.compactMap { $0.headers["authorization"] }
            #expect(Set(bearers).count == 2)
        }
    }

    @Test("batches split instances like nr_requests and merge predictions in order")
    func batching() async throws {
        let instances: [JSONValue] = (0..<10).map { [.number(JSONNumber($0))] }
        try await FaultServer.with({ _, request in ClientFixture.echo(request) }) { server in
            let response = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) {
                try await $0.predict(try .encoding(V1PredictRequest(instances: instances)), options: .init(batches: 3))
            }
            #expect(response.body.json?["predictions"]?.arrayValue == instances)
            #expect(response.batches.count == 3)
            let sizes = server.requests.compactMap { try? JSONParser.parse($0.body)["instances"]?.arrayValue?.count }.sorted()
            #expect(sizes == [3, 3, 4])
            let typed = try response.decoded(as: V1PredictResponse.self)
            #expect(typed.predictions == instances)
        }
        await #expect(throws: DeeployClientError.self) {
            try await ClientFixture.with(try ClientFixture.client("http://127.0.0.1:9/workspaces/ws/deployments/dep")) {
                try await $0.predict(.bytes(ClientFixture.png), options: .init(batches: 2))
            }
        }
    }

    @Test("a streamed completion yields its server-sent events as JSON chunks, across chunk boundaries")
    func serverSentEvents() async throws {
        let stream = "data: {\"choices\": [{\"text\": \"Hel\"}]}\r\n\r\n: keep-alive\n\ndata: {\"choices\": [{\"text\": \"lo\"}]}\n\ndata: [DONE]\n\n"
        let bytes = Array(stream.utf8)
        let pieces = stride(from: 0, to: bytes.count, by: 7).map { Array(bytes[$0..<min($0 + 7, bytes.count)]) }
        try await FaultServer.with({ _, _ in .chunks(pieces, contentType: "text/event-stream", pause: .milliseconds(1)) }) { server in
            let texts = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) { client in
                var texts: [String] = []
                for try await chunk in try await client.completionsStream(.json(["prompt": "Hello"])) {
                    texts.append(chunk["choices"]?[0]?["text"]?.stringValue ?? "?")
                }
                return texts
            }
            #expect(texts == ["Hel", "lo"])
            let request = try #require(server.requests.first)
            #expect(request.query == "stream=true")
            #expect(try JSONParser.parse(request.body)["stream"] == true)
        }
    }

    @Test("a binary answer streams to a file with its SHA-256 computed on the way")
    func downloadToFile() async throws {
        var generator = SplitMix64(seed: 2026)
        let image = generator.bytes(3 << 20)
        let destination = NSTemporaryDirectory() + "client-download-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(atPath: destination) }
        try await FaultServer.with({ _, _ in .respond(200, headers: ["Content-Type": "image/png"], body: image) }) { server in
            let downloaded = try await ClientFixture.with(try ClientFixture.client(server.deploymentURL)) {
                try await $0.download(.json(Self.body), to: destination)
            }
            #expect(downloaded.size == image.count)
            #expect(downloaded.mediaType.essence == "image/png")
            #expect(downloaded.sha256 == BinaryBody(bytes: image, mediaType: .applicationOctetStream).sha256)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: destination))) == image)
        }
    }
}
