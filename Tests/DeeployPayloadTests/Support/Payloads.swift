import DeeployTestSupport

/// Well-formed sample payloads built in code, and helpers to combine them.
enum Payloads {
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
    static func be32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(value >> (8 * $0) & 0xFF) } }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(crc32(body)))
    }

    /// A 1x1 greyscale PNG, optionally with extra ancillary chunks before IDAT.
    static func png(extraChunks: [[UInt8]] = []) -> [UInt8] {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let ihdr = pngChunk("IHDR", be32(1) + be32(1) + [8, 0, 0, 0, 0])
        let idat = pngChunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01])
        return signature + ihdr + extraChunks.flatMap { $0 } + idat + pngChunk("IEND", [])
    }

    /// A minimal baseline JPEG structure: SOI, APP0, SOS with a few entropy bytes, EOI.
    static let jpeg: [UInt8] = {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        bytes += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        bytes += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]
        bytes += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        bytes += [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]
        bytes += [0xFF, 0xD9]
        return bytes
    }()

    /// A 1x1 GIF89a with a global colour table, one image and the trailer.
    static let gif: [UInt8] = Array("GIF89a".utf8) + le16(1) + le16(1) + [0x80, 0x00, 0x00]
        + [0, 0, 0, 255, 255, 255]
        + [0x2C] + le16(0) + le16(0) + le16(1) + le16(1) + [0x00]
        + [0x02, 0x02, 0x44, 0x01, 0x00]
        + [0x3B]

    static func pdf(version: String = "1.4") -> [UInt8] {
        Array("""
        %PDF-\(version)
        %\u{E2}\u{E3}\u{CF}\u{D3}
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)
    }

    static let webp: [UInt8] = {
        let vp8l: [UInt8] = Array("VP8L".utf8) + le32(5) + [0x2F, 0x00, 0x00, 0x00, 0x00, 0x00]
        let body = Array("WEBP".utf8) + vp8l
        return Array("RIFF".utf8) + le32(body.count) + body
    }()

    static let bmp: [UInt8] = {
        let pixels: [UInt8] = [0, 0, 255, 0]
        return Array("BM".utf8) + le32(54 + pixels.count) + le32(0) + le32(54)
            + le32(40) + le32(1) + le32(1) + le16(1) + le16(24) + le32(0) + le32(pixels.count)
            + le32(2835) + le32(2835) + le32(0) + le32(0) + pixels
    }()

    static let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + le32(8) + le16(1)
        + le16(256) + le16(3) + le32(1) + le32(1) + le32(0)

    static let ico: [UInt8] = [0x00, 0x00, 0x01, 0x00] + le16(1)
        + [16, 16, 0, 0] + le16(1) + le16(32) + le32(40 + 16 * 16 * 4) + le32(22)
        + le32(40) + le32(16) + le32(32) + le16(1) + le16(32) + [UInt8](repeating: 0, count: 24 + 16 * 16 * 4)

    static let svg: [UInt8] = Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>"#.utf8)
    static let svgWithDeclaration: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8) + svg

    /// A stored ZIP archive with one file.
    static let zip: [UInt8] = {
        let name = Array("a.txt".utf8)
        let content = Array("hello".utf8)
        let crc = Int(crc32(content))
        var zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + le16(10) + le16(0) + le16(0) + le16(0) + le16(0)
        zip += le32(crc) + le32(content.count) + le32(content.count) + le16(name.count) + le16(0) + name + content
        let central = zip.count
        zip += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(10) + le16(0) + le16(0) + le16(0) + le16(0)
        zip += le32(crc) + le32(content.count) + le32(content.count) + le16(name.count)
        zip += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
        let size = zip.count - central
        zip += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(1) + le16(1) + le32(size) + le32(central) + le16(0)
        return zip
    }()

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let html = utf8("<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n")

    static func utf16LittleEndianWithBOM(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static func utf16BigEndianWithBOM(_ text: String) -> [UInt8] {
        [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Every well-formed image and PDF, by name.
    static let signed: [(name: String, bytes: [UInt8])] = [
        ("png", png()), ("jpeg", jpeg), ("gif", gif), ("pdf", pdf()), ("webp", webp), ("bmp", bmp),
        ("tiff", tiff), ("ico", ico), ("svg", svg), ("svg-declared", svgWithDeclaration),
    ]

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func file(_ bytes: [UInt8], named name: String) throws -> String {
        try TestFiles.write(bytes, named: name, inFolder: "deeploy-payload-tests")
    }
}
