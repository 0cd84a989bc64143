import DeeployPayload
import FuzzSupport

/// Parsing a Content-Type value: the failable and throwing parsers agree, a parsed value's
/// serialisation parses back to an equal value and is a fixed point, and the header
/// normaliser agrees with the parser on values without CR, LF or NUL.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let string = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parsed = Result { () throws(MediaTypeError) in try MediaType.parse(string) }
    switch parsed {
    case .success(let value):
        Invariant.require(MediaType(string) == value, "MediaType(_:) and MediaType.parse disagree on \(string.debugDescription)")
        let text = value.description
        guard let again = MediaType(text) else { Invariant.fail("\(text.debugDescription) does not parse") }
        Invariant.require(again == value, "\(text.debugDescription) parses to \(again), not \(value)")
        Invariant.require(again.description == text, "serialising is not a fixed point: \(text.debugDescription)")
        Invariant.require(again.hashValue == value.hashValue, "equal media types hash differently")
        Invariant.require(value.withoutParameters.essence == value.essence, "dropping parameters changed the essence")
    case .failure(let error):
        Invariant.require(MediaType(string) == nil, "MediaType(_:) accepts what MediaType.parse rejects")
        Invariant.require(!error.description.isEmpty, "an empty error message")
    }

    let forbidden = string.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    let normalized = Result { () throws(HeaderError) in try ContentTypeHeader.normalize([string]) }
    switch (normalized, parsed) {
    case (.success(let header), .success(let value)):
        Invariant.require(!forbidden, "a value with CR, LF or NUL was normalised")
        Invariant.require(header == value, "the normaliser gives \(header), the parser \(value)")
        let twice = Result { () throws(HeaderError) in try ContentTypeHeader.normalize([string, header.description]) }
        Invariant.require((try? twice.get()) == value, "a value and its normal form conflict: \(twice)")
    case (.failure, .success):
        Invariant.require(forbidden, "the normaliser rejects what the parser accepts: \(string.debugDescription)")
    case (.success, .failure):
        Invariant.fail("the normaliser accepts what the parser rejects: \(string.debugDescription)")
    case (.failure(let error), .failure):
        Invariant.require(!error.description.isEmpty, "an empty error message")
    }
    return 0
}
