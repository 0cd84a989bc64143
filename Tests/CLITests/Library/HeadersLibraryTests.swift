import DeeployPayload
import Foundation
import HTTPTypes
import Testing

// The library entry points that `headers` is built on: diagnosing a pasted Authorization value
// (--check-authorization), building the header fields, and the verdict --for-file sends by.

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
