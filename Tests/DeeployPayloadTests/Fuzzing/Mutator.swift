import DeeployTestSupport
/// Byte-level mutations of corpus files: bit flips, insertions, deletions, truncations,
/// splices of two files, repeated chunks, and bytes that parsers treat specially.
struct Mutator {
    /// The largest input made; larger ones cost debug-build time without finding more.
    static let maximumSize = 4_096

    /// Bytes and byte strings that steer the JSON scanner, UTF-8 decoding, header parsing and
    /// the signature checks into their edge cases.
    static let interesting: [[UInt8]] = [
        [0x22], [0x5C], [0x7B], [0x5B], [0x7D], [0x5D], [0x2C], [0x3A], [0x00], [0xFF], [0xC0], [0xED],
        [0x0A], [0x0D], [0x20], [0x09], [0x3B], [0x3D], [0x2F], [0x80], [0xF4, 0x90], [0xEF, 0xBB, 0xBF],
        [0xED, 0xA0, 0x80], [0xC0, 0xAF], Array(#"\u"#.utf8), Array(#"\uD800"#.utf8), Array(#"\uDC00"#.utf8),
        Array("1e999".utf8), Array("-0".utf8), Array("null".utf8), Array("true".utf8), Array("[[[[".utf8),
        Array(#"{"a":"#.utf8), Array("<script>".utf8), Array("%PDF-".utf8), Array("PK\u{3}\u{4}".utf8),
        [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF89a".utf8), Array("<svg".utf8),
        Array(#""instances":"#.utf8), Array(#""predictions":"#.utf8),
    ]

    /// A mutation of `base`, using `other` for splices; at most ``maximumSize`` bytes.
    static func mutate(_ base: [UInt8], other: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        var bytes = window(base, rng: &rng)
        let rounds = 1 + Int(rng.next() % 4)
        for _ in 0..<rounds {
            mutateOnce(&bytes, other: other, rng: &rng)
            if bytes.count > maximumSize { bytes.removeLast(bytes.count - maximumSize) }
        }
        return bytes
    }

    /// A piece of `bytes` of at most ``maximumSize``: the start, usually, since that is where
    /// formats announce themselves.
    static func window(_ bytes: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        guard bytes.count > maximumSize else { return bytes }
        if rng.next() % 4 != 0 { return Array(bytes.prefix(maximumSize)) }
        let start = Int(rng.next() % UInt64(bytes.count - maximumSize + 1))
        return Array(bytes[start..<(start + maximumSize)])
    }

    private static func mutateOnce(_ bytes: inout [UInt8], other: [UInt8], rng: inout SplitMix64) {
        func position(_ count: Int) -> Int { count == 0 ? 0 : Int(rng.next() % UInt64(count + 1)) }
        switch rng.next() % 9 {
        case 0:  // bit flips
            guard !bytes.isEmpty else { return bytes = interesting[Int(rng.next() % UInt64(interesting.count))] }
            for _ in 0..<(1 + rng.next() % 8) {
                let index = Int(rng.next() % UInt64(bytes.count))
                bytes[index] ^= 1 << (rng.next() % 8)
            }
        case 1:  // random bytes inserted
            let count = 1 + Int(rng.next() % 16)
            bytes.insert(contentsOf: rng.bytes(count), at: position(bytes.count))
        case 2:  // a range deleted
            guard !bytes.isEmpty else { return }
            let start = Int(rng.next() % UInt64(bytes.count))
            let length = min(bytes.count - start, 1 + Int(rng.next() % 32))
            bytes.removeSubrange(start..<(start + length))
        case 3:  // truncated at the end, or (less often) at the start
            guard !bytes.isEmpty else { return }
            let cut = Int(rng.next() % UInt64(bytes.count))
            if rng.next() % 4 == 0 { bytes.removeFirst(cut) } else { bytes.removeLast(bytes.count - cut) }
        case 4:  // spliced: the start of this file, then the rest of another from any point
            let keep = position(bytes.count)
            let from = position(other.count)
            bytes = Array(bytes[..<keep]) + other[from...].prefix(maximumSize)
        case 5:  // a chunk repeated in place
            guard !bytes.isEmpty else { return }
            let start = Int(rng.next() % UInt64(bytes.count))
            let length = min(bytes.count - start, 1 + Int(rng.next() % 64))
            let chunk = bytes[start..<(start + length)]
            let copies = 1 + Int(rng.next() % 16)
            bytes.insert(contentsOf: Array(repeatElement(chunk, count: copies).joined()), at: start)
        case 6, 7:  // an interesting byte string inserted or written over
            let token = interesting[Int(rng.next() % UInt64(interesting.count))]
            let at = position(bytes.count)
            if rng.next() % 2 == 0 || at + token.count > bytes.count {
                bytes.insert(contentsOf: token, at: at)
            } else {
                bytes.replaceSubrange(at..<(at + token.count), with: token)
            }
        default:  // a byte overwritten with a boundary value
            guard !bytes.isEmpty else { return }
            let index = Int(rng.next() % UInt64(bytes.count))
            bytes[index] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x20, 0x22][Int(rng.next() % 8)]
        }
    }
}
