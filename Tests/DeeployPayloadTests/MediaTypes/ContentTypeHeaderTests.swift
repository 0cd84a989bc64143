import DeeployPayload
import HTTPTypes
import Testing

@Suite("ContentTypeHeader")
struct ContentTypeHeaderTests {
    private func error(normalizing values: [String]) -> HeaderError? {
        do {
            _ = try ContentTypeHeader.normalize(values)
            return nil
        } catch {
            return error
        }
    }

    @Test func noValueMeansJSON() throws {
        #expect(try ContentTypeHeader.normalize([]) == .applicationJSON)
        #expect(try HTTPFields().deeployContentType() == .applicationJSON)
    }

    /// The default for a missing header has one home, Deeploy's acceptance policy; a caller may
    /// give another.
    @Test func noValueMeansThePolicysDefault() throws {
        #expect(try ContentTypeHeader.normalize([]) == AcceptancePolicy.deeploy.defaultContentType)
        #expect(try ContentTypeHeader.normalize([], absent: .applicationOctetStream) == .applicationOctetStream)
        #expect(try HTTPFields().deeployContentType(absent: .textPlain) == .textPlain)
        #expect(try ContentTypeHeader.normalize(["image/png"], absent: .textPlain) == .imagePNG)
    }

    @Test func oneValueIsParsedAndReserialised() throws {
        #expect(try ContentTypeHeader.normalize([#"Application/JSON; Charset="UTF-8""#]).description
            == "application/json;charset=UTF-8")
        #expect(try ContentTypeHeader.normalize(["image/*"]).description == "image/*")
    }

    @Test func identicalValuesAfterNormalisationAreOne() throws {
        let values = ["text/plain; charset=utf-8", #"TEXT/PLAIN;charset="utf-8""#]
        #expect(try ContentTypeHeader.normalize(values).description == "text/plain;charset=utf-8")
    }

    @Test func disagreeingValuesConflict() {
        let values = ["application/json", "image/png"]
        #expect(error(normalizing: values) == .conflictingContentTypes(values))
        let differentCharset = ["text/plain;charset=utf-8", "text/plain;charset=UTF-8"]
        #expect(error(normalizing: differentCharset) == .conflictingContentTypes(differentCharset))
        let message = HeaderError.conflictingContentTypes(values).description
        #expect(message.contains(#"2 Content-Type fields that disagree ("application/json", "image/png")"#))
        #expect(message.contains("Send exactly one Content-Type field"))
    }

    @Test func crLfAndNulAreErrorsNeverLegalised() {
        #expect(error(normalizing: ["application/json\r\nX-Evil: 1"])
            == .forbiddenCharacter(header: "Content-Type", fieldIndex: 0, offset: 16, byte: 0x0D))
        #expect(error(normalizing: ["text/plain", "text/plain\n"])
            == .forbiddenCharacter(header: "Content-Type", fieldIndex: 1, offset: 10, byte: 0x0A))
        #expect(error(normalizing: ["image/png\u{0}"])
            == .forbiddenCharacter(header: "Content-Type", fieldIndex: 0, offset: 9, byte: 0x00))
        // Even where the WHATWG parser alone would accept them as whitespace.
        #expect(MediaType("text/plain\r\n") != nil)
        #expect(error(normalizing: ["text/plain\r\n"]) != nil)
        let message = HeaderError.forbiddenCharacter(header: "Content-Type", fieldIndex: 0, offset: 16, byte: 0x0D)
            .description
        #expect(message.contains("Content-Type field 1 contains CR (U+000D) at byte 16"))
        #expect(message.contains("RFC 9110"))
    }

    @Test func invalidValueNamesHeaderFieldAndReason() {
        let expected = HeaderError.invalidMediaType(
            header: "Content-Type", fieldIndex: 1, value: "json", reason: .missingSlash(at: 4)
        )
        #expect(error(normalizing: ["application/json", "json"]) == expected)
        let message = expected.description
        #expect(message.contains(#"Content-Type field 2 is not a media type: "json"."#))
        #expect(message.contains("no '/'"))
        #expect(error(normalizing: [""]) == .invalidMediaType(
            header: "Content-Type", fieldIndex: 0, value: "", reason: .empty))
    }

    @Test func messagesEscapeControlCharacters() {
        let message = HeaderError.invalidMediaType(
            header: "Content-Type", fieldIndex: 0, value: "a\u{1}b", reason: .missingSlash(at: 3)
        ).description
        #expect(message.contains(#""a\u{1}b""#))
        #expect(!message.contains("\u{1}"))
    }

    @Test func httpFieldsAreReadInOrder() throws {
        var fields = HTTPFields()
        fields[.contentType] = "Image/PNG"
        #expect(try fields.deeployContentType() == .imagePNG)
        fields.append(HTTPField(name: .contentType, value: "image/gif"))
        #expect(throws: HeaderError.conflictingContentTypes(["Image/PNG", "image/gif"])) {
            try fields.deeployContentType()
        }
    }
}
