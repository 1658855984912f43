// The worker-facing routes: claim, heartbeat, result (single and batched), release. Every store
// call gets `now` from the coordinator's clock; nothing a worker sends is taken as a time.

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SweepCore

/// Routes under `/v1/trials` and `/v1/results`.
struct TrialController<Context: RequestContext>: Sendable {
    let store: any TrialStore
    let configuration: CoordinatorConfiguration
    let clock: StoreClock
    let metrics: CoordinatorMetrics
    let changes: QueueChanges

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("trials/claim", use: claim)
        group.post("trials/heartbeat", use: heartbeatBatch)
        group.post("trials/:id/heartbeat", use: heartbeat)
        group.post("trials/:id/result", use: result)
        group.post("trials/:id/release", use: release)
        group.post("results", use: resultBatch)
    }

    @Sendable func claim(_ request: Request, context: Context) async throws -> JSONResponse<ClaimResponse> {
        let body = try await request.decodeBody(ClaimRequest.self, limit: configuration.bodyLimits.small, metrics: metrics)
        guard !body.workerID.isEmpty, body.workerID.utf8.count <= 200 else {
            throw SweepError(.badRequest, "workerID must be 1 to 200 bytes")
        }
        // One write transaction for the whole claim, however many trials it leases.
        var canonical = body
        canonical.sweepName = body.sweepName.map(SweepName.canonical)
        let deadline = ContinuousClock.now + configuration.claimHold
        var seen = changes.current
        var reply = try await store.answerClaim(
            canonical, policy: configuration.policy, maxClaimCount: configuration.maxClaimCount, now: clock.now())
        // Nothing queued but trials leased elsewhere: hold the claim until the queue changes (a result
        // may end the sweep, a release or reap requeues a trial) instead of letting the worker sleep
        // its idle poll. The counter is read before each store query, so no change is missed.
        while reply.claims.isEmpty, (reply.remaining ?? 0) > 0, ContinuousClock.now < deadline,
            !Task.isCancelled, !Task.isShuttingDownGracefully
        {
            await changes.waitForChange(after: seen, until: deadline)
            seen = changes.current
            reply = try await store.answerClaim(
                canonical, policy: configuration.policy, maxClaimCount: configuration.maxClaimCount, now: clock.now())
        }
        metrics.recordClaim(workerID: body.workerID, granted: reply.claims.count)
        return JSONResponse(value: reply)
    }

    @Sendable func heartbeat(_ request: Request, context: Context) async throws -> JSONResponse<HeartbeatResponse> {
        let trialID = try context.parameters.require("id")
        let body = try await request.decodeBody(HeartbeatRequest.self, limit: configuration.bodyLimits.small, metrics: metrics)
        let replies = try await store.answerRenewals(
            [LeaseRenewal(trialID: trialID, token: body.token)], leaseFor: configuration.policy.leaseDuration, now: clock.now())
        metrics.recordHeartbeat()
        return JSONResponse(value: replies[0])
    }

    /// Many leases in one request and one transaction: a worker's heartbeat round.
    @Sendable func heartbeatBatch(_ request: Request, context: Context) async throws -> JSONResponse<HeartbeatBatchResponse> {
        let body = try await request.decodeBody(HeartbeatBatchRequest.self, limit: configuration.bodyLimits.batch, metrics: metrics)
        let cap = configuration.maxHeartbeatBatch
        guard body.leases.count <= cap else { throw SweepError(.badRequest, "at most \(cap) leases per heartbeat") }
        let items = try await store.answerRenewals(body.leases, leaseFor: configuration.policy.leaseDuration, now: clock.now())
        for _ in items { metrics.recordHeartbeat() }
        return JSONResponse(value: HeartbeatBatchResponse(items: items))
    }

    @Sendable func result(_ request: Request, context: Context) async throws -> JSONResponse<ResultResponse> {
        let trialID = try context.parameters.require("id")
        let body = try await request.decodeBody(ResultRequest.self, limit: configuration.bodyLimits.result, metrics: metrics)
        let status: CompletionResult
        do {
            status = try await store.completeTrial(
                TrialCompletion(trialID: trialID, token: body.token, result: body.result), now: clock.now())
        } catch let error as SweepError {
            metrics.recordResult("rejected")
            throw error
        }
        metrics.recordResult(status.rawValue)
        if status == .accepted { changes.notify() }
        if status == .lateDuplicate {
            throw SweepError(
                .staleToken, "stale fencing token for trial \(trialID): recorded as a late duplicate; the accepted result stands")
        }
        return JSONResponse(value: ResultResponse(status: status))
    }

    @Sendable func release(_ request: Request, context: Context) async throws -> JSONResponse<ReleaseResponse> {
        let trialID = try context.parameters.require("id")
        let body = try await request.decodeBody(ReleaseRequest.self, limit: configuration.bodyLimits.small, metrics: metrics)
        let released = try await store.releaseLease(trialID: trialID, token: body.token, now: clock.now())
        if released {
            metrics.recordRelease()
            changes.notify()
        }
        return JSONResponse(value: ReleaseResponse(released: released))
    }

    @Sendable func resultBatch(_ request: Request, context: Context) async throws -> JSONResponse<ResultBatchResponse> {
        let body = try await request.decodeBody(ResultBatchRequest.self, limit: configuration.bodyLimits.batch, metrics: metrics)
        guard body.results.count <= 10_000 else { throw SweepError(.badRequest, "at most 10000 results per batch") }
        // One transaction for the whole batch, or one per result when some are refused.
        let items = try await store.settle(body.results, now: clock.now()).items
        for item in items { metrics.recordResult(item.status?.rawValue ?? "rejected") }
        if items.contains(where: { $0.status == .accepted }) { changes.notify() }
        return JSONResponse(value: ResultBatchResponse(items: items))
    }
}
