import Hummingbird
import SweepCore

/// Answers CONNECT with 405 (the API has no tunnels) before routing, for every path; the connection
/// is then closed by ``ConnectionCloseHandler`` (issue 16, item 6: CONNECT was never answered in full).
struct ConnectMethodMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .connect else { return try await next(request, context) }
        let body = try APICoding.encode(ErrorResponse(code: "http", message: "CONNECT is not supported (allowed: GET, POST)"))
        return Response(
            status: .methodNotAllowed, headers: [.allow: "GET, POST", .contentType: "application/json", .connection: "close"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
