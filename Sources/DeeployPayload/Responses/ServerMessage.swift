import StrictJSON

/// The message a server put in an error response, made safe and short for logs and terminals.
enum ServerMessage {
    /// JSON members that carry the message, in the order they are looked for.
    static let messageKeys = ["error", "message", "detail"]
    /// Bodies larger than this are not parsed as JSON; their start is read as text.
    static let parseLimit = 1 << 20

    /// The message in `body`, at most `limit` characters (an ellipsis marks a cut), or `nil`
    /// when the body is empty, binary or blank.
    static func extract(from body: [UInt8], mediaType: MediaType?, limit: Int) -> String? {
        guard !body.isEmpty else { return nil }
        if body.count <= parseLimit, let value = try? JSONParser.parse(body), let message = message(in: value) {
            return clean(message, limit: limit, truncated: false)
        }
        guard mediaType.map({ $0.isText || $0.isJSON }) ?? looksLikeText(body) else { return nil }
        // Never decode more than the message can show: a character is at most 4 bytes in UTF-8
        // (and in the other charsets), so this many bytes hold `limit` characters or all of the body.
        let budget = limit.multipliedReportingOverflow(by: 4).partialValue.addingReportingOverflow(8).partialValue
        let prefix = Array(body.prefix(max(budget, 8)))
        let text = Charset.decode(prefix, label: mediaType?.charset) ?? String(decoding: prefix, as: UTF8.self)
        return clean(text, limit: limit, truncated: prefix.count < body.count)
    }

    /// The first of `error`, `message` and `detail` in an object (a nested object's own
    /// `message`, else its compact JSON), or a top-level string.
    static func message(in value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            return text
        case .object(let object):
            for key in messageKeys {
                switch object[key] {
                case nil, .null?: continue
                case .string(let text)?: return text
                case .object(let nested)?:
                    if case .string(let text)? = nested["message"] { return text }
                    return JSONValue.object(nested).jsonString
                case let other?: return other.jsonString
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// `text` with control characters (which could drive a terminal) turned into spaces, trimmed,
    /// and cut to `limit` characters, the last being `…` when anything was cut.
    static func clean(_ text: String, limit: Int, truncated: Bool) -> String? {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        let cleaned = String(scalars).trimmingSpaces()
        guard !cleaned.isEmpty else { return nil }
        let limit = max(limit, 1)
        guard truncated || cleaned.count > limit else { return cleaned }
        return String(cleaned.prefix(limit - 1)) + "…"
    }

    /// Whether bytes without a media type read as UTF-8 text.
    private static func looksLikeText(_ body: [UInt8]) -> Bool {
        var prefix = body.prefix(4096)
        if prefix.count < body.count {
            // Do not judge a character that the cut split: drop a trailing partial sequence.
            var dropped = 0
            while dropped < 3, let last = prefix.last, last & 0xC0 == 0x80 {
                prefix.removeLast()
                dropped += 1
            }
            if let last = prefix.last, last >= 0xC0 { prefix.removeLast() }
        }
        return !prefix.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            && String(validating: prefix, as: UTF8.self) != nil
    }
}

extension String {
    /// This string without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
