@testable import DeeployGatewayServer
import HTTPTypes
import Testing

/// deeploy-gateway's flags, their environment fallbacks, and the fields it forwards.
@Suite("deeploy-gateway settings")
struct ProxySettingsTests {
    static func settings(_ arguments: [String], _ environment: [String: String] = [:]) throws -> GatewaySettings {
        try GatewayCommand.parse(arguments).settings(environment: environment)
    }

    @Test("flags set every setting; --max-size is read as the CLI reads it")
    func flags() throws {
        let settings = try Self.settings([
            "--upstream", "http://127.0.0.1:8081/v1/", "--host", "0.0.0.0", "--port", "9000",
            "--max-size", "512K", "--strict", "--check-authorization", "--upstream-timeout", "5", "--log-level", "debug",
        ])
        #expect(settings.upstream == UpstreamURL(scheme: "http", authority: "127.0.0.1:8081", pathPrefix: "/v1"))
        #expect(settings.host == "0.0.0.0")
        #expect(settings.port == 9000)
        #expect(settings.maximumSize == 512 << 10)
        #expect(settings.policy.maximumSize == 512 << 10)
        #expect(settings.isStrict && settings.policy.isStrict)
        #expect(settings.checksAuthorization)
        #expect(settings.upstreamTimeout == 5)
        #expect(settings.logLevel == .debug)
    }

    @Test("the environment fills in what the flags leave out, and a flag wins")
    func environment() throws {
        let environment = [
            "DEEPLOY_GATEWAY_UPSTREAM": "http://model.internal:8080", "DEEPLOY_GATEWAY_PORT": "7000",
            "DEEPLOY_GATEWAY_MAX_SIZE": "2MiB", "DEEPLOY_GATEWAY_STRICT": "yes", "DEEPLOY_GATEWAY_CHECK_AUTHORIZATION": "0",
        ]
        let settings = try Self.settings([], environment)
        #expect(settings.upstream.description == "http://model.internal:8080")
        #expect(settings.port == 7000)
        #expect(settings.maximumSize == 2 << 20)
        #expect(settings.isStrict)
        #expect(!settings.checksAuthorization)
        #expect(settings.host == "127.0.0.1")

        let overridden = try Self.settings(["--port", "7001", "--max-size", "1M"], environment)
        #expect(overridden.port == 7001)
        #expect(overridden.maximumSize == 1 << 20)
    }

    @Test("defaults: port 8080 on 127.0.0.1, a 10 MiB limit, the Deeploy policy")
    func defaults() throws {
        let settings = try Self.settings(["--upstream", "http://[::1]:8081"])
        #expect(settings.port == 8080)
        #expect(settings.host == "127.0.0.1")
        #expect(settings.maximumSize == 10 << 20)
        #expect(!settings.isStrict && !settings.checksAuthorization)
        #expect(settings.upstream.url(forTarget: "/p?q=1") == "http://[::1]:8081/p?q=1")
    }

    @Test("bad values are refused with a message naming them", arguments: [
        (["--max-size", "ten"], "ten"),
        (["--max-size", "0"], "\"0\""),
        (["--port", "70000"], "70000"),
        (["--log-level", "loud"], "loud"),
    ])
    func badValues(arguments: [String], named: String) throws {
        let error = #expect(throws: (any Error).self) {
            try Self.settings(["--upstream", "http://127.0.0.1:1"] + arguments)
        }
        #expect(GatewayCommand.message(for: try #require(error)).contains(named))
    }

    @Test("an upstream that is not an http(s) base URL is refused", arguments: [
        "ftp://host", "http://", "http://user:pw@host", "http://host/path?q=1", "host:8080",
    ])
    func badUpstream(text: String) {
        guard case .failure(let error) = UpstreamURL.parse(text) else {
            Issue.record("\(text) was taken as an upstream")
            return
        }
        #expect(error.description.contains(text.debugDescription))
    }

    @Test("no upstream at all is refused with the flag and the variable to give")
    func missingUpstream() throws {
        let error = #expect(throws: (any Error).self) { try Self.settings([]) }
        let message = GatewayCommand.message(for: try #require(error))
        #expect(message.contains("--upstream") && message.contains("DEEPLOY_GATEWAY_UPSTREAM"))
    }

    @Test("a bad boolean variable is refused")
    func badBoolean() {
        #expect(throws: (any Error).self) {
            try Self.settings(["--upstream", "http://127.0.0.1:1"], ["DEEPLOY_GATEWAY_STRICT": "maybe"])
        }
    }

    @Test("hop-by-hop fields are dropped, with those Connection names; end-to-end fields keep their order")
    func hopByHop() {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .authorization, value: "Bearer t"))
        fields.append(HTTPField(name: .connection, value: "keep-alive, X-Private ,Upgrade"))
        fields.append(HTTPField(name: HTTPField.Name("X-Private")!, value: "1"))
        fields.append(HTTPField(name: .transferEncoding, value: "chunked"))
        fields.append(HTTPField(name: .te, value: "trailers"))
        fields.append(HTTPField(name: HTTPField.Name("X-Kept")!, value: "a"))
        fields.append(HTTPField(name: HTTPField.Name("X-Kept")!, value: "b"))
        fields.append(HTTPField(name: ForwardedFields.host, value: "gateway:8080"))
        let forwarded = ForwardedFields.request(fields, originalHost: "gateway:8080", clientAddress: "10.0.0.7")
        #expect(forwarded.map(\.name.canonicalName) == [
            "authorization", "x-kept", "x-kept", "via", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
        ])
        #expect(forwarded[values: HTTPField.Name("X-Kept")!] == ["a", "b"])
        #expect(forwarded[HTTPField.Name("X-Forwarded-For")!] == "10.0.0.7")

        var response = HTTPFields()
        response.append(HTTPField(name: .contentLength, value: "12"))
        response.append(HTTPField(name: .connection, value: "close"))
        response.append(HTTPField(name: HTTPField.Name("Keep-Alive")!, value: "timeout=5"))
        #expect(ForwardedFields.response(response).map(\.name.canonicalName) == ["content-length"])
    }

    @Test("an earlier proxy's X-Forwarded-For is extended, not replaced")
    func forwardedForChain() {
        var fields = HTTPFields()
        fields.append(HTTPField(name: HTTPField.Name("X-Forwarded-For")!, value: "203.0.113.9"))
        let forwarded = ForwardedFields.request(fields, originalHost: nil, clientAddress: "10.0.0.7")
        #expect(forwarded[HTTPField.Name("X-Forwarded-For")!] == "203.0.113.9, 10.0.0.7")
    }
}
