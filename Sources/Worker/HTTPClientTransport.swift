// The production transport: async-http-client over SwiftNIO. It replaced URLSession, whose Linux
// implementation (FoundationNetworking over libcurl's multi interface and Dispatch sources) kept a
// core 60–100 % busy while a request waited on a slow or silent coordinator: with 64 workers on two
// cores, the workers starved the coordinator they were waiting for (docs/api.md, "Why
// async-http-client"). A NIO event loop waiting on a socket costs nothing.

import AsyncHTTPClient
import Foundation
import NIOCore

/// Plain HTTP to one coordinator, with a bearer token.
public struct HTTPClientTransport: CoordinatorTransport {
    /// The largest answer read: a status or report; results and claims are far smaller.
    static let maxResponseBytes = 64 << 20

    private let baseURL: String
    private let token: String?
    private let timeout: TimeAmount

    /// Creates a transport to `baseURL` (for example `http://127.0.0.1:8080`); a request that gets
    /// no complete answer within `timeout` seconds throws.
    public init(baseURL: URL, token: String?, timeout: TimeInterval = 15) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.timeout = .milliseconds(Int64(timeout * 1000))
    }

    /// Sends one request on the process-wide client (a connection pool on NIO's singleton event loops).
    public func send(method: String, path: String, body: Data?) async throws -> TransportResponse {
        var request = HTTPClientRequest(url: baseURL + "/" + path)
        request.method = .init(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        return TransportResponse(status: Int(response.status.code), body: Data(buffer.readableBytesView))
    }
}
