import DeeployPayload
import Foundation
import HTTPTypes
import StrictJSON
import Testing

@Suite("Verdict.reportObject")
struct VerdictReportTests {
    @Test func keysAreInTheDocumentedOrder() throws {
        let verdict = try Sniffer().verdict(.bytes(Array(#"{"a": 1}"#.utf8)), declared: "Application/JSON")
        let object = try #require(verdict.reportObject(path: "x.json").objectValue)
        #expect(object.keys == Verdict.reportKeys)
        #expect(object["declared"] == "application/json")
        #expect(object["effective"] == "application/json")
        #expect(object["size"]?.int64Value == 8)
    }

    @Test func rejectionCarriesCodesNotMessages() throws {
        let verdict = try Sniffer().verdict(.bytes(Samples.png), declared: "text/plain")
        let object = verdict.reportObject(path: "cat.png")
        #expect(object["accepted"] == false)
        #expect(object["effective"] == .null)
        #expect(object["reasons"] == .array(verdict.reasonCodes.map { .string($0.rawValue) }))
        #expect(verdict.reasonCodes == [.binaryAsText])
    }

    @Test func failureReportHasThreeKeys() {
        let object = Verdict.failureReportObject(path: "gone", error: "cannot open")
        #expect(object.objectValue?.keys == ["path", "accepted", "error"])
        #expect(object["accepted"] == false)
        #expect(object["error"] == "cannot open")
    }
}

@Suite("MediaType.normalizationReportObject")
struct MediaTypeReportTests {
    @Test func validInputIsNormalised() {
        let object = MediaType.normalizationReportObject(input: "Text/Plain; Charset=UTF-8")
        #expect(object.objectValue?.keys == ["input", "normalized"])
        #expect(object["normalized"] == "text/plain;charset=UTF-8")
    }

    @Test func invalidInputIsNull() {
        #expect(MediaType.normalizationReportObject(input: "text")["normalized"] == .null)
    }
}

@Suite("AuthorizationDiagnosis")
struct AuthorizationDiagnosisTests {
    @Test func validBasicShowsTheAccessKey() {
        let diagnosis = AuthorizationDiagnosis(authorization: "basic " + Data("AK:SK".utf8).base64EncodedString())
        #expect(diagnosis.scheme == "Basic")
        #expect(diagnosis.kind == .personalKeyPair)
        #expect(diagnosis.accessKey == "AK")
        #expect(diagnosis.isValid)
    }

    @Test func echoNewlineIsNamedAndTheAccessKeyStillShown() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Basic " + Data("AK:SK\n".utf8).base64EncodedString())
        #expect(diagnosis.problem == .encodedTrailingNewline)
        #expect(diagnosis.accessKey == "AK")
        #expect(!diagnosis.isValid)
    }

    @Test func unencodedBasicIsDiagnosedWithoutKeys() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Basic AK:SK")
        #expect(diagnosis.scheme == "Basic")
        #expect(diagnosis.accessKey == nil)
        #expect(diagnosis.problem == .invalidBase64(offset: 8, found: ":"))
    }

    @Test func bearerHasNoAccessKey() {
        let diagnosis = AuthorizationDiagnosis(authorization: "  Bearer tok  ")
        #expect(diagnosis.scheme == "Bearer")
        #expect(diagnosis.kind == .deploymentToken)
        #expect(diagnosis.accessKey == nil)
        #expect(diagnosis.isValid)
    }

    @Test func unknownSchemeHasNoKind() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Digest abc")
        #expect(diagnosis.scheme == nil)
        #expect(diagnosis.kind == nil)
        #expect(diagnosis.problem == .unknownScheme("Digest"))
    }

    @Test func reportNeverHoldsTheSecret() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Basic " + Data("AK:TOPSECRET\n".utf8).base64EncodedString())
        let text = diagnosis.reportObject().jsonString
        #expect(!text.contains("TOPSECRET"))
        #expect(diagnosis.reportObject().objectValue?.keys == ["scheme", "kind", "accessKey", "valid", "problem"])
    }
}

@Suite("HTTPFields.deeployRequest")
struct DeeployRequestFieldsTests {
    @Test func fieldsInOrder() throws {
        let fields = try HTTPFields.deeployRequest(
            credentials: .deploymentToken("t"), contentType: .imagePNG, organizationID: "org-1")
        #expect(fields.map(\.name.rawName) == ["Content-Type", "Authorization", "organization-id"])
        #expect(fields[.contentType] == "image/png")
        #expect(fields[.authorization] == "Bearer t")
    }

    @Test func rejectsTypesDeeployDoesNotAccept() throws {
        let video = try MediaType.parse("video/mp4")
        #expect(throws: InferenceRequestError.self) {
            try HTTPFields.deeployRequest(credentials: .deploymentToken("t"), contentType: video)
        }
    }

    @Test func rejectsAnInvalidOrganizationID() {
        #expect(throws: InferenceRequestError.self) {
            try HTTPFields.deeployRequest(credentials: .deploymentToken("t"), contentType: .applicationJSON, organizationID: "a/b")
        }
    }
}

@Suite("Sniffer.sendingVerdict")
struct SendingVerdictTests {
    @Test func withoutDeclaredTypeTheRecommendedTypeIsUsed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let sniffer = try Sniffer()
        #expect(try sniffer.sendingVerdict(.file(path: path), declared: nil).effectiveContentType == .imagePNG)
        // What no Content-Type means on the wire: JSON, which a PNG is not.
        #expect(try sniffer.verdict(.file(path: path), declared: nil).isAccepted == false)
    }

    @Test func declaredTypeIsChecked() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let verdict = try Sniffer().sendingVerdict(.file(path: path), declared: "text/plain")
        #expect(!verdict.isAccepted)
    }
}

@Suite("ResponseDecoder.reportObject")
struct ResponseReportTests {
    @Test func jsonBody() throws {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let object = try ResponseDecoder().reportObject(status: 200, fields: fields, body: Array(#"{"predictions":[1]}"#.utf8))
        #expect(object.objectValue?.keys == ["kind", "mediaType", "size", "value"])
        #expect(object["value"]?["predictions"]?[0]?.int64Value == 1)
    }

    @Test func binaryBody() throws {
        var fields = HTTPFields()
        fields[.contentType] = "image/png"
        let object = try ResponseDecoder().reportObject(status: 200, fields: fields, body: Samples.png)
        #expect(object.objectValue?.keys == ["kind", "mediaType", "size", "sha256"])
        #expect(object["size"]?.int64Value == Int64(Samples.png.count))
    }

    @Test func errorStatusThrows() {
        #expect(throws: ResponseError.self) {
            try ResponseDecoder().reportObject(status: 503, fields: HTTPFields(), body: [])
        }
    }
}
