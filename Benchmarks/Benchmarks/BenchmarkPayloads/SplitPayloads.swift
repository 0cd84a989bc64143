import DeeployTestSupport

/// A V1 request of `instances` rows of `width` numbers each, and its response of one
/// prediction per row, generated deterministically (no randomness between runs).
///
/// With the defaults the request is about 100 MB: 100,000 rows of 100 numbers such as
/// `0.734219`. Bytes are written directly, so generating costs far less than splitting.
public enum SplitPayloads {
    public static func make(instances: Int = 100_000, width: Int = 100) -> (request: [UInt8], response: [UInt8]) {
        // Good enough spread for number spellings of varied length.
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func appendNumber(_ bytes: inout [UInt8]) {
            let value = random.next()
            if value & 7 == 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(UInt8(ascii: "0") + UInt8((value >> 8) % 10))
            bytes.append(UInt8(ascii: "."))
            var digits = (value >> 16) % 1_000_000
            var text = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
            for index in (0..<6).reversed() {
                text[index] = UInt8(ascii: "0") + UInt8(digits % 10)
                digits /= 10
            }
            bytes.append(contentsOf: text)
        }

        var request: [UInt8] = []
        // At most 9 bytes a number and 2 between: reserved once, so the array never grows by copying.
        request.reserveCapacity(instances * (width * 11 + 4) + 128)
        request.append(contentsOf: #"{"signature_name": "serving_default", "instances": ["#.utf8)
        for row in 0..<instances {
            if row > 0 { request.append(contentsOf: ", ".utf8) }
            request.append(UInt8(ascii: "["))
            for column in 0..<width {
                if column > 0 { request.append(contentsOf: ", ".utf8) }
                appendNumber(&request)
            }
            request.append(UInt8(ascii: "]"))
        }
        request.append(contentsOf: #"], "parameters": {"threshold": 0.5}}"#.utf8)

        var response: [UInt8] = []
        response.reserveCapacity(instances * 11 + 64)
        response.append(contentsOf: #"{"predictions": ["#.utf8)
        for row in 0..<instances {
            if row > 0 { response.append(contentsOf: ", ".utf8) }
            appendNumber(&response)
        }
        response.append(contentsOf: #"], "model": "iris"}"#.utf8)
        return (request, response)
    }
}
