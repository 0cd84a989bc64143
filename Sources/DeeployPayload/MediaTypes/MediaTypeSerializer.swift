/// The WHATWG MIME Sniffing standard's "serialize a MIME type"
/// (<https://mimesniff.spec.whatwg.org/#serializing-a-mime-type>).
enum MediaTypeSerializer {
    /// `type/subtype` followed by `;name=value` for each parameter, in order.
    static func serialize(_ mediaType: MediaType) -> String {
        // Without parameters it is the essence, which a common type holds ready-made.
        guard !mediaType.parameters.isEmpty else { return mediaType.essence }
        var result = ""
        result.reserveCapacity(
            mediaType.type.utf8.count + mediaType.subtype.utf8.count + 1
                + mediaType.parameters.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        )
        result += mediaType.type
        result += "/"
        result += mediaType.subtype
        for parameter in mediaType.parameters {
            result += ";"
            result += parameter.name
            result += "="
            appendValue(parameter.value, to: &result)
        }
        return result
    }

    /// Appends a parameter value, quoted only when it is empty or not an HTTP token, with `"`
    /// and `\` escaped inside quotes.
    static func appendValue(_ value: String, to result: inout String) {
        if HTTPCodePoint.isToken(value) {
            result += value
            return
        }
        result += "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" || scalar == "\\" {
                result += "\\"
            }
            result.unicodeScalars.append(scalar)
        }
        result += "\""
    }
}
