/// The WHATWG MIME Sniffing standard's MIME type groups
/// (<https://mimesniff.spec.whatwg.org/#mime-type-groups>), and the plain type checks.
extension MediaType {
    /// A JSON MIME type: a subtype ending in `+json`, or `application/json` or `text/json`.
    public var isJSON: Bool {
        subtype.hasSuffix("+json") || isEssence("application", "json") || isEssence("text", "json")
    }

    /// An XML MIME type: a subtype ending in `+xml` (such as `image/svg+xml`), or `text/xml` or
    /// `application/xml` (RFC 7303).
    public var isXML: Bool {
        subtype.hasSuffix("+xml") || isEssence("text", "xml") || isEssence("application", "xml")
    }

    /// An HTML MIME type: `text/html`.
    public var isHTML: Bool { isEssence("text", "html") }

    /// A scriptable MIME type: an XML or HTML MIME type, or `application/pdf`. A browser may run
    /// script from a resource of such a type, so accepting one under `image/*` or `text/*` needs
    /// care.
    public var isScriptable: Bool { isXML || isHTML || isEssence("application", "pdf") }

    /// An image MIME type: type `image`.
    public var isImage: Bool { type == "image" }

    /// Type `text`.
    public var isText: Bool { type == "text" }

    private func isEssence(_ type: String, _ subtype: String) -> Bool {
        self.type == type && self.subtype == subtype
    }
}
