import StrictJSON

/// Runs every reader on one document so suites can check that they agree.
enum Readers {
    static func validatorError(_ bytes: [UInt8], _ options: JSONOptions = .init()) -> JSONError? {
        do {
            try JSONValidator.validate(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    static func parserError(_ bytes: [UInt8], _ options: JSONOptions = .init()) -> JSONError? {
        do {
            _ = try JSONParser.parse(bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    /// Streams `bytes` in chunks that end at each of `cuts`.
    static func streamingError(_ bytes: [UInt8], cuts: [Int], _ options: JSONOptions = .init()) -> JSONError? {
        var validator = StreamingJSONValidator(options: options)
        do {
            var start = 0
            for cut in cuts + [bytes.count] where cut >= start {
                try validator.consume(bytes[start..<cut])
                start = cut
            }
            try validator.finish()
            return nil
        } catch {
            return error
        }
    }
}
