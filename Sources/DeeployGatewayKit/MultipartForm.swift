import DeeployPayload

/// A `multipart/form-data` Content-Type: its boundary, or why it has none the gateway can use.
struct MultipartForm {
    /// The boundary, when the Content-Type has a valid one.
    var boundary: String?
    /// Why the boundary cannot be used, when it cannot.
    var problem: PayloadGate.Reason?

    /// Whether `value` starts with `multipart/` (any case, after spaces and tabs): a look at a
    /// few bytes before parsing, since most requests are not forms and parsing each one's
    /// Content-Type was about 0.25 µs of a 1 KiB JSON request.
    static func mayBeMultipart(_ value: String) -> Bool {
        var start = value.utf8[...]
        while let first = start.first, first == 0x20 || first == 0x09 { start.removeFirst() }
        // The first letter alone settles almost every request (`application/`, `image/`,
        // `text/`): comparing the whole prefix first was 0.2 µs of a 1 KiB JSON request (perf).
        guard let first = start.first, first | 0x20 == UInt8(ascii: "m") else { return false }
        return start.count >= 10 && zip(start, "multipart/".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// The form a Content-Type value declares, or nil when it is not `multipart/form-data` (or
    /// not a media type at all: the gate refuses that as `invalid-declared-type`).
    init?(contentType: String?) {
        guard let contentType, Self.mayBeMultipart(contentType), let type = MediaType(contentType), type.essence == "multipart/form-data"
        else { return nil }
        guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
            problem = PayloadGate.Reason(
                .multipartNoBoundary,
                "the Content-Type is multipart/form-data without a boundary parameter, so the parts cannot be told apart; send it as multipart/form-data; boundary=..., as the form encoder chose it (an HTTP client does this when it builds the form itself)."
            )
            return
        }
        guard boundary.utf8.count <= 70, boundary.utf8.allSatisfy(Self.isBoundaryByte), boundary.utf8.last != 0x20 else {
            problem = PayloadGate.Reason(
                .multipartInvalidBoundary,
                "the multipart boundary \(GatewayText.quoted(boundary.prefix(80))) is not valid: RFC 2046 allows 1 to 70 characters of letters, digits and ' ( ) + _ , - . / : = ? and space (not last)."
            )
            return
        }
        self.boundary = boundary
    }

    /// A byte RFC 2046's `bchars` allows in a boundary.
    static func isBoundaryByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        case UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "_"), UInt8(ascii: ","),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "?"),
             UInt8(ascii: " "): true
        default: false
        }
    }
}

/// A part's `Content-Disposition`: `form-data; name="field"; filename="cat.png"`.
struct ContentDisposition {
    /// The form field's name.
    var name: String?
    /// The file name, when the part is a file (`filename` or `filename*`).
    var fileName: String?

    /// Parses a Content-Disposition value; parameters it cannot read are left out.
    init(_ value: String) {
        for parameter in Self.parameters(of: value) {
            switch parameter.name.lowercased() {
            case "name": name = parameter.value
            case "filename": fileName = parameter.value
            case "filename*": if fileName == nil { fileName = parameter.value }
            default: break
            }
        }
    }

    /// The `name=value` parameters after the disposition type, quoted strings unescaped.
    static func parameters(of value: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var scalars = Substring(value).unicodeScalars[...]
        // Skip the disposition type.
        while let first = scalars.first, first != ";" { scalars.removeFirst() }
        while !scalars.isEmpty {
            scalars.removeFirst()  // ";"
            while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
            var name = ""
            while let first = scalars.first, first != "=", first != ";" { name.unicodeScalars.append(first); scalars.removeFirst() }
            guard scalars.first == "=" else { continue }
            scalars.removeFirst()
            var parameterValue = ""
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let first = scalars.first {
                    scalars.removeFirst()
                    if first == "\"" { break }
                    if first == "\\", let escaped = scalars.first {
                        scalars.removeFirst()
                        parameterValue.unicodeScalars.append(escaped)
                    } else {
                        parameterValue.unicodeScalars.append(first)
                    }
                }
                while let first = scalars.first, first != ";" { scalars.removeFirst() }
            } else {
                while let first = scalars.first, first != ";" { parameterValue.unicodeScalars.append(first); scalars.removeFirst() }
                while parameterValue.unicodeScalars.last == " " || parameterValue.unicodeScalars.last == "\t" {
                    parameterValue.unicodeScalars.removeLast()
                }
            }
            result.append((name.trimmingWhitespace(), parameterValue))
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
