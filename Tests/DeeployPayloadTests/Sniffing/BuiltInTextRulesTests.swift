import DeeployPayload
import Magic
import Testing

@Suite struct BuiltInTextDetectionTests {
    let sniffer: Sniffer = {
        do { return try Sniffer(configuration: .init(poolSize: 1, textDetection: .builtIn)) } catch { preconditionFailure("\(error)") }
    }()

    @Test func namesHTMLXMLAndPlainTextWithoutLibmagic() throws {
        let html = try sniffer.sniff(.bytes(Payloads.html))
        #expect(html.mediaType == .textHTML)
        #expect(html.evidence == .builtInText)
        #expect(html.libmagicType == nil)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("  <p class=x>hi</p>"))).mediaType == .textHTML)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("<?xml version=\"1.0\"?><a/>"))).mediaType == .textXML)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("a,b\n1,2\n"))).mediaType == .textPlain)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("<pineapple> is not a tag we know"))).mediaType == .textPlain)
    }

    @Test func findsLibmagicsHTMLTagsAnywhereInTheFirst4096Characters() throws {
        let prose = String(repeating: "Some plain prose about models.\n", count: 10)
        for tag in ["<script>", "<SCRIPT src=x>", "<html lang=en>", "<head>", "<title>", "<style>", "<table\n", "<a href=x>", "<A\tHREF=x>", "<!DOCTYPE html>", "<!doctype\nHTML>"] {
            #expect(try sniffer.sniff(.bytes(Payloads.utf8(prose + tag + " more prose\n"))).mediaType == .textHTML, "\(tag)")
        }
        for notATag in ["<scripts>", "<header>", "<tablet>", "<a name=x>", "<!doctype xml>", "< script>"] {
            #expect(try sniffer.sniff(.bytes(Payloads.utf8(prose + notATag + " more prose\n"))).mediaType == .textPlain, "\(notATag)")
        }
        let start = String(repeating: "x", count: 4_095)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(start + "<script>"))).mediaType == .textHTML)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(start + "x<script>"))).mediaType == .textPlain)
    }

    @Test func findsAPDFHeaderNearTheStartAsLibmagicDoes() throws {
        let lead = String(repeating: "x", count: 256)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(lead + "%PDF-1.4 and prose\n"))).mediaType == .applicationPDF)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8(lead + "x%PDF-1.4 and prose\n"))).mediaType == .textPlain)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("-0%PDF-1"))).mediaType == .applicationPDF)
    }

    @Test func findsSVGAsLibmagicDoes() throws {
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("<?nullxml?>\n<!DOCTYPE svg PUBLIC>\n<svg/>"))).mediaType == .imageSVG)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("<svgx> is where libmagic sees SVG"))).mediaType == .imageSVG)
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("prose, then <svg> is not SVG"))).mediaType == .textPlain)
    }

    @Test func readsUTF16ByItsCodeUnits() throws {
        for (mark, encode) in [([UInt8]([0xFF, 0xFE]), Self.utf16LE), ([0xFE, 0xFF], Self.utf16BE)] {
            #expect(try sniffer.sniff(.bytes(mark + encode("<?xml version='1.0'?><a/>\n"))).mediaType == .textXML)
            #expect(try sniffer.sniff(.bytes(mark + encode("Prose first, then <script>alert(1)</script>\n"))).mediaType == .textHTML)
            #expect(try sniffer.sniff(.bytes(mark + encode("Ünïcode prose ✓ with no markup\n"))).mediaType == .textPlain)
            // A code unit whose low byte is '<' is not '<'.
            #expect(try sniffer.sniff(.bytes(mark + encode("\u{013C}script> and \u{033C}html>\n"))).mediaType == .textPlain)
        }
    }

    @Test func binaryStillGoesToLibmagic() throws {
        let zip = try sniffer.sniff(.bytes(Payloads.zip))
        #expect(zip.mediaType == .applicationZip)
        #expect(zip.evidence == .libmagic)
    }

    @Test func jsonAndSignaturesAreUnchanged() throws {
        #expect(try sniffer.sniff(.bytes(Payloads.utf8("[1]"))).mediaType == .applicationJSON)
        #expect(try sniffer.sniff(.bytes(Payloads.png())).mediaType == .imagePNG)
    }

    static func utf16LE(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func utf16BE(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
}

/// The built-in rules never miss markup libmagic finds: wherever libmagic names text with a
/// scriptable type (HTML, XML, SVG, PDF), the built-in rules name it scriptable too. This is what
/// lets a verdict on declared text skip libmagic without losing the scriptable warning.
@Suite struct BuiltInTextRulesCoverLibmagicTests {
    let builtIn: Sniffer = {
        do { return try Sniffer(configuration: .init(poolSize: 1, textDetection: .builtIn)) } catch { preconditionFailure("\(error)") }
    }()

    /// Markup in every position libmagic's rules care about: opening the text, after
    /// whitespace or a byte-order mark, deep inside, at the edge of the 4096-character
    /// search, followed by each kind of byte, in either case, in UTF-8 and UTF-16.
    static let generated: [[UInt8]] = {
        let markup = [
            "<!DOCTYPE html>", "<!doctype  html>", "<!DOCTYPE\nhtml>", "<!doctypehtml>", "<html>", "<HTML lang=en>", "<head>",
            "<title>", "<TITLE>", "<script>", "<script src=x>", "<script/>", "<style>", "<table>", "<a href=x>", "<A HREF=x>",
            "<a  href=x>", "<a\thref=x>", "<ahref=x>", "<a href>", "<body>", "<iframe>", "<h1>", "<div>", "<p>", "<b>", "<br>",
            "<!-- x -->", "<svg>", "<svg xmlns='http://www.w3.org/2000/svg'/>", "<?xml version=\"1.0\"?><a/>", "<?XML?>",
            "<?xml-stylesheet href='a'?><a/>", "<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
            "<?xml version='1.0'?>\n<rss version='2.0'></rss>", "<rss version='2.0'></rss>", "<headx>", "<scriptx>", "< html>",
            "%PDF-1.4", "%PDF-", "%pdf-1.4", "<!DOCTYPE svg PUBLIC>", "<!doctype svg>", "<svgx>", "<SVG>",
            "<?nullxml version='1.0'?>\n<!DOCTYPE svg PUBLIC>",
        ]
        let followers = [">", " ", "\t", "\n", "\r", "\u{0C}", "/", "-", "1", "_", ":", "=", "x", ".", "\""]
        let line = "Some plain prose about models and payloads.\n"
        var payloads: [[UInt8]] = []
        for tag in markup {
            for offset in [0, 1, 200, 255, 256, 257, 258, 4_000, 4_090, 4_100, 8_000] {
                let lead = offset == 1 ? " " : String(String(repeating: line, count: offset / line.count + 1).prefix(offset))
                payloads.append(Array((lead + tag + " more prose\n" + line).utf8))
            }
            payloads.append([0xEF, 0xBB, 0xBF] + Array((tag + "\n" + line).utf8))
            payloads.append([0xFF, 0xFE] + BuiltInTextDetectionTests.utf16LE(line + tag + "\n"))
            payloads.append([0xFE, 0xFF] + BuiltInTextDetectionTests.utf16BE(tag + "\n" + line))
        }
        for name in ["html", "head", "title", "script", "style", "table", "!doctype html", "a href"] {
            for follower in followers {
                payloads.append(Array((line + "<" + name + follower + " more\n" + line).utf8))
                payloads.append(Array(("<" + name.uppercased() + follower + " more\n").utf8))
            }
        }
        return payloads
    }()

    @Test func onGeneratedMarkup() throws {
        let counts = try compare(Self.generated, label: { "generated #\($0)" })
        #expect(counts.scriptable > 200, "too few payloads libmagic calls scriptable for the comparison to mean much")
        #expect(counts.plain > 100, "too few payloads libmagic calls plain for the comparison to mean much")
    }

    @Test func onEveryCorpusFile() throws {
        let files = CorpusManifest.shared.files
        let payloads = try files.map { try CorpusManifest.bytes($0.path) }
        let counts = try compare(payloads, label: { files[$0].id })
        #expect(counts.scriptable >= 5 && counts.plain >= 20, "the corpus has \(counts.scriptable) scriptable and \(counts.plain) other text files")
    }

    /// Sniffs each payload both ways; where libmagic named text, the built-in rules must call it
    /// scriptable if libmagic did. Returns how many text payloads libmagic called scriptable, and not.
    private func compare(_ payloads: [[UInt8]], label: (Int) -> String) throws -> (scriptable: Int, plain: Int) {
        var missed: [String] = []
        var counts = (scriptable: 0, plain: 0)
        for (index, bytes) in payloads.enumerated() {
            let builtInSniff = try builtIn.sniff(.bytes(bytes))
            guard builtInSniff.evidence == .builtInText else { continue }
            let libmagicSniff = try sharedSniffer.sniff(.bytes(bytes))
            if libmagicSniff.mediaType.isScriptable {
                counts.scriptable += 1
                if !builtInSniff.mediaType.isScriptable {
                    missed.append("\(label(index)): libmagic \(libmagicSniff.mediaType), built-in \(builtInSniff.mediaType): \(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription)")
                }
            } else {
                counts.plain += 1
            }
        }
        #expect(missed.isEmpty, "\(missed.count) payloads libmagic calls scriptable and the built-in rules do not:\n\(missed.joined(separator: "\n"))")
        return counts
    }
}

/// A verdict on declared text skips libmagic's text rules; everything else still uses them.
@Suite struct VerdictOnDeclaredTextTests {
    let script = Payloads.utf8("#!/usr/bin/env python3\nimport os\n\ndef main():\n    print(os.getcwd())\n")

    @Test func namesDeclaredTextByTheBuiltInRules() throws {
        #expect(try sharedSniffer.sniff(.bytes(script)).mediaType.essence == "text/x-script.python")
        let verdict = try sharedSniffer.verdict(.bytes(script), declared: "text/plain")
        #expect(verdict.isAccepted)
        #expect(verdict.effectiveContentType?.essence == "text/plain")
        #expect(verdict.sniff.evidence == .builtInText)
        #expect(verdict.sniff.libmagicType == nil)
        #expect(verdict.sniff.mediaType == .textPlain)
        #expect(try sharedSniffer.verdict(.file(path: Payloads.file(script, named: "script.py")), declared: "text/x-python").sniff.evidence == .builtInText)
    }

    @Test func asksLibmagicWhenTheDeclaredTypeIsNotAcceptedText() throws {
        // No declared type, octet-stream: the suggestion needs libmagic's name.
        let octets = try sharedSniffer.verdict(.bytes(script), declared: "application/octet-stream")
        #expect(octets.sniff.evidence == .libmagic)
        #expect(octets.suggestedContentType?.essence == "text/x-script.python")
        // A policy that does not accept the declared text type judges with libmagic's sniff.
        let imagesOnly = AcceptancePolicy(accepted: AcceptedMediaTypes([MediaRange("image/*")!]))
        #expect(try sharedSniffer.verdict(.bytes(script), declared: "text/plain", policy: imagesOnly).sniff.evidence == .libmagic)
        // An unparsable declared type, too.
        #expect(try sharedSniffer.verdict(.bytes(script), declared: "text/", policy: .deeploy).sniff.evidence == .libmagic)
    }

    @Test func keepsTheScriptableWarning() throws {
        let page = Payloads.utf8("Notes first.\n<script>alert(1)</script>\n")
        let verdict = try sharedSniffer.verdict(.bytes(page), declared: "text/plain")
        #expect(verdict.sniff.evidence == .builtInText)
        #expect(verdict.warningCodes == [.scriptable])
        #expect(try sharedSniffer.verdict(.bytes(page), declared: "text/plain", policy: .strict).reasonCodes == [.scriptable])
    }
}
