import StrictJSON
import Testing

@Suite("inspect")
struct InspectTests {
    static let resultKeys = [
        "path", "size", "sniffed", "charset", "description", "declared", "effective", "accepted", "reasons", "warnings", "suggested",
    ]

    @Test func jsonlReportsEveryKeyInOrder() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ok.json", #"{"instances": [[1, 2]]}"#)
        let result = try CLI.run(["inspect", "--format", "jsonl", path])
        #expect(result.status == 0)
        let lines = try result.jsonLines()
        #expect(lines.count == 1)
        let object = try #require(lines.first?.objectValue)
        #expect(object.keys == Self.resultKeys)
        #expect(object["path"] == .string(path))
        #expect(object["size"]?.int64Value == 23)
        #expect(object["sniffed"] == "application/json")
        #expect(object["charset"]?.stringValue != nil)
        #expect(object["declared"] == .null)
        #expect(object["effective"] == "application/json")
        #expect(object["accepted"] == true)
        #expect(object["reasons"] == [])
        #expect(object["warnings"] == [])
    }

    @Test func rejectedFileExitsOneWithReasonCodes() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("broken.json", #"{"instances": [1, 2"#)
        let result = try CLI.run(["inspect", "--format", "jsonl", path])
        #expect(result.status == 1)
        let object = try #require(try result.jsonLines().first)
        #expect(object["accepted"] == false)
        #expect(object["reasons"] == ["invalid-json"])
        #expect(object["effective"] == .null)
    }

    @Test func declaredTypeIsNormalisedAndChecked() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let accepted = try CLI.run(["inspect", "--format", "json", "--declared", "IMAGE/PNG", path])
        #expect(accepted.status == 0)
        let object = try #require(try accepted.json()[0])
        #expect(object["sniffed"] == "image/png")
        #expect(object["declared"] == "image/png")
        #expect(object["effective"] == "image/png")
        #expect(object["charset"] == .null)

        let mismatch = try CLI.run(["inspect", "--format", "json", "--declared", "application/pdf", path])
        #expect(mismatch.status == 1)
        #expect(try mismatch.json()[0]?["reasons"] == ["declared-mismatch"])
    }

    @Test func invalidDeclaredTypeIsAReasonNotAUsageError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.txt", "hello\n")
        let result = try CLI.run(["inspect", "--format", "jsonl", "--declared", "not a type", path])
        #expect(result.status == 1)
        #expect(try result.jsonLines().first?["reasons"] == ["invalid-declared-type"])
    }

    @Test func strictPolicyRejectsWhatTheDefaultWarnsAbout() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let lenient = try CLI.run(["inspect", "--format", "jsonl", "--declared", "image/gif", path])
        #expect(lenient.status == 0)
        #expect(try lenient.jsonLines().first?["warnings"] == ["subtype-mismatch"])
        let strict = try CLI.run(["inspect", "--format", "jsonl", "--strict", "--declared", "image/gif", path])
        #expect(strict.status == 1)
        #expect(try strict.jsonLines().first?["reasons"] == ["subtype-mismatch"])
    }

    @Test func maxSizeAcceptsSuffixes() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("big.json", "[" + String(repeating: "1,", count: 700) + "1]")
        let small = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "1K", path])
        #expect(small.status == 1)
        #expect(try small.jsonLines().first?["reasons"] == ["too-large"])
        let large = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "2k", path])
        #expect(large.status == 0)
        // 1 + 700 × 2 + 2 bytes: the limit is inclusive.
        let exact = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "1403", path])
        #expect(exact.status == 0)
        let oneLess = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "1402", path])
        #expect(oneLess.status == 1)
    }

    @Test func invalidMaxSizeIsAUsageError() throws {
        let result = try CLI.run(["inspect", "--max-size", "10Q", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-size"))
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownOptionExitsTwo() throws {
        let result = try CLI.run(["inspect", "--no-such-option"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option"))
    }

    @Test func missingFileGivesErrorObjectAndInspectionGoesOn() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.json", "{}")
        let missing = folder.path("missing.json")
        let result = try CLI.run(["inspect", "--format", "jsonl", missing, good])
        #expect(result.status == 1)
        let lines = try result.jsonLines()
        #expect(lines.count == 2)
        let failure = try #require(lines.first?.objectValue)
        #expect(failure.keys == ["path", "accepted", "error"])
        #expect(failure["path"] == .string(missing))
        #expect(failure["accepted"] == false)
        #expect(failure["error"]?.stringValue?.contains("No such file") == true)
        #expect(lines.last?["accepted"] == true)
    }

    @Test func unreadableFileGivesErrorObject() throws {
        let folder = try TemporaryFolder()
        // A link to itself cannot be opened by anyone, root included.
        let loop = try folder.link("loop", to: "loop")
        let result = try CLI.run(["inspect", "--format", "json", loop])
        #expect(result.status == 1)
        let failure = try #require(try result.json()[0]?.objectValue)
        #expect(failure.keys == ["path", "accepted", "error"])
        #expect(failure["error"]?.stringValue?.contains("cannot open") == true)
    }

    @Test func folderWithoutRecursiveIsAnErrorObject() throws {
        let folder = try TemporaryFolder()
        try folder.write("inner/a.json", "{}")
        let result = try CLI.run(["inspect", "--format", "jsonl", folder.path("inner")])
        #expect(result.status == 1)
        let failure = try #require(try result.jsonLines().first)
        #expect(failure["accepted"] == false)
        #expect(failure["error"]?.stringValue?.contains("use --recursive") == true)
    }

    @Test func recursiveWalksNestedFoldersInSortedOrder() throws {
        let folder = try TemporaryFolder()
        try folder.write("b/z.json", "{}")
        try folder.write("b/deeper/y.txt", "hello\n")
        try folder.write("a.png", Samples.png)
        try folder.write("c.json", "[1]")
        let result = try CLI.run(["inspect", "--recursive", "--format", "jsonl", folder.url.path])
        let paths = try result.jsonLines().compactMap { $0["path"]?.stringValue }
        let root = folder.url.path
        #expect(paths == [root + "/a.png", root + "/b/deeper/y.txt", root + "/b/z.json", root + "/c.json"])
        // The PNG and the text are not JSON, which is what no Content-Type means.
        #expect(result.status == 1)
    }

    @Test func recursiveWalkEndsSymbolicLinkLoops() throws {
        let folder = try TemporaryFolder()
        try folder.write("tree/a.json", "{}")
        try folder.link("tree/again", to: "..")
        let result = try CLI.run(["inspect", "-r", "--format", "jsonl", folder.path("tree")])
        let paths = try result.jsonLines().compactMap { $0["path"]?.stringValue }
        #expect(paths == [folder.path("tree") + "/a.json"])
        #expect(result.status == 0)
    }

    @Test func standardInputFromAPipe() throws {
        let result = try CLI.run(["inspect", "--format", "jsonl"], input: .pipe(Array(#"{"inputs": [1]}"#.utf8)))
        #expect(result.status == 0)
        let object = try #require(try result.jsonLines().first)
        #expect(object["path"] == "-")
        #expect(object["size"]?.int64Value == 15)
        #expect(object["sniffed"] == "application/json")
    }

    @Test func standardInputFromAFileAndDash() throws {
        let result = try CLI.run(["inspect", "--format", "jsonl", "--declared", "image/gif", "-"], input: .file(Samples.gif))
        #expect(result.status == 0)
        let object = try #require(try result.jsonLines().first)
        #expect(object["sniffed"] == "image/gif")
        #expect(object["size"]?.int64Value == Int64(Samples.gif.count))
        #expect(object["effective"] == "image/gif")
    }

    /// Issue 21, defect 16: standard input can be read once; `inspect - -` is a usage error,
    /// not a second, empty read of a pipe already consumed.
    @Test func standardInputTwiceIsAUsageError() throws {
        let result = try CLI.run(["inspect", "--format", "jsonl", "-", "-"], input: .pipe(Array(#"{"inputs": [1]}"#.utf8)))
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'-'"))
        #expect(result.stderr.contains("once"))
    }

    /// Issue 21, defect 13: no charset was declared, so the message does not say one was, and
    /// it names the charset to declare.
    @Test func latin1TextIsPointedAtItsCharset() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("latin.txt", Array("caf".utf8) + [0xE9] + Array(" au lait\n".utf8))
        let result = try CLI.run(["inspect", "--explain", "--declared", "text/plain", path])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("declared text/plain in utf-8"))
        #expect(result.stdout.contains("charset=iso-8859-1"))
    }

    /// A device or pipe on standard input is read only until it passes --max-size, so an
    /// endless one ends; a redirected file over it is judged from its size and header. (Opaque
    /// binary, since zeros judged as JSON or text are refused at their first chunk: defect 5.)
    @Test func standardInputOverMaxSizeIsTooLargeAndEnds() throws {
        let endless = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "1M", "--declared", "application/octet-stream", "-"], input: .path("/dev/zero"))
        #expect(endless.status == 1)
        let streamed = try #require(try endless.jsonLines().first)
        #expect(streamed["reasons"] == ["too-large"])
        #expect(try #require(streamed["size"]?.int64Value) > 1 << 20)

        let file = try CLI.run(["inspect", "--format", "jsonl", "--max-size", "64", "--declared", "image/gif", "-"], input: .file(Samples.gif + Array(repeating: 0, count: 100)))
        #expect(file.status == 1)
        let judged = try #require(try file.jsonLines().first)
        #expect(judged["reasons"] == ["too-large"])
        #expect(judged["sniffed"] == "image/gif")
        #expect(judged["size"]?.int64Value == Int64(Samples.gif.count + 100))
    }

    @Test func emptyStandardInputIsRejectedAsEmpty() throws {
        let result = try CLI.run(["inspect", "--format", "jsonl"])
        #expect(result.status == 1)
        #expect(try result.jsonLines().first?["reasons"] == ["empty"])
    }

    @Test func jsonFormatIsOneArray() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("1.json", "{}")
        let second = try folder.write("2.json", "[]")
        let result = try CLI.run(["inspect", "--format", "json", first, second])
        #expect(result.status == 0)
        let array = try #require(try result.json().arrayValue)
        #expect(array.count == 2)
        #expect(array.map { $0.objectValue?.keys ?? [] } == [Self.resultKeys, Self.resultKeys])
    }

    @Test func tableShowsRowsWithoutColourAndSummaryOnStandardError() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.json", "{}")
        let bad = try folder.write("bad.json", "{")
        let result = try CLI.run(["inspect", good, bad])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("PATH"))
        #expect(lines[1].contains("accepted") && lines[1].contains("application/json"))
        #expect(lines[2].contains("rejected") && lines[2].contains("invalid-json"))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stderr.contains("2 files: 1 accepted, 1 rejected, 0 unreadable"))
        #expect(result.stderr.contains("by type: application/json 1"))
    }

    @Test func tableExplainPrintsMessages() throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("bad.json", "{")
        let result = try CLI.run(["inspect", "--explain", bad])
        #expect(result.stdout.contains("    invalid-json: "))
    }

    @Test func jsonFormatsPrintNoSummary() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.json", "{}")
        let result = try CLI.run(["inspect", "--format", "jsonl", good])
        #expect(result.stderr.isEmpty)
    }

    @Test func describeAsksLibmagicForEveryFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let fast = try CLI.run(["inspect", "--format", "jsonl", "--declared", "image/png", path])
        #expect(try fast.jsonLines().first?["description"] == .null)
        let described = try CLI.run(["inspect", "--format", "jsonl", "--describe", "--declared", "image/png", path])
        #expect(try described.jsonLines().first?["description"]?.stringValue?.contains("PNG") == true)
    }

    @Test func repeatedMemberIsWarnedAndRejectedWhenStrict() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("dup.json", #"{"a":1,"a":2}"#)
        let lenient = try CLI.run(["inspect", "--format", "jsonl", path])
        #expect(lenient.status == 0)
        #expect(try lenient.jsonLines().first?["warnings"] == ["duplicate-key"])
        let table = try CLI.run(["inspect", "--explain", path])
        #expect(table.stdout.contains("duplicate-key"))
        #expect(table.stdout.contains("$.a"))
        let strict = try CLI.run(["inspect", "--format", "jsonl", "--strict", path])
        #expect(strict.status == 1)
        #expect(try strict.jsonLines().first?["reasons"] == ["duplicate-key"])
    }
}
