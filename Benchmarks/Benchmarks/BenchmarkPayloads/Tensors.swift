// Opaque binary payloads: tensors sent as application/octet-stream.
import DeeployTestSupport

/// `count` float32 values in [0, 1), little-endian: a tensor sent as application/octet-stream,
/// which libmagic can name only as application/octet-stream.
public func float32Tensor(count: Int, seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(4 * count)
    for _ in 0..<count {
        let bits = Float.random(in: 0..<1, using: &random).bitPattern
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
    }
    return bytes
}

/// A 4 KiB float32 tensor, shorter than the sniffer's libmagic window.
public let smallTensor = float32Tensor(count: 1024, seed: 0x7E45_0001)

/// A 1 MiB float32 tensor, longer than the sniffer's libmagic window.
public let largeTensor = float32Tensor(count: 1 << 18, seed: 0x7E45_0002)
