// The JSON of the results workers keep and send (`TrialCompletion`, the `[TrialCompletion]` of an
// outbox file, `ResultBatchRequest`), written directly: the same bytes as APICoding's JSONEncoder
// (sorted keys; Foundation's number and string forms), without Codable's generic containers.
// Encoding results was 40 % of a worker's CPU in issue 15's profile (each batch is encoded for the
// outbox, then again for the request), and workers share the coordinator's cores. JSONEncoder stays
// the reference: ResultJSONWriterTests compare the two byte for byte on full, sparse and escape-heavy
// results, so a field added to TrialResult and not here fails them.

import Foundation

/// Writes results as JSON, byte-identical to `APICoding`'s `JSONEncoder`.
struct ResultJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// `{"results":[…]}`.
    mutating func write(_ batch: ResultBatchRequest) throws {
        bytes.append(contentsOf: #"{"results":"#.utf8)
        try write(batch.results)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `[…]`: the form of an outbox file with several results.
    mutating func write(_ completions: [TrialCompletion]) throws {
        bytes.append(UInt8(ascii: "["))
        for (index, completion) in completions.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            try write(completion)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Keys in UTF-8 order, as `.sortedKeys` puts them: result, token, trialID.
    mutating func write(_ completion: TrialCompletion) throws {
        var object = ObjectState()
        key("result", &object)
        try write(completion.result)
        key("token", &object)
        string(completion.token)
        key("trialID", &object)
        string(completion.trialID)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The fields in UTF-8 order ("testMSE" before "testMeanAbsError": 'S' < 'e'); nil ones are left out.
    mutating func write(_ result: TrialResult) throws {
        var object = ObjectState()
        if let value = result.cpuSeconds { key("cpuSeconds", &object); try number(value) }
        key("curve", &object)
        bytes.append(UInt8(ascii: "["))
        for (index, point) in result.curve.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            try write(point)
        }
        bytes.append(UInt8(ascii: "]"))
        if let value = result.errorMessage { key("errorMessage", &object); string(value) }
        if let value = result.method { key("method", &object); string(value) }
        key("metrics", &object)
        try write(metrics: result.metrics)
        if let value = result.precision { key("precision", &object); string(value) }
        key("provenance", &object)
        write(result.provenance)
        key("sequences", &object)
        integer(result.sequences)
        if let value = result.steps { key("steps", &object); integer(value) }
        if let value = result.stepsPerSecond { key("stepsPerSecond", &object); try number(value) }
        key("stopReason", &object)
        string(result.stopReason.rawValue)
        key("success", &object)
        bytes.append(contentsOf: (result.success ? "true" : "false").utf8)
        if let value = result.testMSE { key("testMSE", &object); try number(value) }
        if let value = result.testMeanAbsError { key("testMeanAbsError", &object); try number(value) }
        if let value = result.testSize { key("testSize", &object); integer(value) }
        if let value = result.testWrong { key("testWrong", &object); integer(value) }
        if let value = result.wallSeconds { key("wallSeconds", &object); try number(value) }
        if let value = result.weightCount { key("weightCount", &object); integer(value) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// `{"name":value,…}`, names in UTF-8 order: a result's metrics (also what the store keeps of them).
    mutating func write(metrics: [String: Double]) throws {
        var object = ObjectState()
        for (name, value) in metrics.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            key(name, &object)
            try number(value)
        }
        if object.isEmpty { bytes.append(UInt8(ascii: "{")) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ point: LearningCurvePoint) throws {
        var object = ObjectState()
        if let value = point.errorRate { key("errorRate", &object); try number(value) }
        key("sequences", &object)
        integer(point.sequences)
        if let value = point.testLoss { key("testLoss", &object); try number(value) }
        key("trainingLoss", &object)
        try number(point.trainingLoss)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ provenance: Provenance) {
        var object = ObjectState()
        if let value = provenance.build { key("build", &object); string(value) }
        if let value = provenance.host { key("host", &object); string(value) }
        if let value = provenance.version { key("version", &object); string(value) }
        if object.isEmpty { bytes.append(UInt8(ascii: "{")) }
        bytes.append(UInt8(ascii: "}"))
    }

    // MARK: - Tokens

    /// Whether an object has had a key yet: the first key opens it, later ones follow a comma.
    private struct ObjectState {
        var isEmpty = true
    }

    private mutating func key(_ name: String, _ object: inout ObjectState) {
        bytes.append(UInt8(ascii: object.isEmpty ? "{" : ","))
        object.isEmpty = false
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Foundation's form: the shortest round-trip `description`, without a trailing ".0"; a
    /// non-finite value is refused, as JSONEncoder's default strategy refuses it.
    private mutating func number(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Foundation's escapes: quote, backslash, slash, the named controls, `\u00xx` for the rest below 0x20.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): bytes.append(contentsOf: #"\/"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0c: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0a: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0d: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xf)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
