import Testing

/// Defects 6 and 15 of issue 21: the table shows `--describe`'s description, and its columns
/// stay in line whatever the length of the paths.
@Suite("inspect table")
struct TableTests {
    @Test func describeShowsTheDescriptionUnderTheRow() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let result = try CLI.run(["inspect", "--describe", "--declared", "image/png", path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[2].hasPrefix("    "))
        #expect(lines[2].contains("PNG image data"))
        let plain = try CLI.run(["inspect", "--declared", "image/png", path])
        #expect(!plain.stdout.contains("PNG image data"))
    }

    @Test func columnsStayInLineWithAPathLongerThanFiftyCharacters() throws {
        let folder = try TemporaryFolder()
        let short = try folder.write("a.json", "{}")
        let long = try folder.write(String(repeating: "deeply-nested/", count: 5) + "with-a-long-file-name.json", "[]")
        #expect(long.count > 80)
        let result = try CLI.run(["inspect", short, long])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let columns = lines.map { line in line.range(of: "application/json").map { line.distance(from: line.startIndex, to: $0.lowerBound) } }
        let header = lines[0].range(of: "TYPE").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) }
        #expect(columns[1] != nil)
        #expect(columns[1] == columns[2])
        #expect(columns[1] == header)
    }

    /// Issue 21, defect 15: a Content-Type longer than the column's usual 30 characters widens
    /// the column, so that REASONS stays under its header.
    @Test func columnsStayInLineWithALongContentType() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("a.txt", "hello\n")
        let second = try folder.write("b.txt", "hello again\n")
        let declared = "text/plain; charset=utf-8; format=flowed; delsp=yes"
        let result = try CLI.run(["inspect", "--declared", declared, first, second])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let reasons = try #require(lines[0].range(of: "REASONS")).lowerBound.utf16Offset(in: lines[0])
        let contentType = try #require(lines[0].range(of: "CONTENT-TYPE")).lowerBound.utf16Offset(in: lines[0])
        for line in lines.dropFirst() {
            let effective = try #require(line.range(of: "text/plain;"), "\(line)")
            #expect(effective.lowerBound.utf16Offset(in: line) == contentType, "\(line)")
            // The reasons column holds "-": it starts where the header's REASONS does.
            #expect(line.count > reasons, "\(line)")
            #expect(line.dropFirst(reasons).first == "-", "\(lines)")
            #expect(line.dropFirst(reasons - 2).hasPrefix("  "), "\(lines)")
        }
    }
}
