// Issue 16, slow suite (b): an HTTP fuzz of a real `serve` process with tokens. 6,000 requests, each
// on its own raw connection, over every route: malformed JSON, wrong types, trailing commas, deep
// nesting, bodies past their limits, heads at and past the 64 KiB limit, too many header fields,
// long paths, percent-encoding garbage, odd methods, missing, wrong and read-only tokens, random
// bytes, and connections dropped half-way. It passes only if no answer is a 5xx, the coordinator
// stays up and answers its health check, and its open descriptors and RSS are flat: after the run
// (and a settling wait) at most `descriptorTolerance` more descriptors and `residentToleranceKiB`
// more RSS than after the warm-up. It prints the status counts and the figures before and after.
// Slow (LSTM_SWEEP_SLOW=1, run by .ci/slow); loopback only; the generator is seeded, so a failure
// replays.

import Foundation
import SweepCore
import Testing

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["LSTM_SWEEP_SLOW"] == "1"))
struct HTTPFuzzTests {
    static let requests = 6_000
    static let warmUp = 300
    static let descriptorTolerance = 8
    static let residentToleranceKiB = 32 * 1024
    static let workerToken = "3f9a0c1e5b7d2468ace13579bdf02468ace13579bdf0a1b2"
    static let readToken = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f"

    @Test func thousandsOfMalformedRequestsLeaveTheCoordinatorUpAndFlat() async throws {
        let cluster = try ClusterHarness("http-fuzz")
        defer { cluster.shutdown() }
        let tokens = cluster.path("tokens")
        try "worker=\(Self.workerToken)\nread=\(Self.readToken)\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokens)
        let server = try await cluster.startCoordinator(["--token-file", tokens, "--idle-seconds", "2"])
        // A sweep, so that claims, reports and cancels have something to act on.
        let sweep = try cluster.sweepFile("fuzz", "name: fuzz\npreset: toy\nseeds: 50\n")
        let (submitted, log) = try await cluster.run(["submit", sweep, "--coordinator", cluster.url, "--token-file", tokens])
        try #require(submitted == 0, "\(log)")

        var generator = FuzzRequests(seed: 16, port: cluster.port, workerToken: Self.workerToken, readToken: Self.readToken)
        var counts: [String: Int] = [:]
        var serverErrors: [String] = []
        func fire(_ count: Int) throws {
            for _ in 0..<count {
                let request = generator.next()
                let client = try RawConnection(port: cluster.port, timeout: 10)
                let sent = client.send(request.bytes)
                let key: String
                if request.dropAfterSending {
                    key = "dropped by the client"
                } else {
                    let (bytes, closed) = client.receiveAll(limit: 4 << 20)
                    if let status = RawConnection.status(of: bytes) {
                        key = String(status)
                        if status >= 500 { serverErrors.append("\(status) for \(request.kind)") }
                    } else {
                        key = closed || !sent ? "closed without an answer" : "no answer within 10 s"
                    }
                }
                counts["\(key)", default: 0] += 1
                client.close()
            }
        }

        // Given the coordinator after a warm-up of the same traffic
        try fire(Self.warmUp)
        _ = await cluster.waitUntil(seconds: 5) { false }
        let descriptorsBefore = ProcessFigures.openDescriptors(server.pid)
        let residentBefore = ProcessFigures.residentKiB(server.pid)
        counts = [:]

        // When thousands more arrive
        let started = ContinuousClock.now
        try fire(Self.requests)
        let elapsed = ContinuousClock.now - started

        // Then it is up, answers, and its descriptors and memory settle back
        #expect(server.process.isRunning, "the coordinator exited: \(server.output.suffix(2000))")
        #expect(try await cluster.request("GET", "/v1/health").0 == 200)
        // Past the 2 s idle timeout, every connection of the run is closed.
        _ = await cluster.waitUntil(seconds: 3) { false }
        let settled = await cluster.waitUntil(seconds: 10) {
            ProcessFigures.openDescriptors(server.pid) <= descriptorsBefore + Self.descriptorTolerance
        }
        let descriptorsAfter = ProcessFigures.openDescriptors(server.pid)
        let residentAfter = ProcessFigures.residentKiB(server.pid)
        let table = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("[http-fuzz] \(Self.requests) requests in \(elapsed) (after \(Self.warmUp) warm-up); statuses: \(table)")
        print("[http-fuzz] open descriptors \(descriptorsBefore) -> \(descriptorsAfter); RSS \(residentBefore / 1024) MiB -> \(residentAfter / 1024) MiB (\(residentBefore) -> \(residentAfter) KiB)")
        #expect(serverErrors.isEmpty, "\(serverErrors.prefix(20))")
        #expect(counts.values.reduce(0, +) == Self.requests)
        #expect(counts["no answer within 10 s"] == nil)
        #expect(settled, "descriptors \(descriptorsBefore) -> \(descriptorsAfter)")
        #expect(residentAfter <= residentBefore + Self.residentToleranceKiB, "RSS \(residentBefore) -> \(residentAfter) KiB")
    }
}
