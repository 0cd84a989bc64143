import DeeployPayload
import Foundation
import Testing

@Suite("MediaType")
struct MediaTypeTests {
    @Test func parsesMixedCaseWithQuotedCharset() throws {
        let type = try #require(MediaType(#"Application/JSON; Charset="UTF-8""#))
        #expect(type.type == "application")
        #expect(type.subtype == "json")
        #expect(type.charset == "UTF-8")
        #expect(type.description == "application/json;charset=UTF-8")
    }

    @Test func firstDuplicateParameterWins() throws {
        let type = try #require(MediaType("text/plain;charset=utf-8;charset=latin1"))
        #expect(type.charset == "utf-8")
        #expect(type.parameters.count == 1)
        #expect(type.description == "text/plain;charset=utf-8")
    }

    @Test func duplicateNamesCompareIgnoringCase() {
        #expect(MediaType("text/plain;CHARSET=a;charset=b")?.charset == "a")
    }

    @Test func wildcardSubtypeParsesAsADeclaredType() throws {
        let type = try #require(MediaType("image/*"))
        #expect(type.type == "image")
        #expect(type.subtype == "*")
        #expect(type.isWildcard)
        #expect(type.isImage)
        #expect(!MediaType.imagePNG.isWildcard)
    }

    @Test func garbageIsNil() {
        for garbage in ["", "garbage", "{}", "application json", "/", "text/", "é/é", "null", "\"text/plain\""] {
            #expect(MediaType(garbage) == nil, "\(garbage)")
        }
    }

    @Test func quotedStringEscapesAreRemoved() {
        #expect(MediaType(#"text/plain;a="x\"y""#)?.parameters["a"] == #"x"y"#)
        #expect(MediaType(#"text/plain;a="x\\y""#)?.parameters["a"] == #"x\y"#)
        #expect(MediaType(#"text/plain;a="\a\b""#)?.parameters["a"] == "ab")
    }

    @Test func serialisationQuotesOnlyWhenNeeded() {
        #expect(MediaType(#"text/plain;a="token""#)?.description == "text/plain;a=token")
        #expect(MediaType(#"text/plain;a="two words""#)?.description == #"text/plain;a="two words""#)
        #expect(MediaType(#"text/plain;a="""#)?.description == #"text/plain;a="""#)
        #expect(MediaType(#"text/plain;a="x\"y\\z""#)?.description == #"text/plain;a="x\"y\\z""#)
        #expect(MediaType("text/plain;a=b/c")?.description == #"text/plain;a="b/c""#)
    }

    @Test func invalidParametersAreDropped() {
        #expect(MediaType("text/plain;noequals;a=1")?.description == "text/plain;a=1")
        #expect(MediaType("text/plain;a=;b=2")?.description == "text/plain;b=2")
        #expect(MediaType("text/plain;=x;c=3")?.description == "text/plain;c=3")
        #expect(MediaType("text/plain;a b=1;d=4")?.description == "text/plain;d=4")
        #expect(MediaType("text/plain;a=\u{100};e=5")?.description == "text/plain;e=5")
        #expect(MediaType("text/plain;a=x\u{0}y;f=6")?.description == "text/plain;f=6")
    }

    @Test func httpWhitespaceIsTrimmedButFormFeedIsNot() {
        #expect(MediaType(" \t\r\ntext/plain \t\r\n")?.description == "text/plain")
        #expect(MediaType("text/plain ; charset=x")?.description == "text/plain;charset=x")
        #expect(MediaType("text/plain;\r\n charset=x")?.description == "text/plain;charset=x")
        #expect(MediaType("text/plain;charset=x \t")?.description == "text/plain;charset=x")
        #expect(MediaType("\u{0C}text/plain") == nil)
        #expect(MediaType("text/plain;\u{0C}charset=x")?.description == "text/plain")
        #expect(MediaType("text/plain;charset =x")?.description == "text/plain")
        #expect(MediaType("text/plain;charset= x")?.description == #"text/plain;charset=" x""#)
    }

    @Test func parametersKeepTheirOrder() {
        let type = MediaType("multipart/form-data; z=1; boundary=abc; a=2")
        #expect(type?.parameters.names == ["z", "boundary", "a"])
        #expect(type?.description == "multipart/form-data;z=1;boundary=abc;a=2")
    }

    @Test func essenceDropsParameters() {
        #expect(MediaType("Text/HTML; charset=utf-8")?.essence == "text/html")
        #expect(MediaType("text/html;charset=utf-8")?.withoutParameters == .textHTML)
    }

    @Test func parseThrowsTheSameAsInitFails() {
        #expect(throws: MediaTypeError.missingSlash(at: 5)) { try MediaType.parse("bogus") }
        #expect((try? MediaType.parse("text/plain;a=1")) == MediaType("text/plain;a=1"))
    }

    @Test func losslessStringConvertibleRoundTrips() throws {
        let type = try #require(MediaType(#"text/plain;charset="a b""#))
        #expect(MediaType(type.description) == type)
    }

    @Test func equalityComparesParametersInOrder() {
        let ab = MediaType("text/plain;a=1;b=2")
        let ba = MediaType("text/plain;b=2;a=1")
        #expect(ab != ba)
        #expect(MediaType("TEXT/Plain;A=1") == MediaType("text/plain;a=1"))
        #expect(MediaType("text/plain;charset=UTF-8") != MediaType("text/plain;charset=utf-8"))
        #expect(MediaType("text/plain") != MediaType("text/plain;a=1"))
    }

    @Test func equalValuesHashAlike() throws {
        let pairs = [
            ("TEXT/Plain;A=1", "text/plain;a=1"), (#"application/json;charset="utf-8""#, "application/json; charset=utf-8"),
            ("image/png", " image/PNG "),
        ]
        for (left, right) in pairs {
            let a = try #require(MediaType(left))
            let b = try #require(MediaType(right))
            #expect(a == b)
            #expect(a.hashValue == b.hashValue)
            #expect(Set([a, b]).count == 1)
        }
    }

    @Test func codeBuiltValuesAreLowercasedAndChecked() throws {
        let type = try MediaType(type: "Text", subtype: "CSV", parameters: ["Charset": "UTF-8", "header": "present"])
        #expect(type.description == "text/csv;charset=UTF-8;header=present")
        #expect(type == MediaType("text/csv;charset=UTF-8;header=present"))
    }

    @Test func withCharsetReplacesInPlaceOrAppends() throws {
        let plain = try #require(MediaType("text/plain;format=flowed;charset=latin1;x=1"))
        #expect(try plain.with(charset: "utf-8").description == "text/plain;format=flowed;charset=utf-8;x=1")
        #expect(try MediaType.textPlain.with(charset: "utf-8").description == "text/plain;charset=utf-8")
        #expect(try MediaType.textPlain.withParameter("Format", "a b").description == #"text/plain;format="a b""#)
    }

    @Test func codableIsASingleString() throws {
        let type = try #require(MediaType(#"text/plain;charset="a b""#))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = try encoder.encode([type])
        #expect(String(decoding: data, as: UTF8.self) == #"["text/plain;charset=\"a b\""]"#)
        #expect(try JSONDecoder().decode([MediaType].self, from: data) == [type])
    }

    @Test func decodingAnInvalidStringThrowsWithTheReason() {
        let data = Data(#"["text"]"#.utf8)
        #expect {
            try JSONDecoder().decode([MediaType].self, from: data)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("no '/'")
        }
    }

    @Test func wellKnownValuesSerialiseAsExpected() {
        let expected: [(MediaType, String)] = [
            (.applicationJSON, "application/json"), (.applicationPDF, "application/pdf"),
            (.applicationOctetStream, "application/octet-stream"), (.binaryOctetStream, "binary/octet-stream"),
            (.textPlain, "text/plain"), (.textHTML, "text/html"), (.imagePNG, "image/png"),
            (.imageJPEG, "image/jpeg"), (.imageGIF, "image/gif"), (.imageWebP, "image/webp"),
            (.imageBMP, "image/bmp"), (.imageTIFF, "image/tiff"), (.imageIcon, "image/vnd.microsoft.icon"),
            (.imageSVG, "image/svg+xml"), (.applicationZip, "application/zip"),
        ]
        for (value, string) in expected {
            #expect(value.description == string)
            #expect(MediaType(string) == value)
        }
    }
}

// MARK: Groups

extension MediaTypeTests {
    @Test(arguments: ["application/json", "text/json", "application/ld+json", "application/problem+json", "TEXT/JSON;x=1"])
    func jsonTypes(_ string: String) throws {
        #expect(try #require(MediaType(string)).isJSON)
    }

    @Test(arguments: ["application/jsonl", "application/x-ndjson", "text/plain", "application/json-seq", "json/text"])
    func notJSONTypes(_ string: String) throws {
        #expect(try !#require(MediaType(string)).isJSON)
    }

    @Test(arguments: ["text/xml", "application/xml", "image/svg+xml", "application/atom+xml", "text/html", "application/pdf"])
    func scriptableTypes(_ string: String) throws {
        #expect(try #require(MediaType(string)).isScriptable)
    }

    @Test(arguments: ["text/plain", "image/png", "application/json", "application/octet-stream", "text/javascript-not", "application/xhtml"])
    func notScriptableTypes(_ string: String) throws {
        #expect(try !#require(MediaType(string)).isScriptable)
    }

    @Test func groupMembership() throws {
        #expect(MediaType.imageSVG.isXML)
        #expect(MediaType.imageSVG.isImage)
        #expect(!MediaType.textHTML.isXML)
        #expect(MediaType.textHTML.isHTML)
        #expect(try !#require(MediaType("application/xhtml+xml")).isHTML)
        #expect(MediaType.textPlain.isText)
        #expect(!MediaType.applicationJSON.isText)
        #expect(!MediaType.applicationPDF.isImage)
    }
}

// MARK: Parameters

/// ``MediaType/Parameters``.
@Suite("MediaType.Parameters")
struct MediaTypeParametersTests {
    @Test func lookupIgnoresCase() throws {
        let parameters = try #require(MediaType("text/plain;Charset=UTF-8;format=flowed")).parameters
        #expect(parameters["charset"] == "UTF-8")
        #expect(parameters["CHARSET"] == "UTF-8")
        #expect(parameters["Format"] == "flowed")
        #expect(parameters["missing"] == nil)
    }

    @Test func iteratesInOrder() throws {
        let parameters = try #require(MediaType("x/y;c=3;a=1;b=2")).parameters
        #expect(parameters.count == 3)
        #expect(parameters.map(\.name) == ["c", "a", "b"])
        #expect(parameters.map(\.value) == ["3", "1", "2"])
        #expect(parameters[0] == parameters.first)
    }

    @Test func emptyWhenThereAreNone() {
        #expect(MediaType.textPlain.parameters.isEmpty)
        #expect(MediaType.textPlain.parameters == .none)
        #expect(MediaType.textPlain.parameters.description == "")
    }

    @Test func describesAsSerialised() throws {
        let parameters = try #require(MediaType(#"x/y;a="b c";d=e"#)).parameters
        #expect(parameters.description == #";a="b c";d=e"#)
        #expect(parameters[0].description == #"a="b c""#)
    }
}
