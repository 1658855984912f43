// Typed calls of the `/v1` API over a transport. HTTP statuses become WorkerError codes here and
// nowhere else in this module: no answer or 5xx -> .unreachable (retry), 401/403 -> .unauthorized,
// other 4xx -> .rejected.

import Foundation
import SweepCore

/// A client of one coordinator, used by workers and by `submit` / `status`.
public struct CoordinatorClient: Sendable {
    let transport: any CoordinatorTransport

    /// Creates a client over a transport.
    public init(transport: any CoordinatorTransport) {
        self.transport = transport
    }

    /// Leases up to `request.count` trials.
    public func claim(_ request: ClaimRequest) async throws -> ClaimResponse {
        try await call("POST", "v1/trials/claim", request)
    }

    /// Renews one lease.
    public func heartbeat(trialID: String, token: String) async throws -> HeartbeatResponse {
        try await call("POST", "v1/trials/\(trialID)/heartbeat", HeartbeatRequest(token: token))
    }

    /// Reports one result; a 409 (stale token) is answered as `.lateDuplicate`, not thrown.
    public func reportResult(_ completion: TrialCompletion) async throws -> CompletionResult {
        do {
            let reply: ResultResponse = try await call(
                "POST", "v1/trials/\(completion.trialID)/result",
                ResultRequest(token: completion.token, result: completion.result))
            return reply.status
        } catch let error as WorkerError where error.status == 409 {
            return .lateDuplicate
        }
    }

    /// Reports many results in one request.
    public func reportResults(_ completions: [TrialCompletion]) async throws -> ResultBatchResponse {
        try await call("POST", "v1/results", ResultBatchRequest(results: completions))
    }

    /// Submits a sweep file's text.
    public func submit(_ request: SubmitRequest) async throws -> SubmitResponse {
        try await call("POST", "v1/sweeps", request)
    }

    /// Cancels a sweep.
    public func cancel(sweepName: String) async throws -> CancelResponse {
        let empty: [String: String] = [:]
        return try await call("POST", "v1/sweeps/\(sweepName)/cancel", empty)
    }

    /// Counts by state.
    public func status() async throws -> StatusResponse {
        try await call("GET", "v1/status", nil as [String: String]?)
    }

    func call<Body: Encodable, Reply: Decodable>(_ method: String, _ path: String, _ body: Body?) async throws -> Reply {
        let data = try body.map { try APICoding.encode($0) }
        let response: TransportResponse
        do {
            response = try await transport.send(method: method, path: path, body: data)
        } catch {
            throw WorkerError(.unreachable, "no answer from the coordinator: \(error)")
        }
        guard (200..<300).contains(response.status) else {
            let message = (try? APICoding.decode(ErrorResponse.self, from: response.body))?.message
                ?? String(decoding: response.body.prefix(200), as: UTF8.self)
            let detail = "\(method) /\(path): HTTP \(response.status): \(message)"
            switch response.status {
            case 401, 403: throw WorkerError(.unauthorized, detail, status: response.status)
            case 408, 429, 500...: throw WorkerError(.unreachable, detail, status: response.status)
            default: throw WorkerError(.rejected, detail, status: response.status)
            }
        }
        do {
            return try APICoding.decode(Reply.self, from: response.body)
        } catch {
            throw WorkerError(.malformedReply, "\(method) /\(path): \(error.description)", status: response.status)
        }
    }
}
