/// Names text without libmagic: HTML, XML, SVG, PDF or plain.
///
/// The rules are the union of these, so that they never miss markup a browser would run or
/// that libmagic would name (tests hold them to it on generated markup and every corpus file):
/// - the WHATWG MIME Sniffing standard's HTML patterns, which open the text (after
///   whitespace), and an XML declaration or `<svg` opening it;
/// - libmagic's HTML and SVG rules, which search the first 4096 characters, anywhere, for
///   `<html`, `<head`, `<title`, `<script`, `<style` or `<table` as a whole tag name,
///   `<a href`, `<!doctype html` and `<!doctype svg`, in any case;
/// - libmagic's PDF rule, which finds `%PDF-` starting in the first 257 characters: such
///   text is `application/pdf`, as libmagic says (found by fuzzing the two against each other).
///
/// UTF-16 text (with its byte-order mark) is read by its code units, as libmagic reads it.
enum BuiltInTextRules {
    /// How far into the text libmagic's HTML rules look: a tag must start in this many
    /// characters (its `search/4096` tests).
    static let htmlSearchRange = 4096

    /// The last offset at which libmagic's PDF rule finds `%PDF-` in text (its `search/256`).
    static let pdfSearchEnd = 256

    /// WHATWG MIME Sniffing §7.1: tags that make a resource sniff as HTML when
    /// they open it (after whitespace), followed by a space or `>`.
    private static let openingHTMLTags: [[UInt8]] = [
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table",
        "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--",
    ].map { Array($0.utf8) }

    /// libmagic's HTML tags, which count anywhere in the first ``htmlSearchRange`` characters
    /// when no letter or digit follows the name.
    private static let searchedHTMLTags: [[UInt8]] = ["html", "head", "title", "script", "style", "table"].map { Array($0.utf8) }

    private static let pdfMarker = Array("%PDF-".utf8)
    private static let xmlDeclaration = Array("<?xml".utf8)
    private static let doctype = Array("!doctype".utf8)
    private static let html = Array("html".utf8)
    private static let svg = Array("svg".utf8)
    private static let svgTag = Array("<svg".utf8)
    private static let anchor = Array("a".utf8)
    private static let href = Array("href".utf8)

    /// Names `text`, a payload's first bytes, which are text in UTF-8 (or ASCII) or in the
    /// UTF-16 of its `byteOrderMark`.
    static func classify(_ text: UnsafeRawBufferPointer, byteOrderMark: TextEvidence.ByteOrderMark?) -> MediaType {
        switch byteOrderMark {
        case .utf16LittleEndian, .utf16BigEndian:
            // Read each code unit as one byte: ASCII as itself, anything else as a byte no rule
            // matches. The rules only ever look for ASCII.
            let bigEndian = byteOrderMark == .utf16BigEndian
            let units = min((text.count - 2) / 2, htmlSearchRange + 32)
            guard units > 0 else { return .textPlain }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: units) { narrow in
                for index in 0..<units {
                    let high = text[2 + 2 * index + (bigEndian ? 0 : 1)]
                    let low = text[2 + 2 * index + (bigEndian ? 1 : 0)]
                    narrow[index] = high == 0 && low < 0x80 ? low : 0x80
                }
                return classifyNarrow(UnsafeRawBufferPointer(narrow), start: 0)
            }
        case .utf8:
            return classifyNarrow(text, start: 3)
        case nil:
            return classifyNarrow(text, start: 0)
        }
    }

    /// Names text whose characters are bytes, starting at `start` (after any byte-order mark).
    private static func classifyNarrow(_ text: UnsafeRawBufferPointer, start: Int) -> MediaType {
        var first = start
        while first < text.count, isWhitespace(text[first]) { first += 1 }
        if ByteView(text).matchesIgnoringCase(xmlDeclaration, at: first) { return .textXML }
        if ByteView(text).matchesIgnoringCase(svgTag, at: first) { return .imageSVG }
        for tag in openingHTMLTags where ByteView(text).matchesIgnoringCase(tag, at: first) {
            let end = first + tag.count
            if end < text.count, text[end] == 0x20 || text[end] == 0x3E { return .textHTML }
        }
        if let markup = searchedMarkup(text, from: start) { return markup }
        return containsPDFMarker(text, from: start) ? .applicationPDF : .textPlain
    }

    /// libmagic's search for a PDF header near the start of text.
    private static func containsPDFMarker(_ text: UnsafeRawBufferPointer, from start: Int) -> Bool {
        let last = min(text.count - pdfMarker.count, start + pdfSearchEnd)
        guard last >= start else { return false }
        for offset in start...last where text[offset] == 0x25 {   // %
            if ByteView(text).matches(pdfMarker, at: offset) { return true }
        }
        return false
    }

    /// libmagic's search for HTML and an SVG doctype in the first ``htmlSearchRange`` characters.
    private static func searchedMarkup(_ text: UnsafeRawBufferPointer, from start: Int) -> MediaType? {
        let end = min(text.count, start + htmlSearchRange)
        var index = start
        while index < end {
            defer { index += 1 }
            guard text[index] == 0x3C else { continue }   // <
            let name = index + 1
            for tag in searchedHTMLTags where ByteView(text).matchesIgnoringCase(tag, at: name) {
                let after = name + tag.count
                if after == text.count || !isLetterOrDigit(text[after]) { return .textHTML }
            }
            if ByteView(text).matchesIgnoringCase(doctype, at: name) {
                let root = skippingWhitespace(text, from: name + doctype.count)
                if ByteView(text).matchesIgnoringCase(html, at: root) { return .textHTML }
                if ByteView(text).matchesIgnoringCase(svg, at: root) { return .imageSVG }
            } else if ByteView(text).matchesIgnoringCase(anchor, at: name) {
                if ByteView(text).matchesIgnoringCase(href, at: skippingWhitespace(text, from: name + 1)) { return .textHTML }
            }
        }
        return nil
    }

    private static func skippingWhitespace(_ text: UnsafeRawBufferPointer, from offset: Int) -> Int {
        var offset = offset
        while offset < text.count, isWhitespace(text[offset]) { offset += 1 }
        return offset
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        let folded = byte | 0x20
        return (folded >= 0x61 && folded <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
