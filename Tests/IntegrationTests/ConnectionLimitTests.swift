// Issue 16, defect 3: oversized request heads got their 400, but the coordinator kept each
// connection open (fds 21 -> 290 over 400 requests), until it stopped answering altogether.
// These run against a real `serve` process and count its /proc/<pid>/fd.

import Foundation
import Testing

struct ConnectionLimitTests {
    /// The request target, header names and values of one request, in bytes (docs/api.md, Limits).
    static let headLimit = 64 * 1024

    /// A GET of `/v1/health` whose one extra header brings the head's target, names and values to `bytes`.
    static func request(headBytes bytes: Int) -> String {
        let fixed = "/v1/health".utf8.count + "Host".utf8.count + "127.0.0.1".utf8.count + "X-Pad".utf8.count
        return "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + String(repeating: "a", count: bytes - fixed)
            + "\r\n\r\n"
    }

    @Test func oversizedHeadsGetA400AndTheirConnectionsAreClosed() async throws {
        let cluster = try ClusterHarness("oversized-heads")
        defer { cluster.shutdown() }
        let server = try await cluster.startCoordinator()
        let before = ProcessFigures.openDescriptors(server.pid)

        // Given 100 clients that send a 100 KiB head and then keep their sockets open
        var clients: [RawConnection] = []
        var statuses: [Int?] = []
        for _ in 0..<100 {
            let client = try RawConnection(port: cluster.port, timeout: 2)
            client.send(Self.request(headBytes: 100 * 1024))
            let (bytes, closed) = client.receiveAll()
            statuses.append(RawConnection.status(of: bytes))
            #expect(closed, "the coordinator kept the connection open after its answer")
            clients.append(client)
        }
        // Then each got a 400, and the coordinator closed its end of every connection
        #expect(statuses.allSatisfy { $0 == 400 }, "\(statuses)")
        let settled = await cluster.waitUntil(seconds: 10) { ProcessFigures.openDescriptors(server.pid) <= before + 5 }
        #expect(settled, "descriptors: \(before) before, \(ProcessFigures.openDescriptors(server.pid)) after")
        for client in clients { client.close() }
        #expect(try await cluster.request("GET", "/v1/health").0 == 200)
    }

    @Test func aHeadOnePastTheLimitIsRefused() async throws {
        let cluster = try ClusterHarness("head-past-limit")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator()
        let client = try RawConnection(port: cluster.port, timeout: 5)
        client.send(Self.request(headBytes: Self.headLimit + 1))
        let (bytes, closed) = client.receiveAll()
        #expect(RawConnection.status(of: bytes) == 400)
        #expect(closed)
    }

    @Test func aHeadAtTheLimitIsAnswered() async throws {
        let cluster = try ClusterHarness("head-at-limit")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator()
        let exact = try RawConnection(port: cluster.port)
        exact.send(Self.request(headBytes: Self.headLimit))
        // The answer to a kept-alive request: read until the body ("ok\n") arrived.
        let received = exact.receive(until: "ok\n")
        #expect(RawConnection.status(of: received) == 200, "\(String(decoding: received, as: UTF8.self))")
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        let cluster = try ClusterHarness("idle-timeout")
        defer { cluster.shutdown() }
        let server = try await cluster.startCoordinator(["--idle-seconds", "1"])
        let before = ProcessFigures.openDescriptors(server.pid)
        // Given clients that connect and send nothing, or half a head, and then wait
        let silent = try RawConnection(port: cluster.port, timeout: 30)
        let halfHead = try RawConnection(port: cluster.port, timeout: 30)
        halfHead.send("GET /v1/health HTTP/1.1\r\nHost: 127.")
        // Then the coordinator closes both (well before the clients' 30 s timeout)
        #expect(silent.receiveAll().closed)
        #expect(halfHead.receiveAll().closed)
        let settled = await cluster.waitUntil(seconds: 10) { ProcessFigures.openDescriptors(server.pid) <= before }
        #expect(settled, "descriptors: \(before) before, \(ProcessFigures.openDescriptors(server.pid)) after")
    }

    /// The other side of the idle limit: a connection idle for well under it is still served.
    @Test func aConnectionIdleForLessThanTheTimeoutIsStillServed() async throws {
        let cluster = try ClusterHarness("idle-within")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator(["--idle-seconds", "6"])
        // Given a client that connects and says nothing for 1 s (a sixth of the limit)
        let client = try RawConnection(port: cluster.port, timeout: 30)
        try await Task.sleep(for: .seconds(1))
        // Then its request is answered on the same connection
        #expect(client.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        #expect(RawConnection.status(of: client.receiveAll().bytes) == 200)
    }

    /// Issue 16, item 6: a CONNECT got a 404 without a length and the connection stayed open, so the
    /// client waited for the rest of an answer that never came.
    @Test(arguments: ["CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n", "CONNECT /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"])
    func connectIsAnswered405AndTheConnectionClosed(request: String) async throws {
        let cluster = try ClusterHarness("connect")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator()
        let client = try RawConnection(port: cluster.port, timeout: 10)
        client.send(request)
        let (bytes, closed) = client.receiveAll()
        #expect(RawConnection.status(of: bytes) == 405, "\(String(decoding: bytes, as: UTF8.self))")
        #expect(closed)
    }

    /// At most 100 header fields: `Host` and 99 more is answered; one more is a 400 and a close.
    @Test(arguments: [(99, 200), (100, 400)])
    func headerFieldsAtTheLimitAndOnePast(extra: Int, expected: Int) async throws {
        let cluster = try ClusterHarness("header-fields")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator()
        let client = try RawConnection(port: cluster.port, timeout: 10)
        let fields = (0..<extra).map { "X-F\($0): v\r\n" }.joined()
        // No "Connection: close" (it would be one more field): read until the body or the close.
        client.send("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + "\r\n")
        let received = client.receive(until: "ok\n")
        #expect(RawConnection.status(of: received) == expected, "\(String(decoding: received, as: UTF8.self))")
    }
}
