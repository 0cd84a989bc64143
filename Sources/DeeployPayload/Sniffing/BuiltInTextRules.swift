/// Names text without libmagic: HTML by the WHATWG MIME Sniffing standard's
/// HTML patterns, XML by its declaration, plain text otherwise.
enum BuiltInTextRules {
    /// WHATWG MIME Sniffing §7.1: tags that make a resource sniff as HTML when
    /// they open it (after whitespace), followed by a space or `>`.
    private static let htmlTags: [[UInt8]] = [
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE",
        "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
    ].map { Array($0.utf8) }

    static func classify(_ text: UnsafeRawBufferPointer) -> MediaType {
        var start = 0
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { start = 3 }
        while start < text.count, [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(text[start]) { start += 1 }
        for tag in htmlTags where matchesIgnoringCase(text, tag, at: start) {
            let end = start + tag.count
            if end < text.count, text[end] == 0x20 || text[end] == 0x3E { return .textHTML }
        }
        if matchesIgnoringCase(text, Array("<?XML".utf8), at: start) {
            return MediaType(uncheckedType: "text", subtype: "xml")
        }
        return .textPlain
    }

    private static func matchesIgnoringCase(_ text: UnsafeRawBufferPointer, _ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= text.count else { return false }
        for (index, expected) in pattern.enumerated() {
            var byte = text[offset + index]
            if byte >= 0x61 && byte <= 0x7A { byte -= 0x20 }
            if byte != expected { return false }
        }
        return true
    }
}
