// URLSession from FoundationNetworking (libcurl on Linux): nothing to build, async/await and
// timeouts work; see docs/api.md "Why URLSession".

import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport: plain HTTP with a bearer token.
public final class URLSessionTransport: CoordinatorTransport, @unchecked Sendable {
    // @unchecked: every stored property is immutable after init, and URLSession is thread-safe.
    private let baseURL: URL
    private let token: String?
    private let session: URLSession

    /// Creates a transport to `baseURL` (for example `http://127.0.0.1:8080`).
    public init(baseURL: URL, token: String?, timeout: TimeInterval = 15) {
        self.baseURL = baseURL
        self.token = token
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Sends one request.
    public func send(method: String, path: String, body: Data?) async throws -> TransportResponse {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return TransportResponse(status: status, body: data)
    }
}
