import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import HTTPTypes
import Logging
import NIOCore
import Testing

/// GatewayAcceptance as a value (its copies are independent, though they share storage), when
/// it keeps the request's fields, and how the gateway reads the fields that describe a body.
@Suite struct KitAcceptanceTests {
    let logger = Logger(label: "kit-acceptance-tests")
    let json = Array(#"{"instances": [[1, 2, 3]]}"#.utf8)

    func accept(_ fields: HTTPFields, _ body: [UInt8]) async throws -> GatewayAcceptance {
        try #require(try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks([body]), logger: logger).acceptance)
    }

    @Test func aCopyChangesAloneWhatWasSetOnIt() async throws {
        let original = try await accept(KitFixtures.fields("application/json", [.authorization: "Bearer a.b"]), json)
        var copy = original
        copy.partName = "file"
        copy.body = ByteBuffer(string: "[]")
        copy.forwardedFields = [.contentType: "text/plain"]
        copy.contentType = .textPlain
        #expect(original.partName == nil && original.bytes == json)
        #expect(original.contentType == .applicationJSON)
        #expect(original.forwardedFields[.authorization] == "Bearer a.b")
        #expect(original.forwardedFields[.contentType] == "application/json")
        #expect(copy.partName == "file" && copy.bytes == Array("[]".utf8))
        #expect(copy.forwardedFields == [.contentType: "text/plain"])
        #expect(copy.contentType == .textPlain)
    }

    @Test func theForwardedFieldsFollowTheContentTypeUntilSet() async throws {
        var acceptance = try await accept(KitFixtures.fields("application/json", [.userAgent: "t"]), json)
        acceptance.contentType = MediaType("application/json; charset=utf-8")!
        #expect(acceptance.forwardedFields[.contentType] == acceptance.contentType.description)
        #expect(acceptance.forwardedFields[.contentType]?.contains("charset=utf-8") == true)
        #expect(acceptance.forwardedFields[.userAgent] == "t")
    }

    @Test func theRequestsFieldsAreKeptOnlyWhenForwardingChangesNone() async throws {
        let length = "\(json.count)"
        let kept = try await accept(KitFixtures.fields("application/json", [.contentLength: length]), json)
        #expect(kept.keepsRequestFields)
        var set = kept
        set.forwardedFields = kept.forwardedFields
        #expect(!set.keepsRequestFields)

        let rewritten = try await accept(KitFixtures.fields("Application/JSON", [.contentLength: length]), json)
        #expect(!rewritten.keepsRequestFields)
        let noLength = try await accept(KitFixtures.fields("application/json"), json)
        #expect(!noLength.keepsRequestFields)
        let noType = try await accept(KitFixtures.fields(nil, [.contentLength: length]), json)
        #expect(!noType.keepsRequestFields)
        let gzip = Deflater.compress(json, as: .gzip)
        let decoded = try await accept(KitFixtures.fields("application/json", [.contentEncoding: "gzip", .contentLength: "\(json.count)"]), gzip)
        #expect(!decoded.keepsRequestFields)
    }

    /// The gateway finds whether the fields are kept in its one pass over them; an acceptance
    /// made from the same fields by its public initialiser works it out from them, and the two
    /// agree. Setting the body or the Content-Type forgets the gateway's answer.
    @Test func theGatewaysAnswerOnKeptFieldsIsTheOneWorkedOutFromTheFields() async throws {
        let length = "\(json.count)"
        let cases: [HTTPFields] = [
            KitFixtures.fields("application/json", [.contentLength: length]),
            KitFixtures.fields("application/json", [.contentLength: length, .transferEncoding: "chunked"]),
            KitFixtures.fields("application/json", [.contentLength: "\(json.count + 1)"]),
            KitFixtures.fields("application/json; charset=utf-8", [.contentLength: length]),
            KitFixtures.fields("application/json", [.contentLength: length, .userAgent: "t", .authorization: "Bearer a.b"]),
            KitFixtures.fields("text/plain", [.contentLength: length]),
        ]
        var kept = 0
        for fields in cases {
            let judged = try await accept(fields, json)
            let worked = GatewayAcceptance(body: judged.body, contentType: judged.contentType, verdict: judged.verdict, requestFields: fields)
            #expect(judged.keepsRequestFields == worked.keepsRequestFields, "\(fields)")
            if judged.keepsRequestFields { kept += 1 }
        }
        #expect(kept == 3)

        var acceptance = try await accept(KitFixtures.fields("application/json", [.contentLength: length]), json)
        #expect(acceptance.keepsRequestFields)
        acceptance.body = ByteBuffer(string: "[]")
        #expect(!acceptance.keepsRequestFields)
        acceptance.body = ByteBuffer(bytes: json)
        #expect(acceptance.keepsRequestFields)
        acceptance.contentType = .textPlain
        #expect(!acceptance.keepsRequestFields)
    }

    @Test func aGatewaysCopyChangesAloneWhatWasSetOnIt() {
        let original = KitFixtures.gateway()
        var copy = original
        copy.checksAuthorization = true
        copy.problemTypeBase = "https://example.com/problems/"
        copy.multipart.maximumPartCount = 3
        copy.gate.policy.maximumSize = 10
        #expect(!original.checksAuthorization && original.problemTypeBase == nil)
        #expect(original.multipart.maximumPartCount == MultipartRules().maximumPartCount)
        #expect(original.gate.policy.maximumSize != 10)
        #expect(copy.checksAuthorization && copy.problemTypeBase == "https://example.com/problems/")
        #expect(copy.multipart.maximumPartCount == 3 && copy.gate.policy.maximumSize == 10)
    }

    @Test func aRepeatedContentTypeIsNoMediaTypeAndRefused400() async throws {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .contentType, value: "application/json"))
        fields.append(HTTPField(name: .contentType, value: "image/png"))
        let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks([json]), logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .badRequest)
        #expect(refusal.codes == ["invalid-declared-type"])
    }

    @Test func aRepeatedContentLengthIsNotTakenAsTheBodysLength() async throws {
        var fields = KitFixtures.fields("application/json")
        fields.append(HTTPField(name: .contentLength, value: "5000000"))
        fields.append(HTTPField(name: .contentLength, value: "5000000"))
        // One such length past the maximum refuses the body before it is read; two are no length.
        let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks([json]), logger: logger)
        #expect(outcome.acceptance != nil)
    }
}
