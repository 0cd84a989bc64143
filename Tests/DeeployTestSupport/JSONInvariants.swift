public import StrictJSON

/// What the JSON readers promise about one document, shared by the mutation fuzz tests and
/// the `json-parse` fuzz target.
public enum JSONInvariants {
    /// Checks one document; true when it parses.
    ///
    /// The validator, the streaming validator (fed `bytes` cut at `chunks`), the parser and
    /// the spans reader accept the same documents and report the same error; a parsed value
    /// serialises (compact and pretty) to text that parses back to an equal value and
    /// serialises to the same bytes.
    @discardableResult
    public static func checkReaders(
        _ bytes: [UInt8], options: JSONOptions, chunks: [Range<Int>], into recorder: inout some InvariantRecorder
    ) -> Bool {
        let validated = Result { () throws(JSONError) in try JSONValidator.validate(bytes, options: options) }
        let parsed = Result { () throws(JSONError) in try JSONParser.parse(bytes, options: options) }
        var streaming = StreamingJSONValidator(options: options)
        let streamed = Result { () throws(JSONError) in
            for range in chunks { try streaming.consume(bytes[range]) }
            try streaming.finish()
        }
        recorder.check(errorOf(validated) == errorOf(streamed), "validator: \(validated); streaming validator: \(streamed)")
        recorder.check(errorOf(validated) == errorOf(parsed), "validator: \(validated); parser: \(parsed)")
        let span = Result { () throws(JSONError) in try JSONSpans.value(in: bytes, options: options) }
        recorder.check(errorOf(validated) == errorOf(span), "validator: \(validated); spans: \(span)")

        guard case .success(let value) = parsed else { return false }
        checkRoundTrip(value, options: options, into: &recorder)
        return true
    }

    /// A parsed value serialises (compact and pretty) to text that parses back to an equal
    /// value and serialises to the same bytes.
    public static func checkRoundTrip(_ value: JSONValue, options: JSONOptions, into recorder: inout some InvariantRecorder) {
        // Serialised text is plain RFC 8259 (no BOM, no lone surrogates), so it needs the
        // defaults only; it is no deeper than the value, and may be longer than maxSize, so lift that.
        var reading = JSONOptions(maxDepth: options.maxDepth, maxSize: nil)
        reading.duplicateKeys = options.duplicateKeys
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            let again = try? JSONParser.parse(text, options: reading)
            recorder.check(
                again == value,
                "serialised text (pretty: \(pretty)) parses to \(String(describing: again)), not the value: \(String(decoding: text, as: UTF8.self))")
            recorder.check(again?.serialized(pretty: pretty) == text, "serialising is not a fixed point (pretty: \(pretty))")
        }
    }

    /// The error of a result, or nil for success; so two results compare as "same acceptance, same error".
    private static func errorOf<T>(_ result: Result<T, JSONError>) -> JSONError? {
        if case .failure(let error) = result { error } else { nil }
    }
}
