import DeeployPayload
import Foundation
import FuzzSupport
import HTTPTypes
import StrictJSON

/// Reading a binary tensor body with every plausible header length (none, and after each of the
/// first `}` bytes): a decoded body accounts for every byte, its binary tensors are the body's
/// bytes in order, their typed views read, and re-encoding them decodes to the same tensors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    var lengths: [Int?] = [nil, 0, size + 1]
    for (offset, byte) in body.enumerated() where byte == UInt8(ascii: "}") {
        lengths.append(offset + 1)
        if lengths.count == 12 { break }
    }
    checkHeaderLengthField(String(decoding: body.prefix(24), as: UTF8.self))
    for headerLength in lengths {
        switch Result(catching: { () throws(TensorError) in try BinaryTensorBody.decode(body: body, headerLength: headerLength) }) {
        case .success(let decoded):
            check(decoded, body: body, headerEnd: headerLength ?? size)
        case .failure(let error):
            Invariant.require(!error.description.isEmpty, "an empty error message")
        }
    }
    return 0
}

private func check(_ decoded: DecodedTensorBody, body: [UInt8], headerEnd: Int) {
    Invariant.require((try? JSONParser.parse(body[..<headerEnd])) == decoded.header, "the header is not the parsed JSON part")
    let binary = decoded.tensors.compactMap { tensor in tensor.bytes.map { (tensor, $0) } }
    Invariant.require(binary.flatMap(\.1) == Array(body[headerEnd...]), "the binary tensors are not the bytes after the header")
    for (tensor, _) in binary { readViews(tensor) }

    let tensors = binary.map { BinaryTensor(name: $0.0.name, datatype: $0.0.datatype, shape: $0.0.shape, bytes: $0.1) }
    do {
        let encoded = try BinaryTensorBody.encode(tensors: tensors, list: decoded.tensorList)
        let again = try BinaryTensorBody.decode(body: encoded.body, headerLength: encoded.headerLength)
        Invariant.require(again.tensors.count == tensors.count, "re-encoding changed the number of tensors")
        for (tensor, reread) in zip(tensors, again.tensors) {
            Invariant.require(
                reread.name == tensor.name && reread.datatype == tensor.datatype && reread.shape == tensor.shape
                    && reread.bytes == tensor.bytes,
                "tensor \(tensor.name.debugDescription) changed on re-encoding")
        }
    } catch {
        Invariant.fail("decoded tensors do not re-encode and decode: \(error)")
    }
}

/// Every view of a tensor's own datatype must read a checked tensor.
private func readViews(_ tensor: DecodedTensor) {
    do {
        switch tensor.datatype {
        case .bool: _ = try tensor.bools()
        case .uint8: _ = try tensor.integers(as: UInt8.self)
        case .uint16: _ = try tensor.integers(as: UInt16.self)
        case .uint32: _ = try tensor.integers(as: UInt32.self)
        case .uint64: _ = try tensor.integers(as: UInt64.self)
        case .int8: _ = try tensor.integers(as: Int8.self)
        case .int16: _ = try tensor.integers(as: Int16.self)
        case .int32: _ = try tensor.integers(as: Int32.self)
        case .int64: _ = try tensor.int64s()
        case .fp16: _ = try tensor.halfBits()
        case .fp32: _ = try tensor.floats()
        case .fp64: _ = try tensor.doubles()
        case .bytes: _ = try tensor.byteStrings(); _ = try tensor.strings()
        }
    } catch {
        Invariant.fail("a decoded \(tensor.datatype) tensor does not read as one: \(error)")
    }
}

/// `Inference-Header-Content-Length` read from a field holding `value`: a length read back is
/// the field's digits.
private func checkHeaderLengthField(_ value: String) {
    guard let name = HTTPField.Name(BinaryTensorBody.headerLengthField) else { Invariant.fail("the field name is invalid") }
    var fields = HTTPFields()
    fields[name] = value
    switch Result(catching: { () throws(TensorError) in try BinaryTensorBody.headerLength(in: fields) }) {
    case .success(let length?):
        let stored = fields[name]?.trimmingCharacters(in: .init(charactersIn: " \t"))
        Invariant.require(stored.flatMap { Int($0) } == length && length >= 0, "read \(length) from \(value.debugDescription)")
    case .success(nil):
        Invariant.fail("a present field read as absent")
    case .failure(let error):
        Invariant.require(!error.description.isEmpty, "an empty error message")
    }
}
