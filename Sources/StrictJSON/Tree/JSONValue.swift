/// A JSON value (RFC 8259 §3): the typed tree that ``JSONParser`` builds.
///
/// Objects keep their members' order, numbers keep their source text (see ``JSONNumber``)
/// and strings are Swift strings. Equality follows JSON's meaning: numbers compare by
/// value and objects ignore member order (see ``JSONNumber`` and ``JSONObject``).
///
/// ```swift
/// let value = try JSONParser.parse(#"{"instances": [[1.5, 2]]}"#)
/// value["instances"]?[0]?[1]?.int64Value  // 2
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, with its exact source text.
    case number(JSONNumber)
    /// A string, unescaped.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// An object, in member order.
    case object(JSONObject)
}
