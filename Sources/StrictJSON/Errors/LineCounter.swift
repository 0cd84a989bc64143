/// Counts line feeds in chunks that have already passed, so a streaming error far into a
/// file can still say which line it is on without keeping the file.
struct LineCounter: Sendable, Hashable {
    /// Line feeds seen so far.
    private(set) var lineFeeds = 0
    /// The absolute offset of the byte after the last line feed seen.
    private(set) var lineStart = 0

    /// Counts the line feeds of `chunk`, whose first byte is at absolute offset `origin`.
    mutating func count(_ chunk: UnsafeRawBufferPointer, origin: Int) {
        guard let base = chunk.baseAddress else { return }
        let count = chunk.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var index = 0
        while count - index >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ (ones &* 0x0A)
            // Exact zero-byte mask: no borrows cross bytes, so every high bit is a true line feed.
            let hits = ~(((word & low7) &+ low7) | word | low7)
            if hits != 0 {
                lineFeeds += hits.nonzeroBitCount
                lineStart = origin + index + 8 - (hits.leadingZeroBitCount &>> 3)
            }
            index += 8
        }
        while index < count {
            if base.load(fromByteOffset: index, as: UInt8.self) == 0x0A {
                lineFeeds += 1
                lineStart = origin + index + 1
            }
            index += 1
        }
    }

    /// The position of `offset`, given the chunk that holds it (or that follows it).
    func position(of offset: Int, chunk: UnsafeRawBufferPointer, origin: Int) -> TextPosition {
        guard offset > origin else {
            // Only a byte-order mark or a surrogate escape is reported behind the current
            // chunk, and neither can contain a line feed.
            return TextPosition(line: lineFeeds + 1, column: offset - lineStart + 1)
        }
        var rest = self
        rest.count(UnsafeRawBufferPointer(rebasing: chunk[0..<min(offset - origin, chunk.count)]), origin: origin)
        return TextPosition(line: rest.lineFeeds + 1, column: offset - rest.lineStart + 1)
    }
}
