extension MediaType {
    /// `application/x-ndjson`: newline-delimited JSON, libmagic's name for it.
    public static var applicationNDJSON: MediaType { .init(known: .applicationNDJSON) }
    /// `application/x-empty`: libmagic's type for a payload with no bytes.
    public static var applicationXEmpty: MediaType { .init(known: .applicationXEmpty) }
}
