// Sweep-level routes: submit (from the sweep file's text, parsed with the same schemas and
// configuration checks as `run`; every sweep of a multi-sweep file, with its search plan, all or none),
// cancel, status, reports and metrics.

import Foundation
import Hummingbird
import SweepCore

/// Routes under `/v1/sweeps`, `/v1/status` and `/metrics`.
struct SweepController<Context: RequestContext>: Sendable {
    let store: any TrialStore
    let catalog: any SweepCatalog
    let configuration: CoordinatorConfiguration
    let clock: StoreClock
    let metrics: CoordinatorMetrics
    let changes: QueueChanges

    func addWriteRoutes(to group: RouterGroup<Context>) {
        group.post("sweeps", use: submit)
        group.post("sweeps/:name/cancel", use: cancel)
    }

    func addReadRoutes(to group: RouterGroup<Context>) {
        group.get("status", use: status)
        group.get("sweeps/:name/report", use: report)
    }

    /// The `{name}` path parameter, percent-decoded and in NFC (Hummingbird hands it over encoded).
    func sweepName(_ context: Context) throws -> String {
        let raw = try context.parameters.require("name")
        guard let name = SweepName.fromPathParameter(raw) else {
            throw SweepError(.badRequest, "the sweep name in the path is not valid percent-encoded UTF-8")
        }
        return name
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> JSONResponse<ReportResponse> {
        let name = try sweepName(context)
        let by = request.uri.queryParameters.get("by").map { $0.split(separator: ",").map(String.init) } ?? []
        let catalog = self.catalog
        let report = try await offload { () throws -> ReportResponse in
            guard try catalog.sweepNames().contains(name) else {
                throw SweepError(.notFound, "no sweep named '\(name)'")
            }
            return try catalog.report(sweepName: name, by: by)
        }
        return JSONResponse(value: report)
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> JSONResponse<SubmitResponse> {
        let body = try await request.decodeBody(SubmitRequest.self, limit: configuration.bodyLimits.sweep, metrics: metrics)
        let parser = SweepFileParser(schemas: configuration.schemas, check: configuration.check)
        // Parsing, checking and expanding up to a million trials is CPU work: off the cooperative pool.
        // A search sweep expands to its first step; the store records its plan in the same transaction.
        let submissions = try await offload {
            try parser.parseAll(yaml: body.yaml, file: body.fileName).map(SweepSubmission.init(expanding:))
        }
        let summaries = try await store.submit(submissions, now: clock.now())
        changes.notify()
        let entries = zip(submissions, summaries).map { submission, summary in
            SubmitResponse.Entry(sweepName: submission.sweep.name, trials: submission.trials.count, summary: summary)
        }
        return JSONResponse(
            value: SubmitResponse(entries: entries), status: summaries.contains(where: \.createdSweep) ? .created : .ok)
    }

    @Sendable func cancel(_ request: Request, context: Context) async throws -> JSONResponse<CancelResponse> {
        let name = try sweepName(context)
        let cancelled = try await store.cancelSweep(named: name, now: clock.now())
        changes.notify()
        return JSONResponse(value: CancelResponse(cancelled: cancelled))
    }

    @Sendable func status(_ request: Request, context: Context) async throws -> JSONResponse<StatusResponse> {
        let catalog = self.catalog
        var sweeps: [StatusResponse.SweepStatus] = []
        for name in try await offload({ try catalog.sweepNames() }) {
            sweeps.append(StatusResponse.SweepStatus(name: name, counts: try await store.statusCounts(sweepName: name)))
        }
        let total = try await store.statusCounts(sweepName: nil)
        return JSONResponse(value: StatusResponse(total: total, sweeps: sweeps, workersSeen: metrics.workersSeen))
    }

    @Sendable func metricsText(_ request: Request, context: Context) async throws -> Response {
        let text = metrics.rendered(counts: try await store.statusCounts(sweepName: nil))
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
