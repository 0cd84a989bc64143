import DeeployPayload
import HTTPTypes
import Testing

@Suite("DeeployRequest")
struct DeeployRequestTests {
    private let credentials = Result { try Credentials.personalKeyPair(accessKey: "AK", secretKey: "SK") }

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
        #expect(throws: DeeployRequestError.contentTypeNotAccepted(.applicationZip, accepted: .deeploy)) {
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
        #expect(throws: DeeployRequestError.controlCharacter(.organizationID, offset: 3, found: "\n")) {
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

    // MARK: The header-fields builder

    @Test func fieldsInOrder() throws {
        let fields = try HTTPFields.deeployRequest(
            credentials: .deploymentToken("t"), contentType: .imagePNG, organizationID: "org-1")
        #expect(fields.map(\.name.rawName) == ["Content-Type", "Authorization", "organization-id"])
        #expect(fields[.contentType] == "image/png")
        #expect(fields[.authorization] == "Bearer t")
    }

    @Test func fieldsRejectTypesDeeployDoesNotAccept() throws {
        let video = try MediaType.parse("video/mp4")
        #expect(throws: DeeployRequestError.self) {
            try HTTPFields.deeployRequest(credentials: .deploymentToken("t"), contentType: video)
        }
    }

    @Test func fieldsRejectAnInvalidOrganizationID() {
        #expect(throws: DeeployRequestError.self) {
            try HTTPFields.deeployRequest(credentials: .deploymentToken("t"), contentType: .applicationJSON, organizationID: "a/b")
        }
    }
}
