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
}
