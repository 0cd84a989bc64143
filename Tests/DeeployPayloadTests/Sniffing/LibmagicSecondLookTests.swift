import DeeployPayload
import DeeployTestSupport
import Foundation
import Testing

/// libmagic's second look: payloads whose type libmagic names only from more than the 16 KiB
/// window, or only by reading them as a file, get the type `file --mime-type` gives them, from
/// bytes, a path, a descriptor and a stream alike; their verdicts do not change.
@Suite struct LibmagicSecondLookTests {
    let sniffer = sharedSniffer

    /// The type the sniffer gives `bytes` in memory, from a file by path and by descriptor, and
    /// from a stream of 4 KiB chunks (gathered whole below the in-memory limit); they must agree.
    private func sniffedEveryWay(_ bytes: [UInt8], name: String) async throws -> MediaType {
        let fromBytes = try sniffer.sniff(.bytes(bytes))
        let path = try TestFiles.write(bytes, named: name, inFolder: "second-look")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try sniffer.sniff(.file(path: path)) == fromBytes, "\(name) by path")
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        #expect(try sniffer.sniff(.fileDescriptor(handle.fileDescriptor)) == fromBytes, "\(name) by descriptor")
        try handle.close()
        let chunks = AsyncStream<[UInt8]> { continuation in
            for start in stride(from: 0, to: bytes.count, by: 4096) { continuation.yield(Array(bytes[start..<min(start + 4096, bytes.count)])) }
            continuation.finish()
        }
        #expect(try await sniffer.sniff(chunks: chunks) == fromBytes, "\(name) as a stream")
        return fromBytes.mediaType
    }

    /// Deeploy's verdicts on such a payload are those on any opaque binary: rejected as invalid
    /// JSON without a Content-Type, accepted without warnings as application/octet-stream.
    private func expectOpaqueVerdicts(_ bytes: [UInt8], name: String) throws {
        let undeclared = try sniffer.verdict(bytes, declared: nil)
        #expect(!undeclared.isAccepted, "\(name)")
        #expect(undeclared.reasons.map(\.code) == [.invalidJSON], "\(name)")
        let binary = try sniffer.verdict(bytes, declared: "application/octet-stream")
        #expect(binary.isAccepted, "\(name)")
        #expect(binary.warnings.isEmpty, "\(name)")
    }

    @Test func iso9660ImageIsNamedFromItsSignatureAtByte32769() async throws {
        let image = LegacyFormats.iso9660Image()
        #expect(try await sniffedEveryWay(image, name: "image.iso") == MediaType("application/x-iso9660-image"))
        try expectOpaqueVerdicts(image, name: "ISO 9660")
    }

    @Test(arguments: [
        ("WordDocument", "application/msword"), ("Workbook", "application/vnd.ms-excel"),
        ("PowerPoint", "application/vnd.ms-powerpoint"), ("__properties_version1.0", "application/vnd.ms-outlook"),
    ])
    func compoundDocumentIsNamedFromItsDirectoryPastTheWindow(stream: String, expected: String) async throws {
        let document = LegacyFormats.compoundDocument(stream: stream)
        #expect(document.count > 16 * 1024)
        #expect(try await sniffedEveryWay(document, name: "\(stream).cdf") == MediaType(expected))
        try expectOpaqueVerdicts(document, name: stream)
    }

    @Test(arguments: [100, 20_000])
    func zipWithDataBeforeItIsAZip(prefixLength: Int) async throws {
        var random = SplitMix64(seed: 0x21_21_21 &+ UInt64(prefixLength))
        let prefix = (0..<prefixLength).map { _ in UInt8.random(in: 0...255, using: &random) }
        let archive = LegacyFormats.zip(prefix: prefix, name: "a.txt", contents: Array("hello, second look\n".utf8))
        #expect(try await sniffedEveryWay(archive, name: "prefixed-\(prefixLength).zip") == MediaType("application/zip"))
        try expectOpaqueVerdicts(archive, name: "zip after \(prefixLength) bytes")
    }

    @Test func pieExecutableIsNotASharedLibrary() async throws {
        // /bin/ls is a PIE executable on every current Linux distribution.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/ls")))
        #expect(try sniffer.sniff(.file(path: "/bin/ls")).mediaType == MediaType("application/x-pie-executable"))
        #expect(try await sniffedEveryWay(bytes, name: "ls") == MediaType("application/x-pie-executable"))
        try expectOpaqueVerdicts(bytes, name: "/bin/ls")
    }

    @Test func sharedLibraryStaysASharedLibrary() throws {
        // libmagic itself, as this process mapped it.
        // Read to its end: /proc files say they are empty.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
        let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        try handle.close()
        let library = try #require(maps.split(separator: "\n").lazy.compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init)
        }.first { $0.contains("/libmagic.so") })
        #expect(try sniffer.sniff(.file(path: library)).mediaType == MediaType("application/x-sharedlib"))
    }

    @Test func opaqueBinaryStaysOctetStream() async throws {
        var random = SplitMix64(seed: 0x5EC0_4D)
        let bytes = (0..<40_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(try await sniffedEveryWay(bytes, name: "noise.bin") == .applicationOctetStream)
    }

    @Test func describedSecondLookNamesTheFormat() throws {
        let describing = try Sniffer(configuration: SnifferConfiguration(poolSize: 1, alwaysDescribe: true))
        let sniff = try describing.sniff(.bytes(LegacyFormats.compoundDocument(stream: "WordDocument")))
        #expect(sniff.mediaType == MediaType("application/msword"))
        #expect(sniff.description?.contains("Microsoft Word") == true, "\(sniff.description ?? "no description")")
    }

    @Test func aStreamLongerThanTheInMemoryLimitKeepsOnlyTheWindow() async throws {
        // Only the header of a long stream is held, and libmagic has seen it: no second look.
        let small = try Sniffer(configuration: SnifferConfiguration(poolSize: 1, inMemoryLimit: 20_000))
        let image = LegacyFormats.iso9660Image()
        let chunks = AsyncStream<[UInt8]> { continuation in
            for start in stride(from: 0, to: image.count, by: 4096) { continuation.yield(Array(image[start..<min(start + 4096, image.count)])) }
            continuation.finish()
        }
        #expect(try await small.sniff(chunks: chunks).mediaType == .applicationOctetStream)
        #expect(try small.sniff(.bytes(image)).mediaType == MediaType("application/x-iso9660-image"))
    }
}

/// Binary formats built byte by byte, for the second look's tests.
enum LegacyFormats {
    /// An ISO 9660 image: 16 empty system sectors, then a primary volume descriptor
    /// (`01 CD001 01`) at byte 32,768, its signature at 32,769.
    static func iso9660Image() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 16 * 2048)
        var descriptor = [UInt8](repeating: 0, count: 2048)
        descriptor.replaceSubrange(0..<7, with: [0x01] + Array("CD001".utf8) + [0x01])
        bytes += descriptor
        var terminator = [UInt8](repeating: 0, count: 2048)
        terminator.replaceSubrange(0..<7, with: [0xFF] + Array("CD001".utf8) + [0x01])
        return bytes + terminator
    }

    /// A compound document (CDF, version 3, 512-byte sectors) whose directory, at sector 40
    /// (byte 20,992, past the window), holds the root and a stream named `stream`; an Outlook
    /// message also needs its recipient storage, which is added beside it.
    static func compoundDocument(stream: String) -> [UInt8] {
        let endOfChain: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF, fatSector: UInt32 = 0xFFFF_FFFD
        let directorySector = 40
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put16([0x3E, 3, 0xFFFE, 9, 6], into: &header, at: 24)  // minor, major, byte order, sector shift, mini shift
        put32([0, 1, UInt32(directorySector), 0, 0x1000, endOfChain, 0, endOfChain, 0], into: &header, at: 40)
        put32([0] + Array(repeating: free, count: 108), into: &header, at: 76)  // the FAT is sector 0
        var fat = [UInt32](repeating: free, count: 128)
        fat[0] = fatSector
        fat[directorySector] = endOfChain
        var fatBytes = [UInt8](repeating: 0, count: 512)
        put32(fat, into: &fatBytes, at: 0)
        let noStream: UInt32 = 0xFFFF_FFFF
        var directory = entry("Root Entry", type: 5, right: noStream, child: 1)
        if stream.hasPrefix("__properties") {
            directory += entry(stream, type: 2, right: 2, child: noStream)
            directory += entry("__recip_version1.0_#00000000", type: 1, right: noStream, child: noStream)
        } else {
            directory += entry(stream, type: 2, right: noStream, child: noStream) + entry("", type: 0, right: noStream, child: noStream)
        }
        directory += entry("", type: 0, right: noStream, child: noStream)
        let filler = [UInt8](repeating: 0, count: 512 * (directorySector - 1))
        return header + fatBytes + filler + directory
    }

    /// A 128-byte directory entry.
    private static func entry(_ name: String, type: UInt8, right: UInt32, child: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 128)
        if !name.isEmpty {
            let units = Array(name.utf16) + [0]
            put16(units, into: &bytes, at: 0)
            put16([UInt16(2 * units.count)], into: &bytes, at: 64)
        }
        bytes[66] = type
        bytes[67] = 1  // black
        put32([0xFFFF_FFFF, right, child], into: &bytes, at: 68)
        put32([0xFFFF_FFFE, 0], into: &bytes, at: 116)  // no data
        return bytes
    }

    /// A ZIP archive of one stored file after `prefix`, its offsets counted from the start of
    /// the whole (as `zip -A` leaves a self-extracting archive).
    static func zip(prefix: [UInt8], name: String, contents: [UInt8]) -> [UInt8] {
        let crc = crc32(contents)
        let nameBytes = Array(name.utf8)
        var local = [UInt8](repeating: 0, count: 30)
        put32([0x0403_4B50], into: &local, at: 0)
        put16([20, 0, 0, 0, 0], into: &local, at: 4)  // version, flags, stored, time, date
        put32([crc, UInt32(contents.count), UInt32(contents.count)], into: &local, at: 14)
        put16([UInt16(nameBytes.count), 0], into: &local, at: 26)
        let localOffset = UInt32(prefix.count)
        var central = [UInt8](repeating: 0, count: 46)
        put32([0x0201_4B50], into: &central, at: 0)
        put16([20, 20, 0, 0, 0, 0], into: &central, at: 4)
        put32([crc, UInt32(contents.count), UInt32(contents.count)], into: &central, at: 16)
        put16([UInt16(nameBytes.count), 0, 0, 0, 0], into: &central, at: 28)
        put32([0, localOffset], into: &central, at: 38)
        let centralOffset = localOffset + UInt32(30 + nameBytes.count + contents.count)
        var end = [UInt8](repeating: 0, count: 22)
        put32([0x0605_4B50], into: &end, at: 0)
        put16([0, 0, 1, 1], into: &end, at: 4)
        put32([UInt32(46 + nameBytes.count), centralOffset], into: &end, at: 12)
        return prefix + local + nameBytes + contents + central + nameBytes + end
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func put16(_ values: [UInt16], into bytes: inout [UInt8], at offset: Int) {
        for (index, value) in values.enumerated() {
            bytes[offset + 2 * index] = UInt8(truncatingIfNeeded: value)
            bytes[offset + 2 * index + 1] = UInt8(truncatingIfNeeded: value >> 8)
        }
    }

    private static func put32(_ values: [UInt32], into bytes: inout [UInt8], at offset: Int) {
        for (index, value) in values.enumerated() {
            for byte in 0..<4 { bytes[offset + 4 * index + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        }
    }
}
