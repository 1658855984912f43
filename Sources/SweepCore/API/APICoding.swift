// The JSON conventions of the HTTP API (docs/api.md): ISO 8601 dates, sorted keys. Both ends use
// these coders, so a DTO always round-trips.

import Foundation

/// The JSON encoder and decoder of the `/v1` API.
public enum APICoding {
    /// Encodes a DTO: sorted keys, ISO 8601 dates.
    ///
    /// Results (`TrialCompletion`, `[TrialCompletion]` as outbox files hold them, `ResultBatchRequest`),
    /// which workers encode for every trial, take ``ResultJSONWriter``'s direct path; it writes the
    /// same bytes as the encoder.
    public static func encode(_ value: some Encodable) throws -> Data {
        if let completion = value as? TrialCompletion {
            var writer = ResultJSONWriter()
            try writer.write(completion)
            return Data(writer.bytes)
        }
        if let completions = value as? [TrialCompletion] {
            var writer = ResultJSONWriter(capacity: 1024 * max(1, completions.count))
            try writer.write(completions)
            return Data(writer.bytes)
        }
        if let batch = value as? ResultBatchRequest {
            var writer = ResultJSONWriter(capacity: 1024 * max(1, batch.results.count))
            try writer.write(batch)
            return Data(writer.bytes)
        }
        return try encodeWithFoundation(value)
    }

    /// A result's metrics as JSON text, the bytes `JSONEncoder` with sorted keys writes (the store
    /// keeps them so, once per accepted result), without Codable's generic containers.
    public static func encodeMetrics(_ metrics: [String: Double]) throws -> String {
        var writer = ResultJSONWriter(capacity: 32 * max(1, metrics.count))
        try writer.write(metrics: metrics)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Encodes with Foundation's `JSONEncoder`: every DTO but the results, and their reference.
    static func encodeWithFoundation(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    /// Decodes a DTO; throws `SweepError(.badRequest)` with a one-line reason on malformed JSON.
    ///
    /// The bytes must be strict JSON (``JSONSyntax``: no trailing comma, at most 64 levels deep)
    /// before the decoder, which tolerates more, sees them.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SweepError) -> T {
        if let problem = JSONSyntax.problem(in: data) {
            throw SweepError(.badRequest, "malformed \(T.self): \(problem)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw SweepError(.badRequest, "malformed \(T.self): \(Self.describe(error))")
        } catch {
            throw SweepError(.badRequest, "malformed \(T.self): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).joined(separator: ".")
            return keys.isEmpty ? "" : " at '\(keys)'"
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "invalid value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)'\(path(context))"
        @unknown default:
            return "invalid JSON"
        }
    }
}
