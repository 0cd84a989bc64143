import AsyncHTTPClient
@testable import DeeployGatewayServer
import DeeployTestSupport
import Foundation
import HTTPTypes
import LoopbackTesting
import NIOCore
import NIOHTTP1
import Testing

/// deeploy-gateway over real sockets: a recording upstream on 127.0.0.1, the gateway in front
/// of it, and AsyncHTTPClient as the client.
@Suite("deeploy-gateway proxy", .loopback)
struct ProxyTests {
    @Test("an accepted JSON body reaches the upstream byte for byte, with method, path, query and headers")
    func forwardsJSON() async throws {
        try await ProxyFixtures.withProxy { upstream, gateway, client in
            let response = try await ProxyFixtures.send(
                client, .POST, gateway.url + "/v1/models/iris:predict?explain=true&x=%20a",
                headers: [
                    ("Content-Type", "application/json"), ("Authorization", "Bearer abc.def.ghi"), ("X-Request-Id", "r-17"),
                    ("Keep-Alive", "timeout=5"), ("Proxy-Authorization", "Basic c2VjcmV0"),
                ],
                body: ProxyFixtures.json
            )
            #expect(response.status == 200)
            #expect(response.body == Array(#"{"received":\#(ProxyFixtures.json.count)}"#.utf8))
            #expect(response.headers.first(name: "X-Upstream") == "recorded")
            let received = try #require(upstream.requests.first)
            #expect(upstream.requests.count == 1)
            #expect(received.method == "POST")
            #expect(received.target == "/v1/models/iris:predict?explain=true&x=%20a")
            #expect(received.body == ProxyFixtures.json)
            #expect(received.fields[.contentType] == "application/json")
            #expect(received.fields[.authorization] == "Bearer abc.def.ghi")
            #expect(received.fields[HTTPField.Name("X-Request-Id")!] == "r-17")
            #expect(received.fields[.contentLength] == String(ProxyFixtures.json.count))
            #expect(received.fields[.via] == "1.1 deeploy-gateway")
            #expect(received.fields[HTTPField.Name("X-Forwarded-For")!] == "127.0.0.1")
            // Hop-by-hop fields stop at the gateway.
            #expect(received.fields[HTTPField.Name("Keep-Alive")!] == nil)
            #expect(received.fields[.proxyAuthorization] == nil)
        }
    }

    @Test("a PNG reaches the upstream byte for byte")
    func forwardsPNG() async throws {
        let png = try ProxyFixtures.png()
        try await ProxyFixtures.withProxy { upstream, gateway, client in
            let response = try await ProxyFixtures.send(
                client, .PUT, gateway.url + "/upload/cat.png", headers: [("Content-Type", "image/png")], body: png
            )
            #expect(response.status == 200)
            let received = try #require(upstream.requests.first)
            #expect(received.method == "PUT")
            #expect(received.target == "/upload/cat.png")
            #expect(received.body == png)
            #expect(received.fields[.contentType] == "image/png")
        }
    }

    @Test("a gzip body reaches the upstream decoded, as application/json, without Content-Encoding")
    func forwardsGzipDecoded() async throws {
        let encoded = Deflater.compress(ProxyFixtures.json, as: .gzip)
        try await ProxyFixtures.withProxy { upstream, gateway, client in
            let response = try await ProxyFixtures.send(
                client, .POST, gateway.url + "/predict", headers: [("Content-Encoding", "gzip")], body: encoded
            )
            #expect(response.status == 200)
            let received = try #require(upstream.requests.first)
            #expect(received.body == ProxyFixtures.json)
            #expect(received.fields[.contentType] == "application/json")
            #expect(received.fields[.contentEncoding] == nil)
            #expect(received.fields[.contentLength] == String(ProxyFixtures.json.count))
        }
    }

    @Test("a GET without a body passes through unjudged, with an empty body and no Content-Type")
    func forwardsBodylessGet() async throws {
        try await ProxyFixtures.withProxy { upstream, gateway, client in
            let response = try await ProxyFixtures.send(client, .GET, gateway.url + "/v1/models/iris?verbose=1")
            #expect(response.status == 200)
            let received = try #require(upstream.requests.first)
            #expect(received.method == "GET")
            #expect(received.target == "/v1/models/iris?verbose=1")
            #expect(received.body.isEmpty)
            #expect(received.fields[.contentType] == nil)
        }
    }

    @Test("refused bodies never reach the upstream: mismatch 415, invalid JSON 400, too large 413")
    func refusalsStayAtTheGateway() async throws {
        try await ProxyFixtures.withProxy(maximumSize: 64 << 10) { upstream, gateway, client in
            let elf = try await ProxyFixtures.send(
                client, .POST, gateway.url + "/predict", headers: [("Content-Type", "image/png")], body: ProxyFixtures.elf
            )
            #expect(elf.status == 415)
            #expect(elf.headers.first(name: "Content-Type") == "application/problem+json")
            #expect(try ProxyFixtures.codes(elf.body) == ["declared-mismatch"])

            let invalid = try await ProxyFixtures.send(
                client, .POST, gateway.url + "/predict", headers: [("Content-Type", "application/json")], body: Array(#"{"a": [1, 2,]}"#.utf8)
            )
            #expect(invalid.status == 400)
            #expect(try ProxyFixtures.codes(invalid.body) == ["invalid-json"])

            let large = Array(#"{"data": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 128 << 10) + Array(#""}"#.utf8)
            let tooLarge = try await ProxyFixtures.send(client, .POST, gateway.url + "/predict", body: large)
            #expect(tooLarge.status == 413)
            #expect(try ProxyFixtures.codes(tooLarge.body) == ["too-large"])

            #expect(upstream.requests.isEmpty)
        }
    }

    @Test("a malformed Authorization is refused 401 with --check-authorization, and never forwarded")
    func checksAuthorization() async throws {
        try await ProxyFixtures.withProxy(configure: { $0.checksAuthorization = true }) { upstream, gateway, client in
            let response = try await ProxyFixtures.send(
                client, .POST, gateway.url + "/predict",
                headers: [("Content-Type", "application/json"), ("Authorization", "Basic dXNlcjpwYXNzCg==")], body: ProxyFixtures.json
            )
            #expect(response.status == 401)
            #expect(response.headers.first(name: "WWW-Authenticate") != nil)
            #expect(!String(decoding: response.body, as: UTF8.self).contains("dXNlcjpwYXNzCg"))
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test("an upstream that is down gives 502 with a problem body")
    func upstreamDown() async throws {
        // A port that was just listened on and is closed now.
        let closed = try await ProxyFixtures.startUpstream(RecordingUpstream())
        try await closed.stop()
        let gateway = try await ProxyFixtures.startGateway(upstream: closed.url)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let result: Result<(status: Int, headers: HTTPHeaders, body: [UInt8]), any Error>
        do {
            result = .success(try await ProxyFixtures.send(
                client, .POST, gateway.url + "/predict", headers: [("Content-Type", "application/json")], body: ProxyFixtures.json
            ))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        try await gateway.stop()
        let response = try result.get()
        #expect(response.status == 502)
        #expect(response.headers.first(name: "Content-Type") == "application/problem+json")
        #expect(try ProxyFixtures.codes(response.body) == ["upstream-unreachable"])
    }

    @Test("the upstream's response streams through: the first bytes arrive before the upstream sends the rest")
    func streamsLargeResponse() async throws {
        let first = 16 << 10, rest = 8 << 20
        try await ProxyFixtures.withProxy { upstream, gateway, client in
            var request = HTTPClientRequest(url: gateway.url + "/stream?first=\(first)&rest=\(rest)")
            request.method = .GET
            let response = try await client.execute(request, timeout: .seconds(30))
            #expect(response.status == .ok)
            var received: [UInt8] = []
            var released = false
            for try await chunk in response.body {
                received.append(contentsOf: chunk.readableBytesView)
                // The upstream holds the rest until this point: a gateway that buffered the
                // whole response would never get here, and the request would time out.
                if !released, received.count >= first {
                    released = true
                    upstream.releaseStream()
                }
            }
            #expect(released)
            #expect(received.count == first + rest)
            #expect(received.enumerated().allSatisfy { $0.element == RecordingUpstream.streamByte($0.offset) })
        }
    }
}
