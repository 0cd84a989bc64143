/// A format the sniffer recognises from its first bytes, without calling libmagic.
///
/// Each signature is at least as strict as libmagic 5.44's own rule for the
/// format, so that whenever the fast path answers, libmagic would give the
/// same media type (a test checks this on thousands of generated inputs).
public enum SignatureFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// PNG: the 8-byte signature followed by an `IHDR` chunk.
    case png
    /// JPEG: `FF D8 FF` and at least one more byte.
    case jpeg
    /// GIF: `GIF87a` or `GIF89a`.
    case gif
    /// WebP: a RIFF container of form type `WEBP`.
    case webp
    /// BMP: `BM` with a known DIB header size at offset 14.
    case bmp
    /// TIFF: `II*\0` (little-endian) or `MM\0*` (big-endian).
    case tiff
    /// ICO: an icon directory whose first image starts right after the directory.
    case ico
    /// PDF: `%PDF-` at offset 0.
    case pdf
    /// SVG: `<svg` at offset 0, or an XML declaration followed closely by `<svg`.
    case svg

    /// The media type libmagic gives this format.
    public var mediaType: MediaType {
        switch self {
        case .png: .imagePNG
        case .jpeg: .imageJPEG
        case .gif: .imageGIF
        case .webp: .imageWebP
        case .bmp: .imageBMP
        case .tiff: .imageTIFF
        case .ico: .imageIcon
        case .pdf: .applicationPDF
        case .svg: .imageSVG
        }
    }

    /// The format's name, such as `PNG`.
    public var description: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .bmp: "BMP"
        case .tiff: "TIFF"
        case .ico: "ICO"
        case .pdf: "PDF"
        case .svg: "SVG"
        }
    }
}

/// The signature fast path: recognises common accepted formats from their
/// first bytes in nanoseconds, without libmagic.
///
/// The rules are deliberately no looser than libmagic's: an input that only
/// resembles a format (a PNG signature without `IHDR`, a 3-byte JPEG) is left
/// to libmagic.
public enum Signatures {
    /// How many leading bytes ``match(_:)-(UnsafeRawBufferPointer)`` may look at.
    public static let headerLength = 1024

    /// A length past which more bytes never change ``match(_:)-(UnsafeRawBufferPointer)``:
    /// every payload longer than this that starts with the same `decidingLength` bytes gets the
    /// same answer. The rules read bytes below ``headerLength`` (the SVG search stops there), and
    /// the one rule that tests the count, the icon's, asks for at most 6 + 16 × 64 + 8 = 1,038
    /// bytes. The payload gate relies on this to know a signature from a prefix.
    static let decidingLength = 2 * headerLength

    /// The format whose signature `header` starts with, if any.
    public static func match(_ header: UnsafeRawBufferPointer) -> SignatureFormat? {
        let bytes = ByteView(header)
        guard bytes.count >= 4 else { return nil }
        switch bytes[0] {
        case 0x89:
            return bytes.hasPrefix(pngSignature) && bytes.matches(ihdrChunkStart, at: 8) ? .png : nil
        case 0xFF:
            return bytes[1] == 0xD8 && bytes[2] == 0xFF ? .jpeg : nil
        case UInt8(ascii: "G"):
            return bytes.hasPrefix(gif87) || bytes.hasPrefix(gif89) ? .gif : nil
        case UInt8(ascii: "R"):
            return bytes.hasPrefix(riff) && bytes.matches(webp, at: 8) ? .webp : nil
        case UInt8(ascii: "B"):
            guard bytes[1] == UInt8(ascii: "M"), let headerSize = bytes.littleEndianUInt32(at: 14) else { return nil }
            return isBMPHeaderSize(headerSize) ? .bmp : nil
        case UInt8(ascii: "I"):
            return bytes.hasPrefix(tiffLittle) ? .tiff : nil
        case UInt8(ascii: "M"):
            return bytes.hasPrefix(tiffBig) ? .tiff : nil
        case 0x00:
            return isIcon(bytes) ? .ico : nil
        case UInt8(ascii: "%"):
            return bytes.hasPrefix(pdf) ? .pdf : nil
        case UInt8(ascii: "<"):
            return isSVG(bytes) ? .svg : nil
        default:
            return nil
        }
    }

    /// The format whose signature `bytes` start with, if any.
    public static func match(_ bytes: some Collection<UInt8>) -> SignatureFormat? {
        let prefix = Array(bytes.prefix(headerLength))
        return prefix.withUnsafeBytes { match($0) }
    }

    // MARK: Rules

    // Short signatures are compared as one integer load. Each is written as its bytes read
    // little-endian, a literal the compiler folds; a test checks every one against its bytes.

    /// `89 50 4E 47 0D 0A 1A 0A`.
    static let pngSignature = BytePattern(0x0A1A_0A0D_474E_5089, count: 8)
    /// `00 00 00 0D` `IHDR`: the first chunk of every PNG, with its fixed length of 13.
    static let ihdrChunkStart = BytePattern(0x5244_4849_0D00_0000, count: 8)
    /// `GIF87a`.
    static let gif87 = BytePattern(0x6137_3846_4947, count: 6)
    /// `GIF89a`.
    static let gif89 = BytePattern(0x6139_3846_4947, count: 6)
    /// `RIFF`.
    static let riff = BytePattern(0x4646_4952, count: 4)
    /// `WEBP`.
    static let webp = BytePattern(0x5042_4557, count: 4)
    /// `49 49 2A 00`.
    static let tiffLittle = BytePattern(0x002A_4949, count: 4)
    /// `4D 4D 00 2A`.
    static let tiffBig = BytePattern(0x2A00_4D4D, count: 4)
    /// `%PDF-`.
    static let pdf = BytePattern(0x2D_4644_5025, count: 5)
    /// `<svg`.
    static let svgOpen = BytePattern(0x6776_733C, count: 4)
    private static let svgOpenBytes: [UInt8] = Array("<svg".utf8)
    private static let xmlDeclaration: [UInt8] = Array("<?xml version=\"".utf8)
    /// Whether `size` is a DIB header size libmagic recognises: OS/2 1.x, Windows 3 and the
    /// V2-V5 headers.
    private static func isBMPHeaderSize(_ size: UInt32) -> Bool {
        switch size {
        case 12, 40, 52, 56, 64, 108, 124: true
        default: false
        }
    }
    /// libmagic searches for `<svg` after an XML declaration within a bounded window;
    /// the fast path stays well inside it.
    private static let svgSearchWindow = 1024

    /// An icon directory (`00 00 01 00`, count >= 1) whose first entry is sane and
    /// whose first image, right after the directory, is a DIB header or a PNG.
    private static func isIcon(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 26, bytes[1] == 0, bytes[2] == 1, bytes[3] == 0,
              let count = bytes.littleEndianUInt16(at: 4), count >= 1, count <= 64,
              bytes[9] == 0,
              // libmagic's TGA rule wins over ICO for some larger sizes; leave those to it.
              let imageSize = bytes.littleEndianUInt32(at: 14), imageSize <= 0xFFFF,
              let offset = bytes.littleEndianUInt32(at: 18),
              Int(offset) == 6 + 16 * Int(count), Int(offset) + 8 <= bytes.count
        else { return false }
        let imageStart = Int(offset)
        return bytes.littleEndianUInt32(at: imageStart) == 40 || bytes.matches(pngSignature, at: imageStart)
    }

    private static func isSVG(_ bytes: ByteView) -> Bool {
        if bytes.hasPrefix(svgOpen) { return true }
        // libmagic only runs its XML rules on text, so everything up to `<svg`
        // must be printable ASCII or whitespace.
        guard bytes.hasPrefix(xmlDeclaration),
              let start = bytes.firstIndex(of: svgOpenBytes, before: min(bytes.count, svgSearchWindow))
        else { return false }
        for index in 0..<start {
            let byte = bytes[index]
            guard (0x20..<0x7F).contains(byte) || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return false }
        }
        return true
    }
}

/// Bounds-checked reads over a raw buffer. Every accessor returns nil or false
/// past the end instead of trapping.
struct ByteView {
    let buffer: UnsafeRawBufferPointer
    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var count: Int { buffer.count }

    subscript(index: Int) -> UInt8 { index < buffer.count ? buffer[index] : 0 }

    func hasPrefix(_ prefix: [UInt8]) -> Bool { matches(prefix, at: 0) }

    @inline(__always)
    func hasPrefix(_ pattern: BytePattern) -> Bool { matches(pattern, at: 0) }

    /// Whether the bytes at `offset` are `pattern`: one load where eight bytes are there.
    @inline(__always)
    func matches(_ pattern: BytePattern, at offset: Int) -> Bool {
        guard offset >= 0, pattern.count <= buffer.count - offset else { return false }
        var word: UInt64 = 0
        if buffer.count - offset >= 8 {
            word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        } else {
            for index in 0..<pattern.count { word |= UInt64(buffer[offset + index]) << (8 * index) }
        }
        return word & pattern.mask == pattern.value
    }

    func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= buffer.count else { return false }
        for index in pattern.indices where buffer[offset + index] != pattern[index] { return false }
        return true
    }

    /// Whether the bytes at `offset` are `pattern` (lowercase ASCII), comparing letters in either case.
    func matchesIgnoringCase(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= buffer.count else { return false }
        for (index, expected) in pattern.enumerated() {
            var byte = buffer[offset + index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != expected { return false }
        }
        return true
    }

    func littleEndianUInt16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= buffer.count else { return nil }
        return UInt16(buffer[offset]) | UInt16(buffer[offset + 1]) << 8
    }

    func littleEndianUInt32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= buffer.count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(buffer[offset + $1]) << (8 * $1) }
    }

    func bigEndianUInt16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= buffer.count else { return nil }
        return UInt16(buffer[offset]) << 8 | UInt16(buffer[offset + 1])
    }

    func bigEndianUInt32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= buffer.count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(buffer[offset + $1]) }
    }

    /// The first offset below `end` where `pattern` starts, if any.
    func firstIndex(of pattern: [UInt8], before end: Int) -> Int? {
        let lastStart = min(end, buffer.count - pattern.count + 1)
        guard let first = pattern.first, lastStart > 0 else { return nil }
        for index in 0..<lastStart where buffer[index] == first && matches(pattern, at: index) {
            return index
        }
        return nil
    }
}

/// Up to eight bytes, held as the integer they make when read little-endian, so that
/// comparing them is one load and one compare.
struct BytePattern: Sendable, Equatable {
    /// The bytes, the first in the lowest bits.
    let value: UInt64
    /// How many bytes, 1 to 8.
    let count: Int

    init(_ value: UInt64, count: Int) {
        self.value = value
        self.count = count
    }

    /// The bits that `count` bytes occupy.
    var mask: UInt64 { count >= 8 ? ~0 : (1 << (8 * count)) - 1 }
}
