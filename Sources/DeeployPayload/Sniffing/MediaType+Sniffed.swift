extension MediaType {
    /// `application/x-ndjson`: newline-delimited JSON, libmagic's name for it.
    public static var applicationNDJSON: MediaType { .init(uncheckedType: "application", subtype: "x-ndjson") }
    /// `application/x-empty`: libmagic's type for a payload with no bytes.
    public static var applicationXEmpty: MediaType { .init(uncheckedType: "application", subtype: "x-empty") }
}
