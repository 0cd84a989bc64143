public import StrictJSON

/// One prediction of an inference call: the request entry and the response entry that belong
/// together, each as a complete JSON body.
///
/// For a split call, ``requestBody`` is the original request with the split array holding only
/// entry ``index``, every other member byte for byte as sent; ``responseBody`` likewise. For a
/// call that was not split there is one prediction log with the whole bodies. A side whose
/// body is not JSON (an image, a binary response, JSON that does not parse) has `nil` here; its
/// bytes are in the ``RequestLog``.
public struct PredictionLog: Sendable, Hashable {
    /// The entry's position, from 0.
    public var index: Int
    /// The request body for this entry, exact JSON bytes.
    public var requestBody: [UInt8]?
    /// The response body for this entry, exact JSON bytes.
    public var responseBody: [UInt8]?

    /// Creates a prediction log.
    public init(index: Int, requestBody: [UInt8]?, responseBody: [UInt8]?) {
        self.index = index
        self.requestBody = requestBody
        self.responseBody = responseBody
    }

    /// The request body parsed, or `nil` when there is none; parsed on each call.
    public func requestJSON(options: JSONOptions = .init()) throws(JSONError) -> JSONValue? {
        guard let requestBody else { return nil }
        return try JSONParser.parse(requestBody, options: options)
    }

    /// The response body parsed, or `nil` when there is none; parsed on each call.
    public func responseJSON(options: JSONOptions = .init()) throws(JSONError) -> JSONValue? {
        guard let responseBody else { return nil }
        return try JSONParser.parse(responseBody, options: options)
    }
}
