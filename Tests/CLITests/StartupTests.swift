import Foundation
import Testing

/// What the CLI loads at start-up (issue 21, "Start-up"): not Foundation's ICU-backed half, and
/// not libmagic's database for payloads that never ask libmagic anything. The time itself is
/// measured by scripts/startup.sh, beside file(1).
@Suite("start-up")
struct StartupTests {
    /// With libmagic's database missing (libmagic reads the `MAGIC` variable), JSON and
    /// signature-named files are still judged; only a file that needs libmagic fails, naming the
    /// database.
    @Test func jsonIsJudgedWithoutLoadingLibmagicsDatabase() throws {
        let folder = try TemporaryFolder()
        let json = try folder.write("ok.json", #"{"instances": [[1, 2]]}"#)
        let png = try folder.write("cat.png", Samples.png)
        let text = try folder.write("notes.txt", "plain words\n")
        let missing = folder.path("missing.mgc")

        let accepted = try CLI.run(["inspect", "--format", "jsonl", json], environment: ["MAGIC": missing])
        #expect(accepted.status == 0)
        #expect(accepted.stderr == "")
        #expect(try accepted.jsonLines().first?["accepted"] == true)

        let image = try CLI.run(["inspect", "--format", "jsonl", "--declared", "image/png", png], environment: ["MAGIC": missing])
        #expect(image.status == 0)
        #expect(try image.jsonLines().first?["sniffed"] == "image/png")

        let needsLibmagic = try CLI.run(["inspect", text], environment: ["MAGIC": missing])
        #expect(needsLibmagic.status == 1)
        #expect(needsLibmagic.stdout.contains("could not load the magic database at '\(missing)'"))
    }

    /// `decode` without a Content-Type still calls a body application/octet-stream when the
    /// database cannot be loaded, as it did when the sniffer loaded it at creation.
    @Test func decodeWithoutTheDatabaseCallsAnUntypedBodyOctetStream() throws {
        let folder = try TemporaryFolder()
        let text = try folder.write("body.txt", "plain words\n")
        let result = try CLI.run(["decode", text], environment: ["MAGIC": folder.path("missing.mgc")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("binary: application/octet-stream\n"))
    }

    #if os(Linux)
    /// Swift on Linux links libFoundation (and through it ICU) into a program when any module it
    /// links imports Foundation: none may, in the CLI or the libraries it runs.
    @Test func theExecutableDoesNotLinkFoundationOrICU() throws {
        let executable = try #require(CLI.executable, "deeploy-payload was not built next to the tests")
        let needed = try ELFDynamicSection.neededLibraries(ofFileAt: executable.path)
        // The reader works: every Swift program on Linux needs the C library and the Swift runtime.
        #expect(needed.contains("libc.so.6"))
        #expect(needed.contains("libswiftCore.so"))
        let forbidden = ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so", "libFoundationNetworking.so", "libFoundationXML.so"]
        #expect(needed.filter { forbidden.contains($0) } == [])
    }
    #endif
}

/// The `DT_NEEDED` entries of a 64-bit little-endian ELF file: the shared libraries it names,
/// as `readelf -d` lists them.
enum ELFDynamicSection {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func neededLibraries(ofFileAt path: String) throws -> [String] {
        // Mapped, not read: a debug build of the CLI is large.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        func integer(at offset: Int, size: Int) throws -> Int {
            guard offset >= 0, offset + size <= bytes.count else { throw Malformed(description: "read past the end at \(offset)") }
            var value: UInt64 = 0
            for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
            return Int(truncatingIfNeeded: value)
        }
        guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]), bytes.count > 64, bytes[4] == 2, bytes[5] == 1 else {
            throw Malformed(description: "\(path) is not a 64-bit little-endian ELF file")
        }
        let programHeaders = try integer(at: 0x20, size: 8)
        let entrySize = try integer(at: 0x36, size: 2)
        let entryCount = try integer(at: 0x38, size: 2)
        // Program headers: type at 0, file offset at 8, virtual address at 16, file size at 32.
        var loads: [(address: Int, offset: Int, size: Int)] = []
        var dynamic: (offset: Int, size: Int)?
        for index in 0..<entryCount {
            let header = programHeaders + index * entrySize
            let type = try integer(at: header, size: 4)
            let offset = try integer(at: header + 8, size: 8)
            let address = try integer(at: header + 16, size: 8)
            let size = try integer(at: header + 32, size: 8)
            if type == 1 { loads.append((address, offset, size)) }  // PT_LOAD
            if type == 2 { dynamic = (offset, size) }  // PT_DYNAMIC
        }
        guard let dynamic else { throw Malformed(description: "\(path) has no dynamic section: it links nothing") }
        // Dynamic entries: a tag and a value, 8 bytes each, up to DT_NULL.
        var neededOffsets: [Int] = []
        var stringTableAddress: Int?
        for entry in stride(from: dynamic.offset, to: dynamic.offset + dynamic.size, by: 16) {
            let tag = try integer(at: entry, size: 8)
            let value = try integer(at: entry + 8, size: 8)
            if tag == 0 { break }  // DT_NULL
            if tag == 1 { neededOffsets.append(value) }  // DT_NEEDED
            if tag == 5 { stringTableAddress = value }  // DT_STRTAB
        }
        guard let stringTableAddress,
            let segment = loads.first(where: { $0.address <= stringTableAddress && stringTableAddress < $0.address + $0.size })
        else { throw Malformed(description: "\(path) has no string table for its dynamic section") }
        let stringTable = stringTableAddress - segment.address + segment.offset
        return try neededOffsets.map { offset in
            let start = stringTable + offset
            guard start < bytes.count, let end = bytes[start...].firstIndex(of: 0) else {
                throw Malformed(description: "a library name runs past the end of \(path)")
            }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
