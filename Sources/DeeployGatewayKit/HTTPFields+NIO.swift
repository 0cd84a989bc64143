public import HTTPTypes
public import NIOHTTP1

// The one place where HTTPTypes' `HTTPFields` and NIO's `HTTPHeaders` meet: Vapor and
// AsyncHTTPClient speak `HTTPHeaders`, the gateway and Hummingbird `HTTPFields`.

extension HTTPFields {
    /// The fields of NIO `headers`, in order, repeated names kept as separate fields.
    ///
    /// A name that is not an HTTP token cannot be an `HTTPField` and is left out (NIO's parser
    /// does not let one through); ``droppedNames(converting:)`` lists them.
    public init(_ headers: HTTPHeaders) {
        self.init()
        self.reserveCapacity(headers.count)
        for (name, value) in headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            self.append(HTTPField(name: fieldName, value: value))
        }
    }

    /// The names in `headers` that ``init(_:)`` leaves out because they are not HTTP tokens.
    public static func droppedNames(converting headers: HTTPHeaders) -> [String] {
        headers.compactMap { name, _ in HTTPField.Name(name) == nil ? name : nil }
    }
}

extension HTTPHeaders {
    /// The NIO headers of `fields`, in order, repeated names kept as separate headers.
    public init(_ fields: HTTPFields) {
        self.init()
        self.reserveCapacity(fields.count)
        for field in fields {
            self.add(name: field.name.rawName, value: field.value)
        }
    }
}
