public import StrictJSON

/// Media type normalisation as a JSON object, the form the `media-type` command prints.
extension MediaType {
    /// `{"input": input, "normalized": serialisation}`, with `normalized` null when `input`
    /// is not a media type.
    ///
    /// ```swift
    /// MediaType.normalizationReportObject(input: "Text/Plain; Charset=UTF-8")
    /// // {"input":"Text/Plain; Charset=UTF-8","normalized":"text/plain;charset=UTF-8"}
    /// ```
    public static func normalizationReportObject(input: String) -> JSONValue {
        .object([
            "input": .string(input),
            "normalized": MediaType(input).map { .string($0.description) } ?? .null,
        ])
    }
}
