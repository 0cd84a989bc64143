/// A range of media types: `*/*`, `type/*` or one exact `type/subtype` (RFC 9110 §12.5.1).
///
/// A range matches a media type by essence; parameters play no part. Parameters written after a
/// range (such as `;q=0.5`) are not kept.
///
/// ```swift
/// MediaRange.anyImage.matches(.imagePNG)   // true
/// MediaRange("text/*")?.matches(.textHTML) // true
/// ```
public struct MediaRange: Sendable, Hashable {
    /// The type in ASCII lowercase, or `*` for any type.
    public let type: String
    /// The subtype in ASCII lowercase, or `*` for any subtype of ``type``.
    public let subtype: String

    private init(uncheckedType type: String, subtype: String) {
        self.type = type
        self.subtype = subtype
    }

    /// The range holding exactly the essence of `mediaType`.
    ///
    /// A wildcard media type such as `image/*` gives the range `image/*`.
    public init?(_ mediaType: MediaType) {
        // "*/json" names no range (RFC 9110 §12.5.1: "*/*" / type "/*" / type "/" subtype).
        if mediaType.type == "*", mediaType.subtype != "*" { return nil }
        self.init(uncheckedType: mediaType.type, subtype: mediaType.subtype)
    }

    /// Parses `*/*`, `type/*` or `type/subtype` with the WHATWG media type parser; `nil` for
    /// anything else, including `*/subtype`.
    public init?(_ string: String) {
        guard let mediaType = MediaType(string) else { return nil }
        self.init(mediaType)
    }

    /// `*/*`: every media type.
    public static var any: MediaRange { .init(uncheckedType: "*", subtype: "*") }
    /// `image/*`: every image type, including `image/svg+xml`.
    public static var anyImage: MediaRange { .init(uncheckedType: "image", subtype: "*") }
    /// `text/*`: every text type, including `text/html` and `text/xml`.
    public static var anyText: MediaRange { .init(uncheckedType: "text", subtype: "*") }

    /// Whether `mediaType`'s essence lies in this range.
    public func matches(_ mediaType: MediaType) -> Bool {
        if type == "*" { return true }
        guard type == mediaType.type else { return false }
        return subtype == "*" || subtype == mediaType.subtype
    }

    /// How specific the range is: 0 for `*/*`, 1 for `type/*`, 2 for an exact type.
    public var specificity: Int {
        type == "*" ? 0 : (subtype == "*" ? 1 : 2)
    }
}

extension MediaRange: CustomStringConvertible {
    /// `type/subtype`, `type/*` or `*/*`.
    public var description: String { type + "/" + subtype }
}
