import Foundation
import SweepCore
import Synchronization
import Worker

/// A scripted coordinator behind the transport protocol: grants up to the requested count of queued
/// claims, then answers results (or fails everything while `down`, results only while `resultsDown`).
final class FakeCoordinator: CoordinatorTransport, Sendable {
    struct State {
        var queue: [Claim] = []
        var down = false
        var heartbeatStatus: RenewResult = .ok
        var received: [TrialCompletion] = []
        var heartbeats = 0
        /// The number of leases in each batched heartbeat request.
        var heartbeatBatches: [Int] = []
        var resultsDown = false
        /// The lease the fake grants, in seconds.
        var leaseSeconds: Double = 30
        /// The `count` of each claim request, and the size of each results request.
        var claimCounts: [Int] = []
        var resultBatches: [Int] = []
        /// Result batches over this many bytes are answered 413, as the coordinator's 16 MiB limit does.
        var batchBodyLimit = 16 * 1024 * 1024
        /// A batch holding one of these trials is refused as a whole (400).
        var refusedTrialIDs: Set<String> = []
        /// Heartbeats of these trials are answered `lost` (the others `heartbeatStatus`).
        var lostTrialIDs: Set<String> = []
        /// Trials whose lease was handed back, in order.
        var released: [String] = []
        /// Called after a claim is answered, before the reply returns (to act while a claim is in flight).
        var afterClaim: (@Sendable () -> Void)?
    }

    let state = Mutex(State())

    struct Unreachable: Error {}

    func send(method: String, path: String, body: Data?) async throws -> TransportResponse {
        let data = body ?? Data()
        defer {
            if path == "v1/trials/claim", let hook = state.withLock({ $0.afterClaim }) { hook() }
        }
        return try state.withLock { state -> TransportResponse in
            if state.down { throw Unreachable() }
            switch path {
            case "v1/trials/claim":
                let count = try APICoding.decode(ClaimRequest.self, from: data).count ?? 1
                state.claimCounts.append(count)
                let claims = Array(state.queue.prefix(count))
                state.queue.removeFirst(claims.count)
                return try Self.reply(ClaimResponse(claims: claims, leaseSeconds: state.leaseSeconds, heartbeatSeconds: 5, remaining: claims.isEmpty ? 0 : nil))
            case "v1/results":
                if state.resultsDown { throw Unreachable() }
                guard data.count <= state.batchBodyLimit else {
                    return TransportResponse(status: 413, body: Data())
                }
                let batch = try APICoding.decode(ResultBatchRequest.self, from: data)
                if batch.results.contains(where: { state.refusedTrialIDs.contains($0.trialID) }) {
                    return TransportResponse(status: 400, body: Data())
                }
                state.resultBatches.append(batch.results.count)
                state.received += batch.results
                return try Self.reply(ResultBatchResponse(items: batch.results.map { .init(trialID: $0.trialID, status: .accepted) }))
            case "v1/trials/heartbeat":
                let batch = try APICoding.decode(HeartbeatBatchRequest.self, from: data)
                state.heartbeats += batch.leases.count
                state.heartbeatBatches.append(batch.leases.count)
                return try Self.reply(
                    HeartbeatBatchResponse(
                        items: batch.leases.map { lease in
                            let status = state.lostTrialIDs.contains(lease.trialID) ? .lost : state.heartbeatStatus
                            return HeartbeatResponse(status: status, leaseSeconds: state.leaseSeconds)
                        }))
            case let release where release.hasPrefix("v1/trials/") && release.hasSuffix("/release"):
                state.released.append(String(release.dropFirst("v1/trials/".count).dropLast("/release".count)))
                return try Self.reply(ReleaseResponse(released: true))
            default:
                return TransportResponse(status: 404, body: Data())
            }
        }
    }

    static func reply(_ value: some Encodable) throws -> TransportResponse {
        TransportResponse(status: 200, body: try APICoding.encode(value))
    }

    static func claim(_ id: String, sleepMS: Int = 0) -> Claim {
        Claim(
            assignment: TrialAssignment(
                trialID: id, sweepName: "s", preset: "echo", parameters: ["sleep_ms": .int(sleepMS)], seed: 1, budget: Budget()),
            attempt: 1, token: "token-\(id)", leaseExpiresAt: Date(), workerID: "w-0")
    }
}

/// Returns the seed as `sequences`; sleeps `sleep_ms` in 5 ms steps, stopping early when cancelled.
struct EchoExecutor: TrialExecutor {
    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        try runTrial(assignment, isCancelled: isCancelled, progress: { _ in })
    }

    /// Sleeps `sleep_ms`, telling `progress` the milliseconds slept so far (as sequences) every 5 ms.
    func runTrial(
        _ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool, progress: @Sendable (TrialStanding) -> Void
    ) throws -> TrialResult {
        let total = assignment.parameters["sleep_ms"]?.intValue ?? 0
        var remaining = total
        while remaining > 0 {
            if isCancelled() { return TrialResult(success: false, stopReason: .cancelled, sequences: 0) }
            Thread.sleep(forTimeInterval: 0.005)
            remaining -= 5
            progress(TrialStanding(sequences: total - max(remaining, 0), maxSequences: total))
        }
        return TrialResult(success: true, stopReason: .success, sequences: Int(assignment.seed))
    }
}
