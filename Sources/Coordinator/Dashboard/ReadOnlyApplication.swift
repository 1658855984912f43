// `lstm-sweep serve --read-only`: the dashboard over an existing database, for looking at the
// results of a local `run` or of a finished cluster. No store is opened for writing, no reaper
// runs, and no write route exists (they answer 404 like any unknown route).

import Foundation
import Hummingbird
import Logging
import SweepCore

/// Builds a coordinator that only serves the dashboard: `/`, `/v1/health` and `/v1/dashboard/…`.
///
/// ```swift
/// let app = try buildReadOnlyApplication(
///     configuration: .init(port: 8080, schemas: { _ in nil }), dashboard: source)
/// try await app.runService()
/// ```
public func buildReadOnlyApplication(
    configuration: CoordinatorConfiguration, dashboard: any DashboardSource, clock: StoreClock = .monotonic(),
    metrics: CoordinatorMetrics = CoordinatorMetrics(), logger: Logger = Logger(label: "lstm-sweep.coordinator"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(SweepError) -> some ApplicationProtocol {
    try configuration.validate()
    let router = Router(context: BasicRequestContext.self)
    router.get("v1/health") { _, _ in "ok\n" }
    let page = DashboardController<BasicRequestContext>(source: dashboard, configuration: configuration, clock: clock, readOnly: true)
    page.addPage(to: router)
    page.addReadRoutes(
        to: router.group("v1")
            .add(middleware: BearerAuthMiddleware(tokens: configuration.tokens, level: .read, metrics: metrics)))
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "lstm-sweep"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
