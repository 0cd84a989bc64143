import Foundation
import StrictJSON
import Testing

/// Defect 1 of issue 21: a file name that is not valid UTF-8 is opened, from the command line
/// and from the `-r` walk. Text shows it with `\xNN` for each invalid byte; JSON has that form in
/// `path` and the exact bytes, base64, in `pathBytes`.
@Suite("file names that are not UTF-8")
struct RawPathTests {
    /// `lat\xE9.json` (Latin-1 é), base64.
    static let nameBase64 = "bGF06S5qc29u"

    /// Runs `script` with `sh -c` in `folder`, with the executable as `$0`: Process cannot pass
    /// an argument that is not UTF-8, the shell can (`$(printf 'lat\351.json')`).
    static func shell(_ script: String, in folder: TemporaryFolder) throws -> CLI.Result {
        let executable = try #require(CLI.executable)
        return try CLI.shell("printf '{}' > \"$(printf 'lat\\351.json')\"; " + script, arguments: [executable.path], in: folder.url)
    }

    @Test func aPathFromTheCommandLineIsOpened() throws {
        let folder = try TemporaryFolder()
        let result = try Self.shell(#""$0" inspect --format jsonl "$(printf 'lat\351.json')""#, in: folder)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let object = try #require(try result.jsonLines().first?.objectValue)
        #expect(object["accepted"] == true)
        #expect(object["path"] == #"lat\xE9.json"#)
        #expect(object["pathBytes"] == .string(Self.nameBase64))
        #expect(Array(object.keys.prefix(InspectTests.resultKeys.count)) == InspectTests.resultKeys)
    }

    @Test func aPathFromTheRecursiveWalkIsOpened() throws {
        let folder = try TemporaryFolder()
        let result = try Self.shell(#""$0" inspect -r --format jsonl ."#, in: folder)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let object = try #require(try result.jsonLines().first?.objectValue)
        #expect(object["accepted"] == true)
        #expect(object["path"] == #"./lat\xE9.json"#)
        #expect(object["pathBytes"] == "Li9sYXTpLmpzb24=")
    }

    @Test func theTableShowsTheInvalidByteEscaped() throws {
        let folder = try TemporaryFolder()
        let result = try Self.shell(#""$0" inspect "$(printf 'lat\351.json')""#, in: folder)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains(#"lat\xE9.json"#))
        #expect(!result.stdout.contains("\u{FFFD}"))
    }

    @Test func aMissingPathIsNamedEscapedWithItsBytes() throws {
        let folder = try TemporaryFolder()
        let result = try Self.shell(#""$0" inspect --format jsonl "$(printf 'gone\351.json')""#, in: folder)
        #expect(result.status == 1)
        let object = try #require(try result.jsonLines().first?.objectValue)
        #expect(object["path"] == #"gone\xE9.json"#)
        let error = object["error"]?.stringValue ?? ""
        #expect(error.contains("No such file"))
        #expect(object["pathBytes"] != nil)
    }

    @Test func decodeOpensIt() throws {
        let folder = try TemporaryFolder()
        let result = try Self.shell(#""$0" decode "$(printf 'lat\351.json')""#, in: folder)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("{"))
    }

    @Test func headersForFileOpensIt() throws {
        let folder = try TemporaryFolder()
        let result = try Self.shell(#""$0" headers --token t --for-file "$(printf 'lat\351.json')""#, in: folder)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("application/json"))
    }
}
