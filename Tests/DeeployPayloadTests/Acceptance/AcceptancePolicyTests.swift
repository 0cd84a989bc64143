import DeeployPayload
import DeeployTestSupport
import Foundation
import Testing

@Suite struct AcceptancePolicyTests {
    let sniffer = sharedSniffer

    func verdict(_ bytes: [UInt8], _ declared: String?, policy: AcceptancePolicy = .deeploy) throws -> Verdict {
        try sniffer.verdict(.bytes(bytes), declared: declared, policy: policy)
    }

    let json = Payloads.utf8(#"{"instances": [[1, 2, 3]]}"#)

    @Test func noHeaderMeansJSON() throws {
        let accepted = try verdict(json, nil)
        #expect(accepted.isAccepted)
        #expect(accepted.effectiveContentType == .applicationJSON)
        let rejected = try verdict(Payloads.png(), nil)
        #expect(!rejected.isAccepted)
        #expect(rejected.reasonCodes == [.invalidJSON])
        #expect(rejected.reasons[0].message.contains("with no Content-Type"))
        #expect(rejected.suggestedContentType == .imagePNG)
    }

    /// The common declared values are looked up rather than parsed; each must come out as the
    /// parser reads it, and a near miss must still be parsed.
    @Test func commonDeclaredValuesReadAsTheParserReadsThem() throws {
        let common = [
            "application/json", "application/pdf", "application/octet-stream", "binary/octet-stream",
            "text/plain", "text/csv", "text/html", "image/png", "image/jpeg", "image/gif", "image/webp",
            "image/bmp", "image/tiff", "image/svg+xml", "application/json; charset=utf-8",
            "application/json;charset=utf-8", "text/plain; charset=utf-8", "text/plain;charset=utf-8",
        ]
        let nearMisses = [
            "image/PNG", " image/png", "image/png ", "image/pnx", "text/plain; charset=UTF-8", "text/csv;",
            "application/json;  charset=utf-8", "text/plain;charset=utf-16", "image/jpeg;q=1", "",
        ]
        for declared in common + nearMisses {
            let expected = MediaType(declared)
            for verdict in [try verdict(json, declared), AcceptancePolicy.deeploy.verdict(for: try sniffer.sniff(.bytes(json)), declared: declared)] {
                #expect(verdict.declared == expected, "\(declared)")
                #expect(verdict.declared?.description == expected?.description, "\(declared)")
                #expect(verdict.declaredRaw == declared)
            }
        }
    }

    @Test func invalidDeclaredType() throws {
        let verdict = try verdict(json, "garbage")
        #expect(verdict.reasonCodes == [.invalidDeclaredType])
        #expect(verdict.reasons[0].message.contains("'garbage'"))
        #expect(verdict.effectiveContentType == nil)
    }

    @Test(arguments: ["application/zip", "video/mp4", "application/vnd.api+json"])
    func notAcceptedType(declared: String) throws {
        let verdict = try verdict(json, declared)
        #expect(verdict.reasonCodes == [.notAcceptedType])
        #expect(verdict.reasons[0].message.contains("application/octet-stream"))
    }

    @Test func xmlIsNotAcceptedAndScriptable() throws {
        let verdict = try verdict(Payloads.utf8("<?xml version=\"1.0\"?><a/>"), "application/xml")
        #expect(verdict.reasonCodes == [.notAcceptedType])
        #expect(verdict.warningCodes.contains(.scriptable))
    }

    @Test func declaredJSONMustBeValid() throws {
        let verdict = try verdict(Payloads.utf8(#"{"a": 1,}"#), "application/json")
        #expect(verdict.reasonCodes == [.invalidJSON])
        #expect(verdict.reasons[0].message.contains("line 1"))
        #expect(try self.verdict(Payloads.utf8("42"), "application/json").isAccepted)
    }

    @Test func byteOrderMarkInJSONIsRejectedUnlessAllowed() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + json
        let strictJSON = try verdict(bytes, nil)
        #expect(strictJSON.reasonCodes == [.invalidJSON])
        #expect(strictJSON.reasons[0].message.contains("byte-order mark"))
        var lenient = AcceptancePolicy.deeploy
        lenient.allowsByteOrderMarkInJSON = true
        #expect(try verdict(bytes, nil, policy: lenient).isAccepted)
    }

    @Test func ndjsonIsNotJSONButIsText() throws {
        let bytes = Payloads.utf8("{\"a\":1}\n{\"a\":2}\n")
        #expect(try verdict(bytes, nil).reasonCodes == [.invalidJSON])
        #expect(try verdict(bytes, "text/plain").isAccepted)
    }

    @Test func declaredPDFOrImageMustMatch() throws {
        #expect(try verdict(Payloads.png(), "application/pdf").reasonCodes == [.declaredMismatch])
        #expect(try verdict(Payloads.pdf(), "image/png").reasonCodes == [.declaredMismatch])
        #expect(try verdict(json, "image/png").reasonCodes == [.declaredMismatch])
        let pdf = try verdict(Payloads.pdf(), "application/pdf")
        #expect(pdf.isAccepted)
        #expect(pdf.warningCodes == [.scriptable])
    }

    @Test func subtypeMismatchWarnsOrRejects() throws {
        let lenient = try verdict(Payloads.png(), "image/jpeg")
        #expect(lenient.isAccepted)
        #expect(lenient.warningCodes == [.subtypeMismatch])
        #expect(lenient.suggestedContentType == .imagePNG)
        let strict = try verdict(Payloads.png(), "image/jpeg", policy: .strict)
        #expect(strict.reasonCodes == [.subtypeMismatch])
    }

    @Test func imageWildcardSendsTheSniffedType() throws {
        let verdict = try verdict(Payloads.gif, "image/*")
        #expect(verdict.isAccepted)
        #expect(verdict.effectiveContentType == .imageGIF)
        #expect(verdict.warningCodes == [.moreSpecificType])
    }

    @Test func declaredTextMustBeTextInItsCharset() throws {
        #expect(try verdict(Payloads.png(), "text/plain").reasonCodes == [.binaryAsText])
        let latin1: [UInt8] = Payloads.utf8("caf") + [0xE9] + Payloads.utf8(" au lait\n")
        #expect(try verdict(latin1, "text/plain").reasonCodes == [.charsetMismatch])
        #expect(try verdict(latin1, "text/plain; charset=iso-8859-1").isAccepted)
        #expect(try verdict(Payloads.utf8("naïve\n"), "text/plain;charset=us-ascii").reasonCodes == [.charsetMismatch])
        #expect(try verdict(Payloads.utf16LittleEndianWithBOM("hi\n"), "text/plain;charset=utf-16").isAccepted)
        #expect(try verdict(Payloads.utf16LittleEndianWithBOM("hi\n"), "text/plain").reasonCodes == [.charsetMismatch])
        let accepted = try verdict(Payloads.utf8("a,b\n1,2\n"), "text/csv; charset=UTF-8")
        #expect(accepted.isAccepted)
        #expect(accepted.effectiveContentType?.description == "text/csv;charset=UTF-8")
    }

    /// Issue 21, defect 13: with no charset declared the message says so (UTF-8 is the default,
    /// not something declared), and a Latin-1 file is pointed at charset=iso-8859-1, the charset
    /// the sniff found.
    @Test func charsetMismatchSaysWhatWasDeclaredAndSuggestsTheSniffedCharset() throws {
        let latin1: [UInt8] = Payloads.utf8("caf") + [0xE9] + Payloads.utf8(" au lait\n")
        let undeclared = try verdict(latin1, "text/plain")
        #expect(undeclared.reasonCodes == [.charsetMismatch])
        let message = undeclared.reasons[0].message
        #expect(!message.contains("declared text/plain in utf-8"), "\(message)")
        #expect(message.contains("no charset"), "\(message)")
        #expect(message.contains("charset=iso-8859-1"), "\(message)")
        #expect(undeclared.suggestedContentType?.description == "text/plain;charset=iso-8859-1")

        let declared = try verdict(latin1, "text/csv; charset=utf-8")
        #expect(declared.reasons[0].message.hasPrefix("declared text/csv in utf-8, but"))
        #expect(declared.suggestedContentType?.description == "text/csv;charset=iso-8859-1")
    }

    @Test func octetStreamAcceptsAnythingAndPointsAtBetterTypes() throws {
        let png = try verdict(Payloads.png(), "application/octet-stream")
        #expect(png.isAccepted)
        #expect(png.warningCodes == [.moreSpecificType])
        #expect(png.suggestedContentType == .imagePNG)
        let random = try verdict(SplitMix64(seed: 7).bytesArray(300), "binary/octet-stream")
        #expect(random.isAccepted)
        #expect(random.warnings.isEmpty)
    }

    @Test func emptyPayload() throws {
        #expect(try verdict([], nil).reasonCodes == [.empty])
        #expect(try verdict([], "image/png").reasonCodes == [.empty])
        let octets = try verdict([], "application/octet-stream")
        #expect(octets.isAccepted)
        #expect(octets.warningCodes == [.empty])
    }

    @Test func scriptableContentWarnsOrRejects() throws {
        #expect(try verdict(Payloads.html, "text/html").warningCodes == [.scriptable])
        #expect(try verdict(Payloads.html, "text/plain").warningCodes == [.scriptable])
        #expect(try verdict(Payloads.svg, "image/svg+xml").warningCodes == [.scriptable])
        #expect(try verdict(Payloads.html, "text/html", policy: .strict).reasonCodes == [.scriptable])
    }

    /// A lone scriptable warning comes from a shared ready-made list; it must say exactly what
    /// the finding built on the spot says (a strict policy's reason).
    @Test(arguments: ["application/pdf", "image/svg+xml", "text/html"])
    func sharedScriptableWarningMatchesTheBuiltOne(declared: String) throws {
        let bytes = switch declared {
        case "application/pdf": Payloads.pdf()
        case "image/svg+xml": Payloads.svg
        default: Payloads.html
        }
        let lenient = try verdict(bytes, declared)
        let strict = try verdict(bytes, declared, policy: .strict)
        #expect(lenient.warnings.count == 1)
        #expect(lenient.warnings == strict.reasons)
        #expect(lenient.warnings[0].message.contains(declared))
    }

    @Test func polyglotsWarnOrReject() throws {
        let lenient = try verdict(Payloads.gif + Payloads.zip, "image/gif")
        #expect(lenient.isAccepted)
        #expect(lenient.warningCodes == [.polyglot])
        #expect(lenient.warnings[0].message.contains("ZIP"))
        #expect(try verdict(Payloads.gif + Payloads.zip, "image/gif", policy: .strict).reasonCodes == [.polyglot])
        #expect(try verdict(Payloads.pdf() + Payloads.zip, "application/pdf").warningCodes.contains(.polyglot))
    }

    @Test func sizeLimit() throws {
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = 10
        let verdict = try verdict(json, nil, policy: policy)
        #expect(verdict.reasonCodes == [.tooLarge])
        #expect(verdict.reasons[0].message.contains("at most 10"))
    }

    @Test func customAcceptedSet() throws {
        let policy = AcceptancePolicy(accepted: AcceptedMediaTypes([MediaRange("application/json")!]))
        #expect(try verdict(Payloads.png(), "image/png", policy: policy).reasonCodes == [.notAcceptedType])
    }

    @Test func recommendedContentType() throws {
        #expect(try sniffer.recommendedContentType(for: .bytes(json)) == .applicationJSON)
        #expect(try sniffer.recommendedContentType(for: .bytes(Payloads.pdf())) == .applicationPDF)
        #expect(try sniffer.recommendedContentType(for: .bytes(Payloads.utf8("hello\n"))).description == "text/plain;charset=us-ascii")
        #expect(try sniffer.recommendedContentType(for: .bytes(Payloads.zip)) == .applicationOctetStream)
    }

    /// Every reason and warning code is produced by at least one test above;
    /// this guards the list against a code that nothing can produce.
    @Test func everyCodeIsReachable() throws {
        var seen = Set<Verdict.Code>()
        var limited = AcceptancePolicy.strict
        limited.maximumSize = 5
        let cases: [([UInt8], String?, AcceptancePolicy)] = [
            (json, "garbage", .deeploy), (json, "video/mp4", .deeploy), (Payloads.utf8("{,}"), nil, .deeploy),
            (Payloads.png(), "application/pdf", .deeploy), (Payloads.png(), "image/gif", .deeploy),
            (Payloads.png(), "text/plain", .deeploy), (Payloads.utf8("naïve"), "text/plain;charset=ascii", .deeploy),
            ([], nil, .deeploy), (json, nil, limited), (Payloads.html, "text/html", .deeploy),
            (Payloads.gif + Payloads.zip, "image/gif", .deeploy), (Payloads.png(), "application/octet-stream", .deeploy),
            (Payloads.utf8(#"{"a":1,"a":2}"#), nil, .deeploy),
        ]
        for (bytes, declared, policy) in cases {
            let verdict = try verdict(bytes, declared, policy: policy)
            seen.formUnion(verdict.reasonCodes)
            seen.formUnion(verdict.warningCodes)
        }
        #expect(seen == Set(Verdict.Code.allCases))
    }

    /// The rules table of the documentation names every code, so a new code cannot go undocumented.
    @Test func everyCodeIsInTheRulesTable() throws {
        let article = TestFiles.packageRoot.appendingPathComponent("Sources/DeeployPayload/DeeployPayload.docc/JudgingPayloads.md")
        let rows = try String(contentsOf: article, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| `") }
        for code in Verdict.Code.allCases {
            #expect(rows.contains { $0.hasPrefix("| `\(code.rawValue)` |") }, "\(code.rawValue) has no row")
        }
    }
}

extension SplitMix64 {
    func bytesArray(_ count: Int) -> [UInt8] {
        var copy = self
        return copy.bytes(count)
    }
}


@Suite struct DuplicateKeyVerdictTests {
    let sniffer = sharedSniffer

    @Test func repeatedMemberIsWarnedWithItsPath() throws {
        let bytes = Payloads.utf8(#"{"instances": [{"a": 1, "b": 2, "a": 3}], "instances2": {"x": {"y": 1, "y": 2}}}"#)
        let verdict = try sniffer.verdict(.bytes(bytes), declared: nil)
        #expect(verdict.isAccepted)
        #expect(verdict.warningCodes == [.duplicateKey])
        #expect(verdict.warnings.first?.message.contains("$.instances[0].a") == true)
        #expect(Verdict.Code.duplicateKey.rawValue == "duplicate-key")
        let sniff = try sniffer.sniff(.bytes(bytes))
        #expect(sniff.duplicateKey == Sniff.DuplicateKey(path: "$.instances[0].a", offset: 32))
        #expect(sniff.json.isValid)
    }

    @Test func strictPolicyRejectsARepeatedMember() throws {
        let bytes = Payloads.utf8(#"{"a":1,"a":2}"#)
        let verdict = try sniffer.verdict(.bytes(bytes), declared: "application/json", policy: .strict)
        #expect(!verdict.isAccepted)
        #expect(verdict.reasonCodes == [.duplicateKey])
        #expect(verdict.reasons.first?.message.contains("$.a") == true)
    }

    @Test func escapedAndNestedNamesAreComparedAsTheParserComparesThem() throws {
        let cases: [(String, String?)] = [
            (#"{"a":1,"\u0061":2}"#, "$.a"),
            (#"{"a":{"b":1},"b":{"a":1}}"#, nil),
            (#"[{"a":1},{"a":2}]"#, nil),
            (#"[1,{"x":[{}, {"k y":1,"k y":2}]}]"#, #"$[1].x[1]["k y"]"#),
            (#"{"a\"b":1,"a\"b":2}"#, #"$["a\"b"]"#),
            (#"{"s":"{\"a\":1,\"a\":2}"}"#, nil),
        ]
        for (text, path) in cases {
            let sniff = try sniffer.sniff(.bytes(Payloads.utf8(text)))
            #expect(sniff.duplicateKey?.path == path, "\(text)")
        }
    }

    /// The validator's pass holds 128 keys and 64 levels; past them, and for escaped keys, the full scan decides.
    @Test func wideAndDeepObjectsAreScannedInFull() throws {
        let wide = "{" + (0..<200).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ") + #", "k150": 0}"#
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(wide))).duplicateKey?.path == "$.k150")
        let unique = "{" + (0..<200).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ") + "}"
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(unique))).duplicateKey == nil)
        let deep = String(repeating: #"{"a":"#, count: 80) + #"{"b":1,"b":2}"# + String(repeating: "}", count: 80)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(deep))).duplicateKey?.path == "$" + String(repeating: ".a", count: 80) + ".b")
    }

    @Test func uniqueMembersGiveNoWarning() throws {
        let verdict = try sniffer.verdict(.bytes(Payloads.utf8(#"{"instances": [{"a": 1, "b": 2}]}"#)), declared: nil)
        #expect(verdict.warnings.isEmpty)
    }
}
