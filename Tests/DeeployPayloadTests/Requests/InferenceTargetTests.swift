import DeeployPayload
import HTTPTypes
import Testing

@Suite("InferenceTarget")
struct InferenceTargetTests {
    private let credentials = Result { try Credentials.personalKeyPair(accessKey: "AK", secretKey: "SK") }

    private func target(host: String = "example.deeploy.ml", workspace: String = "ws-1", deployment: String = "dep-1")
        -> InferenceRequestError?
    {
        do {
            _ = try InferenceTarget(host: host, workspaceID: workspace, deploymentID: deployment)
            return nil
        } catch {
            return error
        }
    }

    @Test func buildsThePredictRequest() throws {
        let target = try InferenceTarget(
            host: "Example.Deeploy.ML", workspaceID: "3fa85f64-5717-4562-b3fc-2c963f66afa6", deploymentID: "dep_1.v2~x"
        )
        let built = try target.makeRequest(
            endpoint: .predict, credentials: try credentials.get(), contentType: .applicationJSON
        )
        #expect(built.request.method == .post)
        #expect(built.request.scheme == "https")
        #expect(built.request.authority == "api.example.deeploy.ml")
        #expect(built.request.path == "/workspaces/3fa85f64-5717-4562-b3fc-2c963f66afa6/deployments/dep_1.v2~x/predict")
        #expect(built.url
            == "https://api.example.deeploy.ml/workspaces/3fa85f64-5717-4562-b3fc-2c963f66afa6/deployments/dep_1.v2~x/predict")
        #expect(built.headerFields[.contentType] == "application/json")
        #expect(built.headerFields[.authorization] == "Basic QUs6U0s=")
        #expect(built.headerFields.count == 2)
        #expect(built.endpoint == .predict)
        #expect(built.contentType == .applicationJSON)
    }

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

    @Test func sendsTheNormalisedContentTypeAndOrganization() throws {
        let target = try InferenceTarget(host: "h.io:8443", workspaceID: "w", deploymentID: "d")
        let type = try #require(MediaType(#"Image/PNG; X="a b""#))
        let built = try target.makeRequest(
            endpoint: .predict, credentials: try credentials.get(), contentType: type, organizationID: "org-7"
        )
        #expect(built.request.authority == "api.h.io:8443")
        #expect(built.headerFields[.contentType] == #"image/png;x="a b""#)
        #expect(built.headerFields[HTTPField.Name("organization-id")!] == "org-7")
        #expect(built.headerFields.map(\.name.canonicalName) == ["content-type", "authorization", "organization-id"])
    }

    @Test func rejectsContentTypesDeeployDoesNotAccept() throws {
        let target = try InferenceTarget(host: "h.io", workspaceID: "w", deploymentID: "d")
        #expect(throws: InferenceRequestError.contentTypeNotAccepted(.applicationZip, accepted: .deeploy)) {
            try target.makeRequest(endpoint: .predict, credentials: try credentials.get(), contentType: .applicationZip)
        }
        let custom = AcceptedMediaTypes([.any])
        #expect(throws: Never.self) {
            try target.makeRequest(
                endpoint: .predict, credentials: try credentials.get(), contentType: .applicationZip, accepted: custom
            )
        }
    }

    @Test func rejectsBadOrganizationID() throws {
        let target = try InferenceTarget(host: "h.io", workspaceID: "w", deploymentID: "d")
        #expect(throws: InferenceRequestError.controlCharacter(.organizationID, offset: 3, found: "\n")) {
            try target.makeRequest(
                endpoint: .predict, credentials: try credentials.get(), contentType: .applicationJSON,
                organizationID: "org\nX-Evil: 1"
            )
        }
    }

    @Test func renderingsRedactTheAuthorization() throws {
        let target = try InferenceTarget(host: "h.io", workspaceID: "w", deploymentID: "d")
        let built = try target.makeRequest(endpoint: .predict, credentials: try credentials.get(), contentType: .textPlain)
        var dumped = ""
        dump(built, to: &dumped)
        for rendering in [built.description, built.debugDescription, "\(built)", dumped] {
            #expect(!rendering.contains("QUs6U0s="), "\(rendering)")
        }
        #expect(built.description
            == "POST https://api.h.io/workspaces/w/deployments/d/predict [Content-Type: text/plain, Authorization: Basic (redacted)]")
    }

    @Test func acceptsValidHosts() {
        for host in ["deeploy.ml", "a.b.c.d", "x-1.example.com", "localhost", "h.io:1", "h.io:65535", "192.168.0.1"] {
            #expect(target(host: host) == nil, "\(host)")
        }
    }

    @Test func keepsTheHostInLowercase() throws {
        #expect(try InferenceTarget(host: "EXAMPLE.com", workspaceID: "w", deploymentID: "d").host == "example.com")
    }

    @Test func typealiasNamesTheSameBuilder() throws {
        let built: InferenceRequestBuilder = try InferenceTarget(host: "h.io", workspaceID: "w", deploymentID: "d")
        #expect(built.authority == "api.h.io")
    }
}
