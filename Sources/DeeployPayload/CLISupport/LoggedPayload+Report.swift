public import StrictJSON

/// Logged payloads as JSON objects, the form the `split` command prints.
extension LoggedPayload {
    /// `{"contentType", "size", "stored", "sha256", "body"}`: `stored` is `json` or `binary`;
    /// `sha256` is the digest of a binary object (null for JSON); `body` is the JSON value
    /// (null for a binary object).
    public func reportObject(options: JSONOptions = .init()) -> JSONValue {
        .object([
            "contentType": .string(mediaType.description),
            "size": .number(JSONNumber(bytes.count)),
            "stored": .string(isJSON ? "json" : "binary"),
            "sha256": binaryObject.map { .string($0.sha256) } ?? .null,
            "body": ((try? json(options: options)) ?? nil) ?? .null,
        ])
    }
}
