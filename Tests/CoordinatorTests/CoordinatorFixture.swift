// An in-process coordinator on 127.0.0.1 (port 0) over a temporary SQLite store (or any other
// TrialStore), built with the same buildApplication as `lstm-sweep serve`, and stopped by graceful
// shutdown.

import Coordinator
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SweepCore
import SweepStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

struct ReaderCatalog: SweepCatalog {
    let path: String
    func sweepNames() throws -> [String] { try SweepReader(path: path).sweepNames() }

    func report(sweepName: String, by parameters: [String]) throws -> ReportResponse {
        let table = try SweepReader(path: path).report(sweepName: sweepName, by: parameters)
        return ReportResponse(sweepName: sweepName, columns: table.columns, rows: table.rows.map { $0.map(\.text) })
    }
}

enum CoordinatorFixture {
    static let toySchema = ParameterSchema(["toy.x": .init(.real(-10...10)), "toy.sleep_ms": .init(.integer(0...10_000))])
    static let schemas: ParameterSchemaProvider = { $0 == "toy" ? toySchema : nil }

    /// Runs `body` against a live coordinator over a temporary SQLite store.
    static func withCoordinator(
        tokens: AccessTokens? = nil, policy: LeasePolicy = .standard,
        _ body: (_ base: String, _ store: SweepDatabase) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coordinator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("results.sqlite").path
        let store = try SweepDatabase(path: path, policy: policy)
        try await withCoordinator(store: store, catalog: ReaderCatalog(path: path), tokens: tokens, policy: policy) { base in
            try await body(base, store)
        }
    }

    /// Runs `body` against a live coordinator over any store (an `InMemoryTrialStore` needs no file).
    static func withCoordinator(
        store: any TrialStore, catalog: any SweepCatalog, tokens: AccessTokens? = nil, policy: LeasePolicy = .standard,
        idleClaimWait: Duration = .seconds(2), _ body: (_ base: String) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try buildApplication(
            configuration: CoordinatorConfiguration(
                port: 0, tokens: tokens, policy: policy, idleClaimWait: idleClaimWait, schemas: schemas),
            store: store, catalog: catalog, logger: logger,
            onServerRunning: { continuation.yield($0) })
        try await run(app, logger: logger, ports: ports, body)
    }

    /// Runs `app` until `body` (given the server's base URL, once `ports` yields its port) returns or
    /// throws, then shuts it down gracefully.
    static func run(
        _ app: some Service, logger: Logger, ports: AsyncStream<Int>, _ body: (_ base: String) async throws -> Void
    ) async throws {
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            do {
                try await body("http://127.0.0.1:\(port)")
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// One request; returns the status and body.
    static func send(_ method: String, _ url: String, body: Data? = nil, token: String? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}

