// Bearer-token checks. Without configured tokens (loopback only) every request passes. With
// tokens: no or an unknown token -> 401; the read-only token on a write route -> 403.

import Hummingbird
import SweepCore

/// Which token a route group needs.
enum AccessLevel: Sendable {
    /// Status and metrics: the read or the worker token.
    case read
    /// Claims, heartbeats, results, releases, submissions, cancellations: the worker token.
    case write
}

/// Checks the `Authorization: Bearer …` header of every request of a group.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: AccessTokens?
    let level: AccessLevel
    let metrics: CoordinatorMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let tokens else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            metrics.recordAuthFailure()
            throw SweepError(.unauthorized, "missing bearer token")
        }
        let presented = header.dropFirst("Bearer ".count)
        if Self.constantTimeEquals(presented, tokens.worker) { return try await next(request, context) }
        if let read = tokens.read, Self.constantTimeEquals(presented, read) {
            guard level == .read else {
                metrics.recordAuthFailure()
                throw SweepError(.forbidden, "the read-only token cannot call \(request.uri.path)")
            }
            return try await next(request, context)
        }
        metrics.recordAuthFailure()
        throw SweepError(.unauthorized, "unknown bearer token")
    }

    /// Compares without an early exit, so response timing does not reveal a token's prefix.
    static func constantTimeEquals(_ lhs: Substring, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
