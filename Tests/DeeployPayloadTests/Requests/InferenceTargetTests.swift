import DeeployPayload
import HTTPTypes
import Testing

@Suite("InferenceTarget")
struct InferenceTargetTests {
    @Test func everyEndpointHasItsPath() throws {
        let target = try InferenceTarget(host: "h.io", workspaceID: "w", deploymentID: "d")
        let token = try Credentials.deploymentToken("tok")
        let expected: [(InferenceEndpoint, String)] = [
            (.predict, "/workspaces/w/deployments/d/predict"), (.explain(), "/workspaces/w/deployments/d/explain"),
            (.explain(image: true), "/workspaces/w/deployments/d/explain?image=true"),
            (.explain(image: false), "/workspaces/w/deployments/d/explain?image=false"),
            (.completions, "/workspaces/w/deployments/d/completions"),
            (.chatCompletions, "/workspaces/w/deployments/d/chat/completions"),
            (.embeddings, "/workspaces/w/deployments/d/embeddings"),
        ]
        for (endpoint, path) in expected {
            let built = try target.makeRequest(endpoint: endpoint, credentials: token, contentType: .applicationJSON)
            #expect(built.request.path == path)
            #expect(built.headerFields[.authorization] == "Bearer tok")
        }
    }

    @Test func acceptsValidHosts() {
        for host in ["deeploy.ml", "a.b.c.d", "x-1.example.com", "localhost", "h.io:1", "h.io:65535", "192.168.0.1"] {
            #expect(DeeployRequestErrorTests().error(host: host) == nil, "\(host)")
        }
    }

    @Test func keepsTheHostInLowercase() throws {
        #expect(try InferenceTarget(host: "EXAMPLE.com", workspaceID: "w", deploymentID: "d").host == "example.com")
    }

    /// The former names still name the same types, for one release.
    @available(*, deprecated, message: "checks the deprecated former names")
    @Test func formerNamesNameTheSameTypes() throws {
        let built: InferenceRequestBuilder = try InferenceTarget(host: "h.io", workspaceID: "w", deploymentID: "d")
        #expect(built.authority == "api.h.io")
        #expect(InferenceRequest.self == DeeployRequest.self)
        #expect(InferenceRequestError.self == DeeployRequestError.self)
    }
}

@Suite("InferenceEndpoint")
struct InferenceEndpointTests {
    @Test func pathsAndQueries() {
        #expect(InferenceEndpoint.predict.path == "predict")
        #expect(InferenceEndpoint.explain().path == "explain")
        #expect(InferenceEndpoint.completions.path == "completions")
        #expect(InferenceEndpoint.chatCompletions.path == "chat/completions")
        #expect(InferenceEndpoint.embeddings.path == "embeddings")
        #expect(InferenceEndpoint.explain().query == nil)
        #expect(InferenceEndpoint.explain(image: true).query == "image=true")
        #expect(InferenceEndpoint.explain(image: false).query == "image=false")
        #expect(InferenceEndpoint.predict.query == nil)
        #expect(InferenceEndpoint.explain(image: true).description == "explain?image=true")
    }

    @Test func namesRoundTrip() {
        for name in InferenceEndpoint.names {
            #expect(InferenceEndpoint(name: name)?.path == name)
        }
        #expect(InferenceEndpoint(name: "explain") == .explain(image: nil))
    }

    @Test func unknownNamesAreNil() {
        for name in ["Predict", "chatCompletions", "chat", "/predict", "", "predict?x"] {
            #expect(InferenceEndpoint(name: name) == nil, "\(name)")
        }
    }
}
