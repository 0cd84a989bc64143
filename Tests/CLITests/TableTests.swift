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
}
