// Camera-sized images: what a gateway mostly sees. Their compressed data is seeded noise,
// which neither libmagic nor the sniffer decodes; both walk only the formats' structure.
import DeeployTestSupport

/// A 2 MB baseline JPEG: the small JPEG's header segments, 2,000,000 bytes of entropy-coded
/// data (every 0xFF stuffed with a zero), and EOI.
public let largeJPEG: [UInt8] = {
    var random = SplitMix64(seed: 0x1A26E_0F_D9)
    var bytes = Array(smallJPEG.dropLast(5))  // up to the end of the SOS header
    bytes.reserveCapacity(2_020_000)
    for _ in 0..<2_000_000 {
        let byte = UInt8.random(in: 0...255, using: &random)
        bytes.append(byte)
        if byte == 0xFF { bytes.append(0x00) }
    }
    return bytes + [0xFF, 0xD9]
}()

/// A 2 MB PNG: the small PNG's signature and header, 32 IDAT chunks of 64 KiB, and IEND.
/// Chunk checksums are left zero; neither libmagic nor the sniffer checks them.
public let largePNG: [UInt8] = {
    var random = SplitMix64(seed: 0x1A26E_0F_AE)
    var bytes = Array(smallPNG.prefix(33))  // signature and IHDR
    let chunkLength = 64 * 1024
    for _ in 0..<32 {
        bytes += [0x00, 0x01, 0x00, 0x00] + Array("IDAT".utf8)
        for _ in 0..<chunkLength { bytes.append(UInt8.random(in: 0...255, using: &random)) }
        bytes += [0, 0, 0, 0]
    }
    return bytes + smallPNG.suffix(12)  // IEND
}()
