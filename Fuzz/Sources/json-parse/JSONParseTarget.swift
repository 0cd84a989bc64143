import FuzzSupport
import StrictJSON

/// The JSON readers on one document: the validator, the streaming validator fed random chunk
/// splits and the parser must agree (same acceptance, same error), and a parsed value must
/// serialise to text that parses back to an equal value and serialises to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for options in [JSONOptions(), JSONOptions(maxDepth: 6, maxSize: 300, allowByteOrderMark: true, allowUnpairedSurrogates: true)] {
        check(bytes, options: options)
    }
    return 0
}

private func check(_ bytes: UnsafeRawBufferPointer, options: JSONOptions) {
    let validated = Result { () throws(JSONError) in try JSONValidator.validate(bytes, options: options) }
    let parsed = Result { () throws(JSONError) in try JSONParser.parse(bytes, options: options) }

    var choices = InputChoices(bytes)
    var streaming = StreamingJSONValidator(options: options)
    let streamed = Result { () throws(JSONError) in
        for range in choices.chunkRanges(count: bytes.count) {
            try streaming.consume(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
        try streaming.finish()
    }

    switch (validated, parsed) {
    case (.success, .success(let value)):
        roundTrip(value, options: options)
    case (.failure(let validatorError), .failure(let parserError)):
        Invariant.require(validatorError == parserError, "validator says \(validatorError), parser says \(parserError)")
    case (.success, .failure(let error)):
        Invariant.fail("validator accepts, parser rejects: \(error)")
    case (.failure(let error), .success):
        Invariant.fail("parser accepts, validator rejects: \(error)")
    }
    switch (validated, streamed) {
    case (.success, .success): break
    case (.failure(let whole), .failure(let chunked)):
        Invariant.require(whole == chunked, "validator says \(whole), streaming validator says \(chunked)")
    default:
        Invariant.fail("validator \(validated), streaming validator \(streamed)")
    }
}

private func roundTrip(_ value: JSONValue, options: JSONOptions) {
    // Serialised text is plain RFC 8259 (no BOM, no lone surrogates), so it needs the defaults
    // only; it is no deeper than the value, and may be longer than maxSize, so lift that.
    var reading = JSONOptions(maxDepth: options.maxDepth, maxSize: nil)
    reading.duplicateKeys = options.duplicateKeys
    for pretty in [false, true] {
        let text = value.serialized(pretty: pretty)
        do {
            let again = try JSONParser.parse(text, options: reading)
            Invariant.require(again == value, "serialised text parses to another value: \(String(decoding: text, as: UTF8.self))")
            Invariant.require(again.serialized(pretty: pretty) == text, "serialising is not a fixed point")
        } catch {
            Invariant.fail("serialised text does not parse: \(error)")
        }
    }
}
