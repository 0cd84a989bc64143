import StrictJSON
import Testing

extension MutationFuzzTests {
    /// Option sets the readers must agree under: the defaults, and tight limits with the leniencies on.
    static let jsonOptions = [
        JSONOptions(),
        JSONOptions(maxDepth: 5, maxSize: 700, allowByteOrderMark: true, allowUnpairedSurrogates: true),
    ]

    /// The validator, the streaming validator (fed random chunk splits) and the parser accept
    /// the same inputs and report the same error; a parsed value serialises (compact and
    /// pretty) to text that parses to an equal value and serialises to the same bytes; spans
    /// see the same document.
    @Test func jsonReadersAgree() {
        var run = FuzzRun("json")
        var accepted = 0
        run.forEachInput(fraction: 1) { run, bytes, rng in
            let options = rng.oneIn(3) ? Self.jsonOptions[1] : Self.jsonOptions[0]
            if Self.checkJSON(bytes, options: options, rng: &rng, run: &run) { accepted += 1 }
        }
        // Enough inputs must parse for the round trip to be exercised.
        #expect(accepted * 100 >= run.count, "only \(accepted) of \(run.count) inputs were valid JSON")
    }

    /// Checks one document; true when it is valid.
    static func checkJSON(_ bytes: [UInt8], options: JSONOptions, rng: inout SplitMix64, run: inout FuzzRun) -> Bool {
        let validated = Result { () throws(JSONError) in try JSONValidator.validate(bytes, options: options) }
        let parsed = Result { () throws(JSONError) in try JSONParser.parse(bytes, options: options) }
        var streaming = StreamingJSONValidator(options: options)
        var start = 0
        let streamed = Result { () throws(JSONError) in
            while start < bytes.count {
                let end = min(bytes.count, start + (rng.oneIn(8) ? 0 : 1 + rng.below(rng.oneIn(4) ? 512 : 16)))
                try streaming.consume(bytes[start..<end])
                start = end
            }
            try streaming.finish()
        }
        run.check(errorOf(validated) == errorOf(streamed), "validator: \(validated); streaming validator: \(streamed)")
        run.check(errorOf(validated) == errorOf(parsed), "validator: \(validated); parser: \(parsed)")
        let span = Result { () throws(JSONError) in try JSONSpans.value(in: bytes, options: options) }
        run.check(errorOf(validated) == errorOf(span), "validator: \(validated); spans: \(span)")

        guard case .success(let value) = parsed else { return false }
        var reading = JSONOptions(maxDepth: options.maxDepth, maxSize: nil)
        reading.duplicateKeys = options.duplicateKeys
        for pretty in [false, true] {
            let text = value.serialized(pretty: pretty)
            let again = try? JSONParser.parse(text, options: reading)
            run.check(again == value, "serialised text (pretty: \(pretty)) parses to \(String(describing: again)), not the value: \(String(decoding: text, as: UTF8.self))")
            run.check(again?.serialized(pretty: pretty) == text, "serialising is not a fixed point (pretty: \(pretty))")
        }
        return true
    }

    /// The error of a result, or nil for success; so two results compare as "same acceptance, same error".
    static func errorOf<T>(_ result: Result<T, JSONError>) -> JSONError? {
        if case .failure(let error) = result { error } else { nil }
    }
}
