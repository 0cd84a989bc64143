import DeeployTestSupport
import FuzzSupport

/// Reading a binary tensor body with every plausible header length (none, and after each of
/// the first `}` bytes), and its first bytes as the header-length field (`PayloadInvariants`,
/// shared with the mutation fuzz tests): a decoded body accounts for every byte, its binary
/// tensors are the body's bytes in order, their typed views read, and re-encoding them
/// decodes to the same tensors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    var lengths: [Int?] = [nil, 0, size + 1]
    for (offset, byte) in body.enumerated() where byte == UInt8(ascii: "}") {
        lengths.append(offset + 1)
        if lengths.count == 12 { break }
    }
    var trap = Invariant.Trap()
    _ = PayloadInvariants.checkHeaderLengthField(String(decoding: body.prefix(24), as: UTF8.self), into: &trap)
    for headerLength in lengths {
        PayloadInvariants.checkTensors(body, headerLength: headerLength, into: &trap)
    }
    return 0
}
