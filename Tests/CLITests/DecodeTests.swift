import Foundation
import StrictJSON
import Testing

@Suite("decode")
struct DecodeTests {
    @Test func jsonBodyIsPrettyPrinted() throws {
        let body = #"{"predictions":[1,2.50]}"#
        let result = try CLI.run(["decode", "--content-type", "application/json"], input: .pipe(Array(body.utf8)))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n  \"predictions\": [\n"))
        #expect(try result.json() == JSONParser.parse(body))
    }

    @Test func jsonFormatDescribesAJSONBody() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("response.json", #"{"predictions": [0.25]}"#)
        let result = try CLI.run(["decode", "--format", "json", "--content-type", "Application/JSON; charset=utf-8", path])
        #expect(result.status == 0)
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["kind", "mediaType", "size", "value"])
        #expect(object["kind"] == "json")
        #expect(object["mediaType"] == "application/json;charset=utf-8")
        #expect(object["size"]?.int64Value == 23)
        #expect(object["value"]?["predictions"]?[0]?.doubleValue == 0.25)
    }

    @Test func binaryBodyIsSummarised() throws {
        let result = try CLI.run(["decode", "--format", "json", "--content-type", "text/plain"], input: .file(Array("abc".utf8)))
        #expect(result.status == 0)
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["kind", "mediaType", "size", "sha256"])
        #expect(object["kind"] == "binary")
        #expect(object["mediaType"] == "text/plain")
        #expect(object["size"]?.int64Value == 3)
        // The SHA-256 test vector for "abc" (FIPS 180-2, appendix B.1).
        #expect(object["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func binaryTextSummary() throws {
        let result = try CLI.run(["decode", "--content-type", "text/plain"], input: .pipe(Array("abc".utf8)))
        #expect(result.stdout == "binary: text/plain\nsize: 3 bytes\nsha256: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
    }

    @Test func missingContentTypeIsSniffed() throws {
        let result = try CLI.run(["decode", "--format", "json"], input: .pipe(Samples.png))
        #expect(result.status == 0)
        #expect(try result.json()["mediaType"] == "image/png")
        #expect(try result.json()["kind"] == "binary")
    }

    @Test func errorStatusReportsTheServersMessage() throws {
        let result = try CLI.run(
            ["decode", "--status", "401", "--content-type", "application/json"], input: .pipe(Array(#"{"error":"bad token"}"#.utf8)))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("401"))
        #expect(result.stderr.contains("bad token"))
    }

    @Test func invalidJSONFails() throws {
        let result = try CLI.run(["decode", "--content-type", "application/json"], input: .pipe(Array(#"{"a":"#.utf8)))
        #expect(result.status == 1)
        // Checked before anything is printed: no half document.
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("not JSON") || result.stderr.contains("is not"))
        #expect(result.stderr.contains("byte"))
    }

    @Test func missingFileFails() throws {
        let result = try CLI.run(["decode", "/no/such/response.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read '/no/such/response.json'"))
    }

    @Test func aBodyLargerThanMaxSizeIsRefused() throws {
        let body = Array(repeating: UInt8(ascii: "7"), count: 5000)
        let refused = try CLI.run(["decode", "--max-size", "4K", "--content-type", "application/json"], input: .pipe(body))
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("standard input holds more than 4K (4096 bytes)"))
        #expect(refused.stderr.contains("raise --max-size"))
        let read = try CLI.run(["decode", "--max-size", "5000", "--content-type", "application/json"], input: .pipe(body))
        #expect(read.status == 0)
        #expect(read.stdout == String(repeating: "7", count: 5000) + "\n")
    }

    /// An endless device is read up to the limit, not until memory runs out.
    @Test func anEndlessFileStopsAtMaxSize() throws {
        let result = try CLI.run(["decode", "--max-size", "1M", "/dev/zero"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'/dev/zero' holds more than 1M (1048576 bytes)"))
    }

    @Test func statusOutOfRangeIsAUsageError() throws {
        let result = try CLI.run(["decode", "--status", "42"])
        #expect(result.status == 2)
    }

    @Test func repeatedMembersAreKeptInText() throws {
        let body = #"{"a":1,"a":2}"#
        let result = try CLI.run(["decode", "--content-type", "application/json"], input: .pipe(Array(body.utf8)))
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""a":1"#) || result.stdout.contains(#""a": 1"#))
        #expect(result.stdout.contains(#""a":2"#) || result.stdout.contains(#""a": 2"#))
    }

    @Test func repeatedMembersAreKeptInJSON() throws {
        let body = #"{"a":1,"b":[{"c":true,"c":null}],"a":2}"#
        let result = try CLI.run(["decode", "--format", "json", "--content-type", "application/json"], input: .pipe(Array(body.utf8)))
        #expect(result.status == 0)
        // Still one JSON document with the same keys; the value is the body's exact bytes.
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["kind", "mediaType", "size", "value"])
        #expect(result.stdout.contains(body))
    }

    /// Both formats print what serializing the parsed tree printed, byte for byte, though no
    /// tree is made any more (issue 21, defect 4): escapes, number spellings, empty and nested
    /// containers, and whitespace around the body.
    @Test func outputIsTheParsedTreesLayout() throws {
        let body = " \r\n{\"a\\/b\": \"\\u00e9\\n\\\"x\\\"\", \"n\": [1.50, -0, 2E+3, {}, [], [[]], {\"k\": null}], \"t\": true}\n"
        let parsed = try JSONParser.parse(body)
        let text = try CLI.run(["decode", "--content-type", "application/json"], input: .pipe(Array(body.utf8)))
        #expect(text.status == 0)
        #expect(text.stdout == String(decoding: JSONSerializer(pretty: true).serialize(parsed), as: UTF8.self) + "\n")
        let json = try CLI.run(["decode", "--format", "json", "--content-type", "application/json"], input: .pipe(Array(body.utf8)))
        #expect(json.status == 0)
        let report: JSONValue = .object([
            "kind": "json", "mediaType": "application/json", "size": .number(JSONNumber(body.utf8.count)), "value": parsed,
        ])
        #expect(json.stdout == String(decoding: JSONSerializer(pretty: true).serialize(report), as: UTF8.self) + "\n")
    }
}
