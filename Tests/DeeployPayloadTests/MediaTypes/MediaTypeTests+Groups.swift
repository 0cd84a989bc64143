import DeeployPayload
import Testing

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
