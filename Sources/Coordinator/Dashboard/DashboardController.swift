// The dashboard's routes: the page at `/` (no data in it, so no token), and its JSON and SVG under
// `/v1/dashboard` (read token), the comparison with the paper included (`dashboard/paper`). Write actions go through the ordinary `/v1/sweeps/{name}/cancel`
// and `/retry` routes, with the worker token.

import Foundation
import Hummingbird
import SweepCore

/// Routes `/` and `/v1/dashboard/…`.
struct DashboardController<Context: RequestContext>: Sendable {
    let source: any DashboardSource
    let configuration: CoordinatorConfiguration
    let clock: StoreClock
    /// The coordinator serves a database read-only (`serve --read-only`).
    let readOnly: Bool

    func addPage(to router: Router<Context>) {
        router.get("/") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                    .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:",
                ],
                body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
    }

    func addReadRoutes(to group: RouterGroup<Context>) {
        group.get("dashboard/overview", use: overview)
        group.get("dashboard/sweeps/:name/configurations", use: configurations)
        group.get("dashboard/sweeps/:name/plots/:kind", use: plot)
        group.get("dashboard/paper", use: paper)
        group.get("dashboard/paper/plot", use: paperPlot)
    }

    @Sendable func overview(_ request: Request, context: Context) async throws -> JSONResponse<DashboardOverview> {
        var overview = try await source.overview(now: clock.now())
        overview.readOnly = readOnly
        overview.canManage = !readOnly && holdsWorkerToken(request)
        return JSONResponse(value: overview)
    }

    @Sendable func configurations(_ request: Request, context: Context) async throws -> JSONResponse<DashboardConfigurations> {
        JSONResponse(value: try await source.configurations(sweep: try context.parameters.require("name")))
    }

    @Sendable func plot(_ request: Request, context: Context) async throws -> Response {
        let name = try context.parameters.require("name")
        let kindName = try context.parameters.require("kind")
        guard let kind = ChartKind(rawValue: kindName), kind != .paper else {
            throw SweepError(.badRequest, "unknown plot '\(kindName)' (success, sequences, curves or frontier)")
        }
        let query = request.uri.queryParameters
        func text(_ key: String) -> String? { query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
        let configuration = query.get("configuration").flatMap(Int.init) ?? 1
        var chart = try await source.chart(kind, sweep: name, x: text("x"), by: text("by"), configuration: configuration)
        // An empty chart is an answer too (axes and title, no points): a sweep just submitted has nothing finished yet.
        if chart.isEmpty { chart.note = "No finished trials yet." }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: chart.svg())))
    }

    /// `report --paper` (empty without a paper comparison: the page hides its Paper section).
    @Sendable func paper(_ request: Request, context: Context) async throws -> JSONResponse<DashboardPaperComparison> {
        JSONResponse(value: try await source.paper?.comparison() ?? .empty)
    }

    /// `plot --kind paper --table T [--measure M]` as SVG; `table` and `measure` are query parameters.
    @Sendable func paperPlot(_ request: Request, context: Context) async throws -> Response {
        guard let paper = source.paper else { throw SweepError(.notFound, "this coordinator has no paper comparison") }
        let query = request.uri.queryParameters
        guard let table = query.get("table"), !table.isEmpty else { throw SweepError(.badRequest, "missing ?table= (e.g. Table 4)") }
        let measureName = query.get("measure") ?? Chart.ComparedMeasure.success.rawValue
        guard let measure = Chart.ComparedMeasure(rawValue: measureName) else {
            throw SweepError(.badRequest, "unknown measure '\(measureName)' (success or sequences)")
        }
        let chart = try await paper.chart(table: table, measure: measure)
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: chart.svg())))
    }

    /// Whether the request may use write routes: no tokens configured, or the worker token presented.
    func holdsWorkerToken(_ request: Request) -> Bool {
        guard let tokens = configuration.tokens else { return true }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return BearerAuthMiddleware<Context>.constantTimeEquals(header.dropFirst("Bearer ".count), tokens.worker)
    }
}
