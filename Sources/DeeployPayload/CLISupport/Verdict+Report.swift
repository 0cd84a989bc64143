public import StrictJSON

/// Verdicts as JSON objects with a fixed key order, the form the `inspect` command prints.
extension Verdict {
    /// The keys of ``reportObject(path:)``, in order.
    public static let reportKeys = [
        "path", "size", "sniffed", "charset", "description", "declared", "effective", "accepted", "reasons", "warnings",
    ]

    /// This verdict as a JSON object with exactly the keys of ``reportKeys``, in that order:
    ///
    /// ```json
    /// {"path":"a.png","size":68,"sniffed":"image/png","charset":null,"description":null,
    ///  "declared":"image/png","effective":"image/png","accepted":true,"reasons":[],"warnings":[]}
    /// ```
    ///
    /// `declared` and `effective` are normalised serialisations (null when absent, unparsable or
    /// rejected); `reasons` and `warnings` hold the stable ``Verdict/Code`` raw values.
    /// `description` is libmagic's description when the sniffer asked for one.
    public func reportObject(path: String) -> JSONValue {
        .object([
            "path": .string(path),
            "size": .number(JSONNumber(sniff.size)),
            "sniffed": .string(sniff.mediaType.essence),
            "charset": sniff.charset.map(JSONValue.string) ?? .null,
            "description": sniff.description.map(JSONValue.string) ?? .null,
            "declared": declared.map { .string($0.description) } ?? .null,
            "effective": effectiveContentType.map { .string($0.description) } ?? .null,
            "accepted": .bool(isAccepted),
            "reasons": .array(reasons.map { .string($0.code.rawValue) }),
            "warnings": .array(warnings.map { .string($0.code.rawValue) }),
        ])
    }

    /// The report of a payload that could not be read: `{"path", "accepted": false, "error"}`.
    public static func failureReportObject(path: String, error: String) -> JSONValue {
        .object([
            "path": .string(path),
            "accepted": .bool(false),
            "error": .string(error),
        ])
    }
}
