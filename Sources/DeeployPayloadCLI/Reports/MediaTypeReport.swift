import DeeployPayload
import StrictJSON

/// What `media-type` prints: each value normalised, or why it is not a media type.
///
/// JSON: an array of `{"input", "normalized"}` objects; for an invalid value, `normalized` is
/// null and `error` gives the reason. Text: one line per value, the normalised serialisation or `invalid: ` and the reason.
struct MediaTypeReport: CommandReport {
    /// One value and what parsing made of it.
    struct Entry {
        /// The value as given.
        let input: String
        /// The parsed media type, or why the value is not one.
        let result: Result<MediaType, MediaTypeError>

        /// Parses `input` with the WHATWG rules.
        init(input: String) {
            self.input = input
            result = Result { () throws(MediaTypeError) in try MediaType.parse(input) }
        }

        /// `{"input": input, "normalized": serialisation}`; when `input` is not a media type,
        /// `normalized` is null and a third key, `error`, says why.
        ///
        /// ```swift
        /// MediaTypeReport.Entry(input: "Text/Plain; Charset=UTF-8").json
        /// // {"input":"Text/Plain; Charset=UTF-8","normalized":"text/plain;charset=UTF-8"}
        /// ```
        var json: JSONValue {
            switch result {
            case .success(let mediaType):
                .object(["input": .string(input), "normalized": .string(mediaType.description)])
            case .failure(let error):
                .object(["input": .string(input), "normalized": .null, "error": .string(error.description)])
            }
        }

        /// The normalised serialisation, or `invalid: ` and the reason.
        var text: String {
            switch result {
            case .success(let mediaType): mediaType.description
            case .failure(let error): "invalid: \(error)"
            }
        }
    }

    /// The values, in the order given.
    let entries: [Entry]

    /// Parses every value.
    init(values: [String]) {
        entries = values.map(Entry.init(input:))
    }

    /// Whether every value is a media type.
    var allValid: Bool {
        entries.allSatisfy { (try? $0.result.get()) != nil }
    }

    var json: JSONValue {
        .array(entries.map(\.json))
    }

    func writeText(to output: OutputWriter) {
        for entry in entries { output.writeLine(entry.text) }
    }
}
