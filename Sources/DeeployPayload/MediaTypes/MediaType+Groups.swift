/// The WHATWG MIME Sniffing standard's MIME type groups
/// (<https://mimesniff.spec.whatwg.org/#mime-type-groups>), and the plain type checks.
///
/// Each is a bit test: the traits are decided once per essence (see ``MediaTypeTraits``).
extension MediaType {
    /// A JSON MIME type: a subtype ending in `+json`, or `application/json` or `text/json`.
    public var isJSON: Bool { traits.contains(.json) }

    /// An XML MIME type: a subtype ending in `+xml` (such as `image/svg+xml`), or `text/xml` or
    /// `application/xml` (RFC 7303).
    public var isXML: Bool { traits.contains(.xml) }

    /// An HTML MIME type: `text/html`.
    public var isHTML: Bool { traits.contains(.html) }

    /// A scriptable MIME type: an XML or HTML MIME type, or `application/pdf`. A browser may run
    /// script from a resource of such a type, so accepting one under `image/*` or `text/*` needs
    /// care.
    public var isScriptable: Bool { !traits.isDisjoint(with: .scriptable) }

    /// An image MIME type: type `image`.
    public var isImage: Bool { traits.contains(.image) }

    /// Type `text`.
    public var isText: Bool { traits.contains(.text) }

    /// `application/octet-stream` or `binary/octet-stream`.
    var isOctetStream: Bool { traits.contains(.octetStream) }

    /// `application/pdf`.
    var isPDF: Bool { traits.contains(.pdf) }
}
