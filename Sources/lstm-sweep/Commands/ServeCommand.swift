import ArgumentParser
import Coordinator
import Foundation
import SweepCore
import SweepStore

/// `lstm-sweep serve`: the coordinator, owning the result database and handing out trials over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the coordinator: the HTTP API of docs/api.md over a result database.",
        discussion: "SIGTERM or SIGINT stops it gracefully; restarting it on the same --db resumes every sweep.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on; anything but loopback needs --token-file.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port: Int = 8080

    @Option(help: "Token file with 'worker=…' and 'read=…' lines; without it, no authentication (loopback only).")
    var tokenFile: String?

    @Option(help: "Seconds a lease lasts without a heartbeat.")
    var leaseSeconds: Double = LeasePolicy.defaultDuration

    @Option(help: "Seconds between heartbeats that workers are told to keep.")
    var heartbeatSeconds: Double = LeasePolicy.defaultHeartbeatInterval

    @Option(help: "Attempts per trial (expired leases count) before it is marked failed.")
    var maxAttempts: Int = LeasePolicy.defaultMaxAttempts

    @Option(help: "Seconds a connection may stay idle (nothing sent, or half a request head) before it is closed.")
    var idleSeconds: Double = 60

    @Flag(help: "Serve only the dashboard of an existing --db: no write route, no lease reaper, nothing written.")
    var readOnly = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw badInput("--port must be in 0...65535") }
        guard leaseSeconds > 0, heartbeatSeconds > 0, heartbeatSeconds < leaseSeconds else {
            throw badInput("--heartbeat-seconds must be positive and below --lease-seconds")
        }
        guard maxAttempts >= 1 else { throw badInput("--max-attempts must be at least 1") }
        guard idleSeconds >= 0.1, idleSeconds <= 86_400 else { throw badInput("--idle-seconds must be in 0.1...86400") }
    }

    func run() async throws {
        let tokens = try tokenFile.map(readTokenFile)
        let policy = LeasePolicy(leaseDuration: leaseSeconds, heartbeatInterval: heartbeatSeconds, maxAttempts: maxAttempts)
        var limits = CoordinatorConfiguration.ConnectionLimits()
        limits.idleTimeout = .milliseconds(Int64(idleSeconds * 1000))
        let configuration = CoordinatorConfiguration(
            host: host, port: port, tokens: tokens, policy: policy, connectionLimits: limits, schemas: ExecutorRegistry.schemaProvider,
            check: ExecutorRegistry.configurationCheck)
        do { try configuration.validate() } catch { throw badInput(error.description) }
        let (host, path) = (self.host, database.path)
        let announce: @Sendable (Int) async -> Void = { port in
            printError("lstm-sweep coordinator listening on http://\(host):\(port) (db \(path)\(readOnly ? ", read-only" : ""))\n")
        }
        if readOnly {
            let dashboard: DashboardReader
            let paper: SweepReader
            do {
                dashboard = try DashboardReader(path: database.path)
                paper = try SweepReader(path: database.path)
            } catch {
                throw badInput("--db \(error)")
            }
            let source = ReaderDashboardSource(reader: dashboard, paperComparison: PaperComparisonCache(reader: paper))
            let app = try buildReadOnlyApplication(configuration: configuration, dashboard: source, onServerRunning: announce)
            try await app.runService()
            return
        }
        let store: SweepDatabase
        let reader: SweepReader
        let dashboard: DashboardReader
        let paper: SweepReader
        do {
            store = try SweepDatabase(path: database.path, policy: policy)
            reader = try SweepReader(path: database.path)
            dashboard = try DashboardReader(path: database.path)
            paper = try SweepReader(path: database.path)
        } catch {
            throw badInput("--db \(database.path): \(error)")
        }
        let app = try buildApplication(
            configuration: configuration, store: store, catalog: ReaderSweepCatalog(reader: reader),
            dashboard: ReaderDashboardSource(reader: dashboard, paperComparison: PaperComparisonCache(reader: paper)),
            administration: store, onServerRunning: announce)
        try await app.runService()
    }
}

/// Lists sweeps for `/v1/status`, and reports them, through the read-only reader.
struct ReaderSweepCatalog: SweepCatalog {
    let reader: SweepReader
    func sweepNames() throws -> [String] { try reader.sweepNames() }

    /// A grouping the reader refuses (an unknown parameter) is the client's error: a `SweepError`
    /// (HTTP 400 naming the known parameters), never an unmapped error (500).
    func report(sweepName: String, by parameters: [String]) throws -> ReportResponse {
        let table: ResultTable
        do {
            table = try reader.report(sweepName: sweepName, by: parameters)
        } catch let error as StoreError where error.code == .badRequest {
            throw SweepError(.badRequest, error.description)
        }
        return ReportResponse(sweepName: sweepName, columns: table.columns, rows: table.rows.map { $0.map(\.text) })
    }
}
