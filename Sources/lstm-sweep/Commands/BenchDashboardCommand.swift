// Dashboard latency at scale (issue 14, item 3): fill a temporary database with N toy-lag trials
// and their learning curves (4 points each) through the store's own claim and result paths, serve
// it with a real `serve` process on loopback, and time the page and every dashboard endpoint over
// HTTP (warm-up, then repeats; median, 95th percentile, max). Release build:
//   swift build -c release && .build/release/lstm-sweep bench-dashboard --trials 100000

import ArgumentParser
import Foundation
import SweepCore
import SweepStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `lstm-sweep bench-dashboard`: response times of `/` and `/v1/dashboard/…` over a large database.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-dashboard", abstract: "Measure the dashboard's response times over a database of N trials.",
        shouldDisplay: false)

    @Option(help: "Trials in the database (toy-lag, 100 configurations).")
    var trials: Int = 100_000

    @Option(help: "Timed requests per endpoint (after 3 warm-up requests).")
    var repeats: Int = 20

    @Option(help: "Keep the database here instead of a temporary folder (reused when it exists).")
    var keep: String?

    func run() async throws {
        guard trials >= 100, (1...1000).contains(repeats) else { throw badInput("--trials must be >= 100 and --repeats in 1...1000") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-dashboard-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = keep ?? folder.appendingPathComponent("bench.sqlite").path
        if !FileManager.default.fileExists(atPath: path) { try await fill(path) }
        let port = try FreePort.find()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        server.arguments = ["serve", "--db", path, "--port", String(port)]
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer {
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        let session = URLSession(configuration: .ephemeral)
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await Self.time(session, base + "/v1/health")) != nil
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard up else { throw badInput("the coordinator did not start") }
        print("trials: \(trials) (100 configurations, 4 curve points each); \(repeats) timed requests per endpoint after 3 warm-ups")
        print("endpoint                                                     median      p95      max   (ms)")
        let endpoints = [
            "/", "/v1/dashboard/overview", "/v1/dashboard/sweeps/bench/configurations",
            "/v1/dashboard/sweeps/bench/plots/success?x=toy.lag&by=toy.speed",
            "/v1/dashboard/sweeps/bench/plots/sequences?x=toy.lag", "/v1/dashboard/sweeps/bench/plots/curves?configuration=1",
        ]
        for endpoint in endpoints {
            for _ in 0..<3 { _ = try await Self.time(session, base + endpoint) }
            var times: [Double] = []
            for _ in 0..<repeats { times.append(try await Self.time(session, base + endpoint)) }
            times.sort()
            let p95 = times[min(times.count - 1, Int((Double(times.count) * 0.95).rounded(.up)) - 1)]
            print(
                endpoint.padding(toLength: 58, withPad: " ", startingAt: 0)
                    + String(format: "%9.1f %8.1f %8.1f", times[times.count / 2], p95, times.last ?? 0))
        }
    }

    /// Submits, claims and completes every trial with the toy-lag executor's results (curves included).
    private func fill(_ path: String) async throws {
        guard let toy = ExecutorRegistry.execution(forPreset: "toy-lag") else { return }
        let store = try SweepDatabase(path: path)
        let lags = (1...10).map { ParameterValue.int($0 * 30) }
        let speeds = (1...10).map { ParameterValue.real(Double($0) / 4) }
        let sweep = SweepDefinition(
            name: "bench", preset: "toy-lag", seeds: (0..<UInt64(trials / 100)).map { $0 },
            fixed: ["toy.critical": .int(150), "toy.noise": .real(0.1), "train.max_sequences": .int(2000)],
            grid: [.init(name: "toy.lag", values: lags), .init(name: "toy.speed", values: speeds)], schema: toy.schema)
        let start = Date()
        _ = try await store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        while case let claims = try await store.claimTrials(workerID: "bench", now: Date(), leaseFor: 600, sweepName: nil, count: 256),
            !claims.isEmpty
        {
            let completions = try claims.map { claim in
                TrialCompletion(trialID: claim.trialID, token: claim.token, result: try toy.executor.runTrial(claim.assignment, isCancelled: { false }))
            }
            _ = try await store.completeTrials(completions, now: Date())
        }
        print(String(format: "filled %d trials in %.1f s", trials, Date().timeIntervalSince(start)))
    }

    /// Milliseconds for one GET, body included; throws unless 200.
    static func time(_ session: URLSession, _ url: String) async throws -> Double {
        guard let target = URL(string: url) else { throw badInput("bad URL \(url)") }
        let start = ContinuousClock.now
        let (_, response) = try await session.data(from: target)
        let elapsed = start.duration(to: .now)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw badInput("\(url): HTTP \((response as? HTTPURLResponse)?.statusCode ?? 0)") }
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) * 1e-15
    }
}
