// The one place where errors become HTTP statuses (style rule 5). Every error answer carries an
// ErrorResponse body. Errors that are neither SweepError nor HTTPError become 500 in Hummingbird.

import Foundation
import Hummingbird
import SweepCore

extension SweepError: HTTPResponseError {
    /// The status of each error code.
    public var status: HTTPResponse.Status {
        switch code {
        case .invalidSweep, .unknownParameter, .wrongType, .badRange, .unknownPreset, .syntax, .inconsistent, .badRequest:
            .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict, .staleToken: .conflict
        }
    }

    /// A JSON `ErrorResponse` with the code and the one-line description.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if code == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        let body = try APICoding.encode(ErrorResponse(code: code.rawValue, message: description))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
