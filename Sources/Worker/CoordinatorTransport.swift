// The worker's only dependency on an HTTP client: HTTPClientTransport (async-http-client) in
// production, scripted fakes in tests.

import Foundation

/// One HTTP exchange with the coordinator: method, path under the base URL, JSON body.
public protocol CoordinatorTransport: Sendable {
    /// Sends a request and returns the status and body; throws only when no answer came.
    func send(method: String, path: String, body: Data?) async throws -> TransportResponse
}

/// What came back.
public struct TransportResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
