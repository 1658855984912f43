// The request generator of HTTPFuzzTests: seeded, so a failing run replays. Each request is raw
// bytes for one connection, built from a route, a token choice, a body and a head, any of which
// may be broken.

import Foundation

/// One fuzz request: its bytes, a label for reports, and whether the client hangs up without reading.
struct FuzzRequest {
    var bytes: [UInt8]
    var kind: String
    var dropAfterSending = false
}

/// An endless, seeded stream of malformed (and some well-formed) requests to the `/v1` API.
struct FuzzRequests {
    private var state: UInt64
    let port: Int
    let workerToken: String
    let readToken: String

    init(seed: UInt64, port: Int, workerToken: String, readToken: String) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
        self.port = port
        self.workerToken = workerToken
        self.readToken = readToken
    }

    /// SplitMix64.
    private mutating func random() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(random() % UInt64(bound)) }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    private mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random()) } }

    static let result = #"{"success":true,"stopReason":"success","sequences":1,"metrics":{},"curve":[],"provenance":{}}"#
    /// Every route with a well-formed body.
    static let routes: [(method: String, path: String, body: String?)] = [
        ("GET", "/v1/health", nil),
        ("POST", "/v1/trials/claim", #"{"workerID":"fuzz","count":1}"#),
        ("POST", "/v1/trials/{id}/heartbeat", #"{"token":"t"}"#),
        ("POST", "/v1/trials/{id}/result", #"{"token":"t","result":\#(result)}"#),
        ("POST", "/v1/trials/{id}/release", #"{"token":"t"}"#),
        ("POST", "/v1/results", #"{"results":[{"trialID":"x","token":"t","result":\#(result)}]}"#),
        ("POST", "/v1/sweeps", #"{"yaml":"name: fuzz\npreset: toy\nseeds: 50\n","fileName":"f.yaml"}"#),
        ("POST", "/v1/sweeps/{name}/cancel", "{}"),
        ("GET", "/v1/status", nil),
        ("GET", "/v1/sweeps/{name}/report", nil),
        ("POST", "/v1/trials/heartbeat", #"{"leases":[{"trialID":"x","token":"t"}]}"#),
        ("POST", "/v1/sweeps/{name}/retry", "{}"),
        ("GET", "/", nil),
        ("GET", "/v1/dashboard/overview", nil),
        ("GET", "/v1/dashboard/sweeps/{name}/configurations", nil),
        ("GET", "/v1/dashboard/sweeps/{name}/plots/success?x=toy.x", nil),
        ("GET", "/v1/dashboard/sweeps/{name}/plots/{id}", nil),
        ("GET", "/metrics", nil),
    ]

    static let wrongTypes = [
        #"{"workerID":5}"#, #"{"workerID":"w","count":"many"}"#, #"{"token":[]}"#, #"{"token":null}"#, #"[]"#, #""text""#,
        #"{"results":{}}"#, #"{"results":[1,2]}"#, #"{"yaml":7,"fileName":true}"#, #"{"token":"t","result":{"success":"yes"}}"#,
        #"{"workerID":"w","count":-99999999999999999999}"#, #"{"workerID":"w","count":1e400}"#, "{\"workerID\":\"\\ud800\"}",
    ]

    mutating func next() -> FuzzRequest {
        var route = pick(Self.routes)
        let mode = below(16)
        // Paths: ids and names, sometimes hostile.
        let id = pick([String(repeating: "a", count: 64), "..", "%00", "%ZZ", "%2e%2e", String(repeating: "x", count: 3000), "fuzz"])
        let name = pick(["fuzz", "%CE%A9mega", "caf%C3%A9", "%FF%FE", "..", "", "a%2Fb", String(repeating: "n", count: 2000)])
        route.path = route.path.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{name}", with: name)
        var method = route.method
        var body = route.body.map { Array($0.utf8) } ?? []
        var headers: [(String, String)] = [("Host", "127.0.0.1:\(port)"), ("Connection", "close")]
        var kind = "\(method) \(route.path.prefix(40))"
        var drop = false

        switch mode {
        case 0:  // truncated JSON
            body = Array(body.prefix(below(max(1, body.count))))
            kind += " truncated"
        case 1:  // a trailing comma before the last closing bracket
            if let last = body.lastIndex(where: { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") }) { body.insert(UInt8(ascii: ","), at: last) }
            kind += " trailing comma"
        case 2:  // one byte flipped
            if !body.isEmpty { body[below(body.count)] = UInt8(truncatingIfNeeded: random()) }
            kind += " flipped byte"
        case 3:  // wrong types
            body = Array(pick(Self.wrongTypes).utf8)
            kind += " wrong types"
        case 4:  // random bytes as the body
            body = bytes(below(4096))
            kind += " random body"
        case 5:  // deep nesting
            let depth = pick([63, 64, 65, 1000, 100_000])
            body = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            kind += " nested \(depth)"
        case 6:  // a body past its route's limit (the largest, 16 MiB + 1, only rarely)
            let size = below(20) == 0 ? 16 * 1024 * 1024 + 1 : pick([16 * 1024 + 1, 1024 * 1024 + 1])
            body = Array("{\"token\":\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: size) + Array("\"}".utf8)
            kind += " body \(size)"
        case 7:  // a head at, near and past the 64 KiB limit
            let size = pick([60 * 1024, 64 * 1024 - 200, 64 * 1024 + 1, 100 * 1024, 1024 * 1024])
            headers.append(("X-Pad", String(repeating: "p", count: size)))
            kind += " head \(size)"
        case 8:  // too many header fields
            for index in 0..<pick([99, 150, 2000]) { headers.append(("X-F\(index)", "v")) }
            kind += " many fields"
        case 9:  // a long request target
            route.path += "?" + String(repeating: "q", count: pick([1000, 70 * 1024]))
            kind += " long target"
        case 10:  // odd methods
            method = pick(["DELETE", "PUT", "PATCH", "OPTIONS", "TRACE", "CONNECT", "HEAD", "BREW", "G\u{0}T"])
            kind = "\(method) \(route.path.prefix(40))"
        case 11:  // random bytes as the whole request
            return FuzzRequest(bytes: bytes(1 + below(2048)) + Array("\r\n\r\n".utf8), kind: "random request")
        case 12:  // a body shorter than its Content-Length, then the client hangs up
            drop = true
            headers.append(("Content-Length", String(body.count + 100)))
            kind += " short body, dropped"
        case 13:  // chunked body with broken chunks
            headers.append(("Transfer-Encoding", "chunked"))
            let chunk = String(body.count, radix: 16)
            body = Array((pick(["zz", chunk, "-1", "ffffffffffffffffff"]) + "\r\n").utf8) + body + Array("\r\n0\r\n\r\n".utf8)
            kind += " chunked"
        default:  // well-formed
            break
        }
        // Tokens: mostly the worker token; sometimes none, a wrong one, the read one, or garbage.
        switch below(8) {
        case 0: break
        case 1: headers.append(("Authorization", "Bearer wrong-token-wrong-token-wrong"))
        case 2: headers.append(("Authorization", "Bearer \(readToken)"))
        case 3: headers.append(("Authorization", pick(["Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer \(workerToken)x", "bearer \(workerToken)"])))
        default: headers.append(("Authorization", "Bearer \(workerToken)"))
        }
        if method == "POST" || mode == 4, mode != 12, mode != 13 { headers.append(("Content-Length", String(body.count))) }
        if method != "POST", mode != 4, mode != 12, mode != 13 { body = [] }
        var head = "\(method) \(route.path) HTTP/1.1\r\n"
        for (field, value) in headers { head += "\(field): \(value)\r\n" }
        return FuzzRequest(bytes: Array((head + "\r\n").utf8) + body, kind: kind, dropAfterSending: drop)
    }
}
