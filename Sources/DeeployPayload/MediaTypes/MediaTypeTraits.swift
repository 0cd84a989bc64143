/// The groups a media type belongs to, decided once from its type and subtype.
///
/// The rules are the WHATWG MIME Sniffing standard's MIME type groups
/// (<https://mimesniff.spec.whatwg.org/#mime-type-groups>) plus the plain checks the
/// acceptance policy asks on every verdict. See ``MediaType/isJSON`` and its neighbours.
struct MediaTypeTraits: OptionSet, Sendable, Hashable {
    let rawValue: UInt16

    static let json = MediaTypeTraits(rawValue: 1 << 0)
    static let xml = MediaTypeTraits(rawValue: 1 << 1)
    static let html = MediaTypeTraits(rawValue: 1 << 2)
    static let pdf = MediaTypeTraits(rawValue: 1 << 3)
    static let image = MediaTypeTraits(rawValue: 1 << 4)
    static let text = MediaTypeTraits(rawValue: 1 << 5)
    static let octetStream = MediaTypeTraits(rawValue: 1 << 6)
    static let wildcard = MediaTypeTraits(rawValue: 1 << 7)
    /// XML, HTML or PDF: a browser may run script from it.
    static let scriptable: MediaTypeTraits = [.xml, .html, .pdf]

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The traits of a lowercase type and subtype.
    init(type: String, subtype: String) {
        var traits: MediaTypeTraits = []
        // A JSON MIME type: a subtype ending in `+json`, or application/json or text/json.
        if subtype.hasSuffix("+json") || (subtype == "json" && (type == "application" || type == "text")) {
            traits.insert(.json)
        }
        // An XML MIME type: a subtype ending in `+xml`, or text/xml or application/xml (RFC 7303).
        if subtype.hasSuffix("+xml") || (subtype == "xml" && (type == "application" || type == "text")) {
            traits.insert(.xml)
        }
        if type == "text" && subtype == "html" { traits.insert(.html) }
        if type == "application" && subtype == "pdf" { traits.insert(.pdf) }
        if type == "image" { traits.insert(.image) }
        if type == "text" { traits.insert(.text) }
        if subtype == "octet-stream" && (type == "application" || type == "binary") { traits.insert(.octetStream) }
        if type == "*" || subtype == "*" { traits.insert(.wildcard) }
        self = traits
    }
}
