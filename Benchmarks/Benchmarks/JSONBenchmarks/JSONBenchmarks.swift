import Benchmark
import CLibMagic
import Foundation
import StrictJSON

/// StrictJSON against Foundation and libmagic, in the same process and run, on 1 MiB documents.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 200
    )

    for (name, bytes) in documents {
        let data = Data(bytes)

        Benchmark("parse JSONValue: \(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try JSONParser.parse(bytes)) }
        }

        Benchmark("parse JSONSerialization: \(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try JSONSerialization.jsonObject(with: data)) }
        }

        Benchmark("validate JSONValidator: \(name)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(JSONValidator.isValid(bytes)) }
        }

        Benchmark("validate magic_buffer: \(name)") { benchmark in
            guard let cookie = magic_open(MAGIC_MIME_TYPE) else { fatalError("magic_open failed") }
            defer { magic_close(cookie) }
            guard magic_load(cookie, nil) == 0 else { fatalError("magic_load failed") }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                bytes.withUnsafeBytes { buffer in
                    let result = magic_buffer(cookie, buffer.baseAddress, buffer.count)
                    blackHole(result.map { String(cString: $0) })
                }
            }
        }

        Benchmark("validate StreamingJSONValidator 64 KiB chunks: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                var validator = StreamingJSONValidator()
                try bytes.withUnsafeBytes { buffer in
                    var start = 0
                    while start < buffer.count {
                        let end = min(start + 65_536, buffer.count)
                        try validator.consume(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                        start = end
                    }
                }
                try validator.finish()
            }
        }
    }

    let objectsData = Data(objectsDocument)

    Benchmark("decode [Item] StrictJSONDecoder") { benchmark in
        let decoder = StrictJSONDecoder()
        for _ in benchmark.scaledIterations { blackHole(try decoder.decode([Item].self, from: objectsDocument)) }
    }

    Benchmark("decode [Item] JSONDecoder") { benchmark in
        let decoder = JSONDecoder()
        for _ in benchmark.scaledIterations { blackHole(try decoder.decode([Item].self, from: objectsData)) }
    }

    Benchmark("spans: member instances + elements, V1 request") { benchmark in
        for _ in benchmark.scaledIterations {
            guard let instances = try JSONSpans.member("instances", in: requestDocument) else { fatalError("no instances") }
            blackHole(try JSONSpans.elements(ofArrayAt: instances, in: requestDocument))
        }
    }

    Benchmark("spans: topLevelMembers, V1 request") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONSpans.topLevelMembers(of: requestDocument)) }
    }

    // The floor under "parse JSONValue: strings": only making the values, each string's decoded
    // UTF-8 (all of them in one buffer, as the document's are) into a `String`, one allocation
    // each as these are longer than 15 bytes, in an array of known size; no scanning or
    // unescaping of JSON. A parser that hands out its strings as `String`s pays about this.
    Benchmark("floor, making the values only: strings") { benchmark in
        guard case .array(let elements) = try JSONParser.parse(stringsDocument) else { fatalError("not an array") }
        var contents: [UInt8] = []
        var ranges: [Range<Int>] = []
        for element in elements {
            let start = contents.count
            contents.append(contentsOf: (element.stringValue ?? "").utf8)
            ranges.append(start..<contents.count)
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var values: [JSONValue] = []
            values.reserveCapacity(ranges.count)
            contents.withUnsafeBufferPointer { buffer in
                for range in ranges { values.append(.string(String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))) }
            }
            blackHole(JSONValue.array(values))
        }
    }

    Benchmark("serialize JSONValue: small objects") { benchmark in
        let value = try JSONParser.parse(objectsDocument)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(value.serialized()) }
    }
}
