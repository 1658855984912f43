// The seam between `lstm-sweep serve` and the tests (style rule 7): both call buildApplication,
// the tests with port 0 on 127.0.0.1.
//
// Shutdown order (SIGTERM/SIGINT, or graceful shutdown of the enclosing ServiceGroup; services stop
// in reverse order of start): 1. the HTTP server stops accepting and finishes the requests in
// flight, so every acknowledged result is committed; 2. the lease reaper stops after its current
// round; 3. the store is closed when the last reference goes. Leases held by workers stay in the
// database and are either renewed after a restart or reaped.

import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import SweepCore

/// Builds the router of the `/v1` API over a store.
///
/// - Parameters:
///   - store: the claim / lease / result protocol (SQLite in production).
///   - catalog: lists sweeps for `/v1/status`.
///   - dashboard: the dashboard's reads (`/` and `/v1/dashboard/…`); nil serves no dashboard.
///   - administration: `POST /v1/sweeps/{name}/retry`; nil leaves the route out.
///   - changes: what wakes held claims; the lease reaper must share it.
public func buildRouter(
    configuration: CoordinatorConfiguration, store: any TrialStore, catalog: any SweepCatalog,
    clock: StoreClock, metrics: CoordinatorMetrics, dashboard: (any DashboardSource)? = nil,
    administration: (any SweepAdministration)? = nil, changes: QueueChanges = QueueChanges()
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: ConnectMethodMiddleware())
    router.get("v1/health") { _, _ in "ok\n" }
    let trials = TrialController<BasicRequestContext>(
        store: store, configuration: configuration, clock: clock, metrics: metrics, changes: changes)
    let sweeps = SweepController<BasicRequestContext>(
        store: store, catalog: catalog, configuration: configuration, clock: clock, metrics: metrics, changes: changes)

    let write = router.group("v1")
        .add(middleware: BearerAuthMiddleware(tokens: configuration.tokens, level: .write, metrics: metrics))
    trials.addRoutes(to: write)
    sweeps.addWriteRoutes(to: write)
    if let administration {
        AdministrationController<BasicRequestContext>(
            administration: administration, configuration: configuration, clock: clock, metrics: metrics,
            changes: changes
        ).addWriteRoutes(to: write)
    }

    let read = router.group("v1")
        .add(middleware: BearerAuthMiddleware(tokens: configuration.tokens, level: .read, metrics: metrics))
    sweeps.addReadRoutes(to: read)
    if let dashboard {
        let page = DashboardController<BasicRequestContext>(
            source: dashboard, configuration: configuration, clock: clock, readOnly: false)
        page.addPage(to: router)
        page.addReadRoutes(to: read)
    }
    router.group("metrics")
        .add(middleware: BearerAuthMiddleware(tokens: configuration.tokens, level: .read, metrics: metrics))
        .get(use: sweeps.metricsText)
    return router
}

/// Builds the coordinator: the HTTP server plus its lease reaper, ready for `runService()`.
///
/// ```swift
/// let app = try buildApplication(
///     configuration: .init(port: 8080, schemas: ExecutorRegistry.schemaProvider),
///     store: try SweepDatabase(path: "results.sqlite"), catalog: catalog)
/// try await app.runService()   // SIGTERM/SIGINT shut it down gracefully
/// ```
/// - Parameter onServerRunning: receives the bound port (useful with port 0).
public func buildApplication(
    configuration: CoordinatorConfiguration, store: any TrialStore, catalog: any SweepCatalog,
    clock: StoreClock = .monotonic(), metrics: CoordinatorMetrics = CoordinatorMetrics(),
    dashboard: (any DashboardSource)? = nil, administration: (any SweepAdministration)? = nil,
    logger: Logger = Logger(label: "lstm-sweep.coordinator"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(SweepError) -> some ApplicationProtocol {
    try configuration.validate()
    let changes = QueueChanges()
    let router = buildRouter(
        configuration: configuration, store: store, catalog: catalog, clock: clock, metrics: metrics, dashboard: dashboard,
        administration: administration, changes: changes)
    let reaper = LeaseReaper(
        store: store, clock: clock, interval: configuration.reaperInterval, metrics: metrics, logger: logger,
        changes: changes)
    // The head limit bounds what NIO buffers before a handler runs; the handler closes a connection
    // after a malformed request's 400; the idle timeout closes connections that send nothing (or
    // half a head) for that long. docs/api.md, Limits.
    let limits = configuration.connectionLimits
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [ConnectionCloseHandler()],
        idleTimeout: .nanoseconds(Int64(limits.idleTimeout / .nanoseconds(1))),
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: limits.head, maxHeaderListSize: limits.head, maxHeaderFieldCount: limits.headerFields))
    return Application(
        router: router,
        server: .http1(configuration: http1),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "lstm-sweep"),
        services: [reaper],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
