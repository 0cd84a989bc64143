import Benchmark
import DeeployPayload

/// Parsing and serialising typical Content-Type values and building the Authorization header,
/// each next to copying the same string (allocate, copy, validate UTF-8) in the same run.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )

    let contentTypes: [(String, String)] = [
        ("json", "application/json"),
        ("json charset", "application/json; charset=utf-8"),
        ("mixed case quoted", #"Application/JSON; Charset="UTF-8""#),
        ("multipart boundary", "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
    ]

    for (name, value) in contentTypes {
        Benchmark("baseline copy string: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(copy(value))
            }
        }

        Benchmark("MediaType parse: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(MediaType(value))
            }
        }

        Benchmark("MediaType parse + serialise: \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(MediaType(value)?.description)
            }
        }

        Benchmark("ContentTypeHeader.normalize: \(name)") { benchmark in
            let values = [value]
            for _ in benchmark.scaledIterations {
                blackHole(try ContentTypeHeader.normalize(values))
            }
        }
    }

    let accessKey = "AKIAIOSFODNN7EXAMPLE"
    let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3ltZW50In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    Benchmark("baseline copy string: ACCESS:SECRET") { benchmark in
        let pair = accessKey + ":" + secretKey
        for _ in benchmark.scaledIterations {
            blackHole(copy(pair))
        }
    }

    Benchmark("Authorization Basic: authorizationField") { benchmark in
        let credentials = try Credentials.personalKeyPair(accessKey: accessKey, secretKey: secretKey)
        for _ in benchmark.scaledIterations {
            blackHole(credentials.authorizationField())
        }
    }

    Benchmark("Authorization Basic: validate + authorizationField") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Credentials.personalKeyPair(accessKey: accessKey, secretKey: secretKey).authorizationField())
        }
    }

    Benchmark("baseline copy string: token") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(copy(token))
        }
    }

    Benchmark("Authorization Bearer: validate + authorizationField") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Credentials.deploymentToken(token).authorizationField())
        }
    }
}

/// A real copy: new storage, the bytes copied and validated as UTF-8.
@inline(never)
func copy(_ string: String) -> String {
    string.withCString { String(cString: $0) }
}
