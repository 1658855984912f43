// Operator actions on a sweep beyond cancel: `POST /v1/sweeps/{name}/retry` queues its failed
// trials again (SweepAdministration). Worker token, like every write route.

import Foundation
import Hummingbird
import SweepCore

/// Routes `POST /v1/sweeps/{name}/retry`.
struct AdministrationController<Context: RequestContext>: Sendable {
    let administration: any SweepAdministration
    let configuration: CoordinatorConfiguration
    let clock: StoreClock
    let metrics: CoordinatorMetrics
    let changes: QueueChanges

    func addWriteRoutes(to group: RouterGroup<Context>) {
        group.post("sweeps/:name/retry", use: retry)
    }

    @Sendable func retry(_ request: Request, context: Context) async throws -> JSONResponse<RetryResponse> {
        let name = try context.parameters.require("name")
        let body = try await request.decodeBody(RetryRequest.self, limit: configuration.bodyLimits.small, metrics: metrics)
        guard body.failed else { throw SweepError(.badRequest, "retry needs \"failed\": true (only failed trials are retried)") }
        let requeued = try administration.retryFailedTrials(sweepName: name, now: clock.now())
        changes.notify()
        return JSONResponse(value: RetryResponse(requeued: requeued))
    }
}
