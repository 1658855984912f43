import Foundation
import Hummingbird
import SweepCore

/// A DTO sent as JSON with a chosen status; keeps the SweepCore DTOs free of Hummingbird.
struct JSONResponse<Value: Encodable & Sendable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try APICoding.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Request {
    /// Collects at most `limit` bytes of body (413 beyond) and decodes a DTO (400 when malformed).
    func decodeBody<T: Decodable>(_ type: T.Type, limit: Int, metrics: CoordinatorMetrics) async throws -> T {
        let buffer = try await body.collect(upTo: limit)
        do {
            return try APICoding.decode(type, from: Data(buffer.readableBytesView))
        } catch {
            metrics.recordBadRequest()
            throw error
        }
    }
}
