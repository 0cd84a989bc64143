/// Mutations of a compressed stream, for the gate's mutation fuzz test and the
/// `content-encoding` fuzz target.
public enum EncodingMutations {
    /// `stream` with one to four mutations chosen by `rng`: a byte flipped, the stream cut,
    /// random bytes inserted, a range repeated, or (now and then) nothing changed.
    public static func mutate(_ stream: [UInt8], with rng: inout SplitMix64) -> [UInt8] {
        var bytes = stream
        if rng.oneIn(8) { return bytes }
        for _ in 0..<(1 + rng.below(4)) {
            switch rng.below(4) {
            case 0 where !bytes.isEmpty:
                bytes[rng.below(bytes.count)] ^= UInt8(1 + rng.below(255))
            case 1:
                bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
            case 2:
                bytes.insert(contentsOf: rng.bytes(1 + rng.below(16)), at: rng.below(bytes.count + 1))
            default:
                guard !bytes.isEmpty else { continue }
                let start = rng.below(bytes.count)
                let end = min(bytes.count, start + 1 + rng.below(256))
                bytes.insert(contentsOf: bytes[start..<end], at: rng.below(bytes.count + 1))
            }
        }
        return bytes
    }
}
