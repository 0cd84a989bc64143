#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds second formats hidden in images and PDFs.
///
/// With the whole payload at hand it walks the format's structure to its end
/// marker and scans every byte for ZIP records. Markup inside the format's own
/// metadata (a PNG text chunk that mentions `<script>`) is not a second format;
/// markup after the end marker is, and the finding names it. With only a header
/// and a tail (a file too large to read whole) it checks what the tail can
/// prove: a ZIP end record, and whether the file ends where the format does.
enum PolyglotDetector {
    /// How much of a file's end the tail checks read.
    static let tailLength = 64 * 1024 + 22

    /// Findings for a complete payload in memory.
    static func findings(in bytes: UnsafeRawBufferPointer, format: SignatureFormat) -> [Sniff.PolyglotFinding] {
        guard format != .svg else { return [] }  // SVG is markup already; it is flagged as scriptable
        let zip: (offset: Int, record: ZipRecord)?
        let end: Int?
        if format == .jpeg {
            // A JPEG's end is its first end marker (`FF D9`). Where every `FF D9` in the file has
            // only padding after it, whichever is first has too, so the marker walk is skipped:
            // it follows the segments one by one and scans all of the compressed data.
            let scan = zipRecordAndInnerEndMarker(in: bytes)
            zip = scan.zip
            end = scan.hasInnerEndMarker ? jpegEnd(bytes) : nil
        } else {
            zip = firstZipRecord(in: bytes, from: 1)
            end = endOfFormat(format, in: bytes)
        }
        let hasTrailingData = end.map { !isPadding(bytes, from: $0) } ?? false
        guard zip != nil || hasTrailingData else { return [] }  // nearly every image and PDF

        var findings: [Sniff.PolyglotFinding] = []
        if let zip {
            findings.append(Sniff.PolyglotFinding(kind: .zipArchive, offset: zip.offset, detail: "a ZIP \(zip.record) inside the \(format)"))
        }
        if let end, hasTrailingData {
            findings.append(trailingFinding(bytes, end: end, format: format))
        }
        return findings
    }

    /// Findings for a payload of `size` bytes known only by its last bytes.
    static func findings(tail: UnsafeRawBufferPointer, size: Int, format: SignatureFormat) -> [Sniff.PolyglotFinding] {
        guard format != .svg else { return [] }
        let tailStart = size - tail.count
        var findings: [Sniff.PolyglotFinding] = []
        if let zip = firstZipRecord(in: tail, from: 0) {
            findings.append(Sniff.PolyglotFinding(kind: .zipArchive, offset: tailStart + zip.offset, detail: "a ZIP \(zip.record) inside the \(format)"))
        }
        let view = ByteView(tail)
        let endsCleanly: Bool
        switch format {
        case .png: endsCleanly = endsWith(tail, [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        case .jpeg: endsCleanly = endsWith(tail, [0xFF, 0xD9])
        case .gif: endsCleanly = view.count > 0 && tail[tail.count - 1] == 0x3B
        case .pdf: endsCleanly = lastEOF(in: tail).map { isPadding(tail, from: $0 + 5) } ?? false
        default: endsCleanly = true
        }
        if !endsCleanly {
            findings.append(Sniff.PolyglotFinding(
                kind: .trailingData, offset: max(0, size - 1),
                detail: "the file does not end with the \(format) end marker"
            ))
        }
        return findings
    }

    // MARK: End of format

    /// The offset just past the format's end marker, or nil when the structure
    /// cannot be followed (a truncated or damaged file, which is not a polyglot).
    static func endOfFormat(_ format: SignatureFormat, in bytes: UnsafeRawBufferPointer) -> Int? {
        switch format {
        case .png: return pngEnd(bytes)
        case .jpeg: return jpegEnd(bytes)
        case .gif: return gifEnd(bytes)
        case .pdf: return lastEOF(in: bytes).map { $0 + 5 }
        case .webp:
            guard let size = ByteView(bytes).littleEndianUInt32(at: 4) else { return nil }
            let end = 8 + Int(size) + Int(size & 1)
            return end <= bytes.count ? end : nil
        case .bmp, .tiff, .ico, .svg: return nil
        }
    }

    /// Walks the chunks (length, type, data, CRC) to the end of `IEND`. Each chunk's length and
    /// type are one eight-byte load.
    private static func pngEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        var offset = 8
        while count &- offset >= 8 {
            let word = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let next = offset &+ 12 &+ Int(word >> 32)
            guard next <= count else { return nil }
            if UInt32(truncatingIfNeeded: word) == iendType { return next }
            offset = next
        }
        return nil
    }

    /// `IEND`, read big-endian.
    private static let iendType: UInt32 = 0x4945_4E44

    /// Walks the markers to the end of `EOI`.
    private static func jpegEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        var offset = 2
        while offset + 1 < count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            switch marker {
            case 0xD9:
                return offset + 2
            case 0xFF:
                offset += 1  // fill byte
            case 0x01, 0xD0...0xD7:
                offset += 2
            default:
                guard let length = ByteView(bytes).bigEndianUInt16(at: offset + 2), length >= 2 else { return nil }
                offset += 2 + Int(length)
                if marker == 0xDA {
                    offset = endOfEntropyCodedData(bytes, from: offset)
                }
            }
        }
        return nil
    }

    /// The offset of the first marker after entropy-coded data that starts at `start`: an `FF`
    /// followed by neither a stuffed zero, another `FF` (fill) nor a restart marker (`D0`-`D7`).
    /// The data is most of a JPEG and holds an `FF` in every 256 bytes or so, nearly all of them
    /// stuffed, so the scan stops only at an `FF` with something else after it. Returns
    /// `bytes.count` when no marker follows.
    private static func endOfEntropyCodedData(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var end = bytes.count
        BytePairScan.forEach(in: bytes, from: start, where: unstuffedFFs) { index in
            let code = bytes[index + 1]
            if code == 0xFF || (0xD0...0xD7).contains(code) { return true }
            end = index
            return false
        }
        return end
    }

    private static func gifEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let view = ByteView(bytes)
        guard bytes.count >= 13 else { return nil }
        var offset = 13
        let flags = bytes[10]
        if flags & 0x80 != 0 { offset += 3 << (Int(flags & 0x07) + 1) }
        func skipSubBlocks(_ start: Int) -> Int? {
            var position = start
            while position < bytes.count {
                let length = Int(bytes[position])
                position += 1
                if length == 0 { return position }
                position += length
            }
            return nil
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x3B:
                return offset + 1
            case 0x21:
                guard let next = skipSubBlocks(offset + 2) else { return nil }
                offset = next
            case 0x2C:
                guard offset + 10 <= bytes.count else { return nil }
                let imageFlags = view[offset + 9]
                var position = offset + 10
                if imageFlags & 0x80 != 0 { position += 3 << (Int(imageFlags & 0x07) + 1) }
                guard let next = skipSubBlocks(position + 1) else { return nil }
                offset = next
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: Scans

    /// The finding for the bytes from `end` on, which are not padding.
    private static func trailingFinding(_ bytes: UnsafeRawBufferPointer, end: Int, format: SignatureFormat) -> Sniff.PolyglotFinding {
        let trailing = UnsafeRawBufferPointer(rebasing: bytes[end...])
        var detail = "\(trailing.count) bytes after the \(format) end marker"
        if let markup = firstMarkup(in: trailing, from: 0) {
            detail += ", containing \(markup.tag)"
        } else if firstZipRecord(in: trailing, from: 0) != nil {
            detail += ", containing a ZIP archive"
        }
        return Sniff.PolyglotFinding(kind: .trailingData, offset: end, detail: detail)
    }

    /// True when everything from `start` on is whitespace or zero padding.
    static func isPadding(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Bool {
        guard start < bytes.count else { return true }
        for index in start..<bytes.count {
            switch bytes[index] {
            case 0x00, 0x09, 0x0A, 0x0D, 0x20: continue
            default: return false
            }
        }
        return true
    }

    private static func endsWith(_ bytes: UnsafeRawBufferPointer, _ suffix: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x00 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return ByteView(bytes).matches(suffix, at: end - suffix.count)
    }

    /// The offset of the last `%%EOF`, if any.
    static func lastEOF(in bytes: UnsafeRawBufferPointer) -> Int? {
        let marker: [UInt8] = [0x25, 0x25, 0x45, 0x4F, 0x46]  // "%%EOF"; a literal, so nothing is allocated
        var index = bytes.count - marker.count
        let view = ByteView(bytes)
        while index >= 0 {
            if bytes[index] == 0x25 && view.matches(marker, at: index) { return index }
            index -= 1
        }
        return nil
    }

    /// The ZIP records whose signature marks a polyglot.
    enum ZipRecord: String, CustomStringConvertible {
        /// `PK\1\2`.
        case centralDirectory = "central directory"
        /// `PK\5\6`.
        case endOfCentralDirectory = "end-of-central-directory record"

        /// The record whose signature starts at `offset`, where `PK` is; nil for any other
        /// (a local file header, or too few bytes left).
        init?(at offset: Int, in bytes: UnsafeRawBufferPointer) {
            guard offset + 3 < bytes.count else { return nil }
            switch (bytes[offset + 2], bytes[offset + 3]) {
            case (0x01, 0x02): self = .centralDirectory
            case (0x05, 0x06): self = .endOfCentralDirectory
            default: return nil
            }
        }

        var description: String { rawValue }
    }

    /// The first ZIP central-directory header (`PK\1\2`) or end record (`PK\5\6`) at or after `start`.
    static func firstZipRecord(in bytes: UnsafeRawBufferPointer, from start: Int) -> (offset: Int, record: ZipRecord)? {
        var found: (Int, ZipRecord)?
        BytePairScan.forEach(in: bytes, from: start, where: zipRecordStarts) { offset in
            guard let record = ZipRecord(at: offset, in: bytes) else { return true }
            found = (offset, record)
            return false
        }
        return found
    }

    /// In one pass over a JPEG: its first ZIP record (from byte 1), and whether some `FF D9` (an
    /// end marker, or those bytes inside a segment, such as a thumbnail's) has more than padding
    /// after it.
    static func zipRecordAndInnerEndMarker(in bytes: UnsafeRawBufferPointer) -> (zip: (offset: Int, record: ZipRecord)?, hasInnerEndMarker: Bool) {
        var zip: (offset: Int, record: ZipRecord)?
        var hasInnerEndMarker = false
        BytePairScan.forEach(in: bytes, from: 1, where: zipRecordStartsOrEndMarkers) { index in
            if bytes[index] == 0xFF {
                hasInnerEndMarker = hasInnerEndMarker || !isPadding(bytes, from: index + 2)
            } else if zip == nil, let record = ZipRecord(at: index, in: bytes) {
                zip = (index, record)
            }
            return zip == nil || !hasInnerEndMarker
        }
        return (zip, hasInnerEndMarker)
    }

    /// The lanes where an `FF` is not followed by the zero that stuffs it: where a JPEG marker
    /// may start. Cheaper in every lane than testing for the marker codes, and nearly as rare.
    @inline(__always)
    static func unstuffedFFs(_ first: BytePairScan.Lanes, _ second: BytePairScan.Lanes) -> BytePairScan.LaneMask {
        (first .== BytePairScan.Lanes(repeating: 0xFF)) .& (second .!= .zero)
    }

    /// The lanes where `PK`, the start of every ZIP record, begins.
    @inline(__always)
    static func zipRecordStarts(_ first: BytePairScan.Lanes, _ second: BytePairScan.Lanes) -> BytePairScan.LaneMask {
        (first .== BytePairScan.Lanes(repeating: 0x50)) .& (second .== BytePairScan.Lanes(repeating: 0x4B))
    }

    /// The lanes where `PK` or `FF D9` begins.
    @inline(__always)
    static func zipRecordStartsOrEndMarkers(_ first: BytePairScan.Lanes, _ second: BytePairScan.Lanes) -> BytePairScan.LaneMask {
        zipRecordStarts(first, second)
            .| ((first .== BytePairScan.Lanes(repeating: 0xFF)) .& (second .== BytePairScan.Lanes(repeating: 0xD9)))
    }

    private static let markupTags: [[UInt8]] = ["<script", "<html", "<!doctype html", "<iframe", "<?php", "<body", "<svg"].map { Array($0.utf8) }

    /// The first HTML or script tag (case-insensitive) at or after `start`.
    static func firstMarkup(in bytes: UnsafeRawBufferPointer, from start: Int) -> (offset: Int, tag: String)? {
        var found: (Int, String)?
        forEach(byte: UInt8(ascii: "<"), in: bytes, from: start) { index in
            for tag in markupTags where ByteView(bytes).matchesIgnoringCase(tag, at: index) {
                found = (index, String(decoding: tag, as: UTF8.self))
                return false
            }
            return true
        }
        return found
    }

    /// Calls `body` with each offset of `byte` at or after `start`, using `memchr`,
    /// until `body` returns false.
    private static func forEach(byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int, _ body: (Int) -> Bool) {
        guard let base = bytes.baseAddress, start < bytes.count else { return }
        var position = start
        while position < bytes.count {
            guard let hit = memchr(base + position, Int32(byte), bytes.count - position) else { return }
            let index = base.distance(to: UnsafeRawPointer(hit))
            if !body(index) { return }
            position = index + 1
        }
    }
}
