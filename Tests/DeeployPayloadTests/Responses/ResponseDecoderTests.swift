import DeeployPayload
import HTTPTypes
import StrictJSON
import Testing

private func fields(_ contentType: String?) -> HTTPFields {
    var fields = HTTPFields()
    if let contentType { fields[.contentType] = contentType }
    return fields
}

private func decode(
    _ body: [UInt8], contentType: String?, status: Int = 200, decoder: ResponseDecoder = ResponseDecoder()
) throws(ResponseError) -> DecodedBody {
    try decoder.decode(status: status, fields: fields(contentType), body: body)
}

private func decode(_ body: String, contentType: String?, status: Int = 200, decoder: ResponseDecoder = ResponseDecoder()) throws(ResponseError) -> DecodedBody {
    try decode(Array(body.utf8), contentType: contentType, status: status, decoder: decoder)
}

/// The message of the `httpStatus` error that decoding throws, or a recorded issue.
private func serverMessage(_ body: [UInt8], contentType: String?, status: Int, limit: Int = 512) -> String?? {
    let error = #expect(throws: ResponseError.self) {
        try decode(body, contentType: contentType, status: status, decoder: ResponseDecoder(maxErrorMessageLength: limit))
    }
    guard case .httpStatus(let got, let message)? = error else {
        Issue.record("expected httpStatus, got \(String(describing: error))")
        return .none
    }
    #expect(got == status)
    return .some(message)
}

private func serverMessage(_ body: String, contentType: String?, status: Int = 500, limit: Int = 512) -> String?? {
    serverMessage(Array(body.utf8), contentType: contentType, status: status, limit: limit)
}

@Suite struct ResponseDecoderTests {
    @Test func jsonBody() throws {
        let body = try decode(#"{"predictions": [1, 0]}"#, contentType: "application/json")
        #expect(body == .json(["predictions": [1, 0]]))
        #expect(body.json?["predictions"]?[0] == 1)
        #expect(body.binary == nil)
    }

    @Test func jsonSuffixAndCharsetAreJSON() throws {
        #expect(try decode("[1]", contentType: "application/vnd.api+json; charset=utf-8") == .json([1]))
        #expect(try decode("[1]", contentType: "Text/JSON") == .json([1]))
    }

    @Test func binaryBody() throws {
        let bytes: [UInt8] = [0, 1, 2, 0xFF]
        let body = try decode(bytes, contentType: "application/octet-stream")
        #expect(body.binary?.bytes == bytes)
        #expect(body.binary?.mediaType == .applicationOctetStream)
        #expect(body.binary?.size == 4)
        #expect(body.binary?.text == nil)
        #expect(body.json == nil)
    }

    @Test func binarySHA256() throws {
        #expect(try decode("abc", contentType: "image/png").binary?.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try decode([], contentType: "image/png").binary?.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func jsonLookingBodyWithAnotherTypeIsBinary() throws {
        let body = try decode(#"{"a": 1}"#, contentType: "text/plain")
        #expect(body.binary?.text == #"{"a": 1}"#)
    }

    @Test func invalidJSONCarriesItsPosition() {
        let error = #expect(throws: ResponseError.self) { try decode("{\"predictions\": [1,\n 2,]}", contentType: "application/json") }
        guard case .invalidJSON(let json)? = error else {
            Issue.record("expected invalidJSON, got \(String(describing: error))")
            return
        }
        #expect(json.line == 2)
        #expect(json.column == 4)
        #expect(json.offset == 23)
        #expect(error?.description.hasPrefix("the response says it is JSON but is not: invalid JSON at line 2, column 4 (byte 23)") == true)
    }

    @Test func emptyJSONBodyIsInvalidJSON() {
        #expect(throws: ResponseError.self) { try decode("", contentType: "application/json") }
    }

    @Test func optionsApply() {
        let decoder = ResponseDecoder(options: .strict)
        let error = #expect(throws: ResponseError.self) { try decode(#"{"a": 1, "a": 2}"#, contentType: "application/json", decoder: decoder) }
        if case .invalidJSON(let json)? = error { #expect(json.kind == .duplicateKey) } else { Issue.record("expected invalidJSON") }
    }

    @Test func missingContentTypeWithoutSnifferIsOctetStream() throws {
        let body = try decode(#"{"predictions": [1]}"#, contentType: nil)
        #expect(body.binary?.mediaType == .applicationOctetStream)
    }

    @Test func missingContentTypeIsSniffed() throws {
        let decoder = ResponseDecoder(sniffer: try Sniffer())
        #expect(try decode(#"{"predictions": [1]}"#, contentType: nil, decoder: decoder) == .json(["predictions": [1]]))
        let png = try decode(Payloads.png(), contentType: nil, decoder: decoder)
        #expect(png.binary?.mediaType == .imagePNG)
        let text = try decode("hello there\n", contentType: nil, decoder: decoder)
        #expect(text.binary?.mediaType.essence == "text/plain")
        #expect(text.binary?.text == "hello there\n")
    }

    @Test func invalidContentTypeIsAnError() {
        let error = #expect(throws: ResponseError.self) { try decode("x", contentType: "not a type") }
        guard case .invalidContentType? = error else {
            Issue.record("expected invalidContentType, got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("the response's Content-Type cannot be read: Content-Type field 1 is not a media type") == true)
    }

    @Test func typedDecoding() throws {
        let response = try ResponseDecoder().decode(
            V1PredictResponse.self, status: 200, fields: fields("application/json"), body: Array(#"{"predictions": [0.5], "requestLogId": "r"}"#.utf8))
        #expect(response.predictions == [0.5])
        #expect(response.requestLogId == "r")
        let status = try ResponseDecoder().decode(
            V1PredictResponse.self, status: HTTPResponse.Status.ok, fields: fields("application/json"), body: Array(#"{"predictions": []}"#.utf8))
        #expect(status.predictions.isEmpty)
    }

    @Test func typedDecodingOfTheWrongShape() {
        let error = #expect(throws: ResponseError.self) {
            try ResponseDecoder().decode(V1PredictResponse.self, status: 200, fields: fields("application/json"), body: Array(#"{"predictions": 3}"#.utf8))
        }
        guard case .shapeMismatch(let type, let message)? = error else {
            Issue.record("expected shapeMismatch, got \(String(describing: error))")
            return
        }
        #expect(type == "V1PredictResponse")
        #expect(message.contains("predictions"))
        #expect(error?.description.hasPrefix("the response is JSON but not a V1PredictResponse: ") == true)
    }

    /// Issue 21, defect 14: the article agrees with the type's name, and a message that ends in a
    /// period is not given a second one.
    @Test func messagesReadAsSentences() {
        #expect(ResponseError.shapeMismatch(type: "InferenceOutput", message: "x").description.hasPrefix("the response is JSON but not an InferenceOutput: "))
        #expect(ResponseError.shapeMismatch(type: "V1PredictResponse", message: "x").description.hasPrefix("the response is JSON but not a V1PredictResponse: "))
        let status = ResponseError.httpStatus(status: 401, message: "Bad token.").description
        #expect(status.hasPrefix("the server answered 401 Unauthorized: Bad token. Check"))
        #expect(!status.contains(".."))
    }

    @Test func typedDecodingOfABinaryBody() {
        #expect(throws: ResponseError.notJSON(mediaType: .imagePNG)) {
            try ResponseDecoder().decode(V1PredictResponse.self, status: 200, fields: fields("image/png"), body: [1, 2])
        }
        #expect(ResponseError.notJSON(mediaType: .imagePNG).description.hasPrefix("the response is image/png, not JSON"))
    }

    @Test func successStatusesOtherThan200Decode() throws {
        #expect(try decode("[1]", contentType: "application/json", status: 201) == .json([1]))
        #expect(try decode("[1]", contentType: "application/json", status: HTTPResponse.Status.ok.code) == .json([1]))
    }
}

@Suite struct ResponseDecoderErrorStatusTests {
    @Test func errorMember() {
        #expect(serverMessage(#"{"error": "model crashed: CUDA out of memory"}"#, contentType: "application/json") == "model crashed: CUDA out of memory")
    }

    @Test func messageMember() {
        #expect(serverMessage(#"{"message": "Unauthorized", "code": 401}"#, contentType: "application/json", status: 401) == "Unauthorized")
    }

    @Test func detailMember() {
        #expect(serverMessage(#"{"detail": "Not Found"}"#, contentType: "application/json", status: 404) == "Not Found")
        #expect(serverMessage(#"{"detail": [{"loc": ["body"], "msg": "field required"}]}"#, contentType: "application/json", status: 422)
            == #"[{"loc":["body"],"msg":"field required"}]"#)
    }

    @Test func errorIsPreferredToMessageAndDetail() {
        #expect(serverMessage(#"{"detail": "d", "message": "m", "error": "e"}"#, contentType: "application/json") == "e")
        #expect(serverMessage(#"{"error": null, "message": "m"}"#, contentType: "application/json") == "m")
    }

    @Test func nestedErrorObject() {
        #expect(serverMessage(#"{"error": {"message": "rate limited", "type": "x"}}"#, contentType: "application/json", status: 429) == "rate limited")
        #expect(serverMessage(#"{"error": {"code": 7}}"#, contentType: "application/json") == #"{"code":7}"#)
    }

    @Test func textBody() {
        #expect(serverMessage("deployment not found\n", contentType: "text/plain", status: 404) == "deployment not found")
        #expect(serverMessage("caf\u{E9}", contentType: "text/plain; charset=utf-8", status: 400) == "café")
        #expect(serverMessage([0x63, 0x61, 0x66, 0xE9], contentType: "text/plain; charset=iso-8859-1", status: 400) == "café")
    }

    @Test func jsonWithoutMessageMembersIsShownAsText() {
        #expect(serverMessage(#"{"status": "down"}"#, contentType: "application/json", status: 503) == #"{"status": "down"}"#)
    }

    @Test func missingContentTypeTextOrJSON() {
        #expect(serverMessage(#"{"error": "boom"}"#, contentType: nil) == "boom")
        #expect(serverMessage("upstream connect error", contentType: nil, status: 503) == "upstream connect error")
        #expect(serverMessage([0x89, 0x50, 0x4E, 0x47, 0, 0, 1], contentType: nil, status: 502) == .some(nil))
    }

    @Test func binaryOrEmptyBodiesHaveNoMessage() {
        #expect(serverMessage([0, 1, 2], contentType: "application/octet-stream", status: 500) == .some(nil))
        #expect(serverMessage([], contentType: "text/plain", status: 500) == .some(nil))
        #expect(serverMessage("   \n", contentType: "text/plain", status: 500) == .some(nil))
    }

    @Test func messagesAreCutOnACharacterBoundaryWithAnEllipsis() {
        let long = String(repeating: "é", count: 20) + String(repeating: "x", count: 20)
        #expect(serverMessage(#"{"error": "\#(long)"}"#, contentType: "application/json", limit: 10) == String(repeating: "é", count: 9) + "…")
        #expect(serverMessage(long, contentType: "text/plain", limit: 25) == String(repeating: "é", count: 20) + "xxxx…")
        let flags = String(repeating: "🇳🇱", count: 10)
        #expect(serverMessage(flags, contentType: "text/plain", limit: 4) == "🇳🇱🇳🇱🇳🇱…")
        #expect(serverMessage("short", contentType: "text/plain", limit: 5) == "short")
        #expect(serverMessage("short!", contentType: "text/plain", limit: 5) == "shor…")
    }

    @Test func hugeTextBodiesAreReadOnlyAsFarAsNeeded() {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 5_000_000)
        #expect(serverMessage(body, contentType: "text/plain", status: 500, limit: 100) == String(repeating: "a", count: 99) + "…")
    }

    @Test func controlCharactersBecomeSpaces() {
        #expect(serverMessage("bad\u{1B}[31m input\r\nline", contentType: "text/plain", status: 400) == "bad [31m input  line")
    }

    @Test func errorStatusWinsOverAnInvalidContentType() {
        #expect(serverMessage("oops", contentType: "not a type", status: 500) == "oops")
        #expect(serverMessage([0, 1, 2], contentType: "not a type", status: 500) == .some(nil))
    }

    @Test func statusBoundaries() throws {
        #expect(try decode("[1]", contentType: "application/json", status: 399) == .json([1]))
        #expect(serverMessage("x", contentType: "text/plain", status: 400) == "x")
        #expect(serverMessage("x", contentType: "text/plain", status: 599) == "x")
    }

    @Test func descriptionsAreActionable() {
        #expect(ResponseError.httpStatus(status: 500, message: "model crashed").description
            == "the server answered 500 Internal Server Error: model crashed. The failure is on the server side; retry later or check the deployment's logs in Deeploy.")
        #expect(ResponseError.httpStatus(status: 401, message: nil).description
            == "the server answered 401 Unauthorized (the body carried no message). Check the Authorization header: a deployment token (Bearer) or a personal key pair (Basic).")
        #expect(ResponseError.httpStatus(status: 404, message: "x").description.contains("workspace and deployment IDs"))
        #expect(ResponseError.httpStatus(status: 415, message: "x").description.contains("application/json"))
        #expect(ResponseError.httpStatus(status: 418, message: "x").description.hasPrefix("the server answered 418: x."))
    }
}

@Suite struct BinaryBodyTests {
    private func text(_ bytes: [UInt8], _ type: String) -> String? {
        guard let mediaType = MediaType(type) else { return "invalid type" }
        return BinaryBody(bytes: bytes, mediaType: mediaType).text
    }

    @Test func utf8() {
        #expect(text(Array("héllo".utf8), "text/plain") == "héllo")
        #expect(text(Array("héllo".utf8), "text/plain; charset=UTF-8") == "héllo")
        #expect(text([0x68, 0xC3], "text/plain; charset=utf-8") == nil)
        #expect(text([0xEF, 0xBB, 0xBF, 0x68, 0x69], "text/plain") == "hi")
    }

    @Test func ascii() {
        #expect(text(Array("hi".utf8), "text/csv; charset=us-ascii") == "hi")
        #expect(text(Array("hé".utf8), "text/csv; charset=us-ascii") == nil)
    }

    @Test func utf16WithByteOrderMark() {
        #expect(text([0xFF, 0xFE, 0x68, 0x00, 0xE9, 0x00], "text/plain; charset=utf-16") == "hé")
        #expect(text([0xFE, 0xFF, 0x00, 0x68, 0x00, 0xE9], "text/plain") == "hé")
        #expect(text([0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE], "text/plain") == "😀")
        #expect(text([0xFF, 0xFE, 0x3D, 0xD8], "text/plain") == nil)  // unpaired surrogate
        #expect(text([0xFF, 0xFE, 0x68], "text/plain") == nil)  // odd length
        #expect(text([0x00, 0x68], "text/plain; charset=utf-16be") == "h")
    }

    @Test func latin1() {
        #expect(text([0x63, 0x61, 0x66, 0xE9], "text/plain; charset=ISO-8859-1") == "café")
        #expect(text([0xFF], "text/plain; charset=latin1") == "ÿ")
    }

    @Test func uncheckableCharsetOrNonTextType() {
        #expect(text(Array("hi".utf8), "text/plain; charset=shift_jis") == nil)
        #expect(text(Array("hi".utf8), "application/octet-stream") == nil)
    }

    @Test func sizeAndDigest() {
        let body = BinaryBody(bytes: Array("abc".utf8), mediaType: .textPlain)
        #expect(body.size == 3)
        #expect(body.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
