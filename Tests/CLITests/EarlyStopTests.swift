import Foundation
import Testing

/// Defect 5 of issue 21: `inspect` stops reading once no later byte can change whether the
/// payload is accepted, by the gate's early-refusal rules. The inputs are endless (`/dev/zero`)
/// or a sparse file of 1 TiB with --max-size above it: read to the end, a run would take
/// minutes, so `timeout` ends it (status 124) and the test fails, as it did before the fix.
@Suite("inspect stops reading once the refusal is certain")
struct EarlyStopTests {
    /// Runs `deeploy-payload arguments` under `timeout 60`, through sh, with `input` as stdin.
    static func bounded(_ arguments: [String], input: String) throws -> CLI.Result {
        let quoted = (arguments + ["<", input]).enumerated().map { index, word in
            index == arguments.count ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return try CLI.shell("timeout 60 deeploy-payload " + quoted.joined(separator: " "))
    }

    @Test func endlessZerosDeclaredAsTextEnd() throws {
        let result = try Self.bounded(["inspect", "--declared", "text/plain", "--max-size", "4096G", "--format", "jsonl", "-"], input: "/dev/zero")
        #expect(result.status == 1, "\(result.stderr.prefix(300))")
        let line = try #require(try result.jsonLines().first)
        #expect(line["accepted"] == false)
        #expect(line["reasons"]?.arrayValue?.first?.stringValue == "binary-as-text")
    }

    @Test func endlessZerosWithoutADeclaredTypeEndAtTheFirstJSONError() throws {
        let result = try Self.bounded(["inspect", "--max-size", "4096G", "--format", "jsonl", "-"], input: "/dev/zero")
        #expect(result.status == 1, "\(result.stderr.prefix(300))")
        let line = try #require(try result.jsonLines().first)
        #expect(line["reasons"]?.arrayValue?.first?.stringValue == "invalid-json")
    }

    @Test func aHugeFileWhoseFirstByteIsNULDeclaredAsTextIsReadNoFurther() throws {
        let folder = try TemporaryFolder()
        let path = try DecodeMemoryTests.sparse("huge.bin", size: 1 << 40, in: folder)
        let result = try CLI.shell("timeout 60 deeploy-payload inspect --declared text/plain --max-size 4096G --format jsonl \"$0\"", arguments: [path])
        #expect(result.status == 1, "\(result.stderr.prefix(300))")
        let line = try #require(try result.jsonLines().first)
        #expect(line["reasons"]?.arrayValue?.first?.stringValue == "binary-as-text")
        // The size is the file's, not the bytes read.
        #expect(line["size"]?.int64Value == 1 << 40)
    }

    @Test func anAcceptedStreamIsStillReadToItsEnd() throws {
        let body = Array(("[" + String(repeating: "[1, 2, 3], ", count: 200_000) + "[]]").utf8)
        let whole = try CLI.run(["inspect", "--format", "jsonl", "-"], input: .pipe(body))
        #expect(whole.status == 0, "\(whole.stderr.prefix(300))")
        let line = try #require(try whole.jsonLines().first)
        #expect(line["accepted"] == true)
        #expect(line["size"]?.int64Value == Int64(body.count))
    }
}
