// Coordinator-over-HTTP throughput (issue 6, item 9): a real `serve` process on loopback, a toy
// sweep of no-op trials, and W in-process workers (one slot each, own URLSession, own outbox with
// fsync) that claim, run, write the outbox and report until the queue is empty. Release build:
//   swift build -c release && .build/release/lstm-sweep bench-http --trials 5000 --workers 1,4,16

import ArgumentParser
import Foundation
import Logging
import SweepCore
import Worker

/// `lstm-sweep bench-http`: trials completed per second through HTTP with 1, 4 and 16 workers.
struct BenchHTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-http", abstract: "Measure no-op trials per second through the coordinator's HTTP API.",
        shouldDisplay: false)

    @Option(help: "Trials per run.")
    var trials: Int = 5000

    @Option(help: "Worker counts to measure, comma-separated.")
    var workers: String = "1,4,16"

    @Option(help: "Most trials a worker claims at once (1: one claim and one report per trial, the old protocol).")
    var maxClaim: Int = 64

    func run() async throws {
        let counts = workers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard trials > 0, !counts.isEmpty, counts.allSatisfy({ (1...256).contains($0) }) else {
            throw badInput("--trials must be positive and --workers a list of counts in 1...256")
        }
        print("trials per run: \(trials); claims of up to \(maxClaim); no-op toy trials; coordinator and workers share this machine's cores")
        for count in counts {
            let rate = try await measure(workers: count)
            print(String(format: "workers: %3d  ->  %8.0f trials/s", count, rate))
        }
    }

    private func measure(workers count: Int) async throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-http-\(getpid())-\(count)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try FreePort.find()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        server.arguments = ["serve", "--db", folder.appendingPathComponent("bench.sqlite").path, "--port", String(port)]
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer {
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
        }
        guard let url = URL(string: "http://127.0.0.1:\(port)") else { throw badInput("bad port") }
        let client = CoordinatorClient(transport: HTTPClientTransport(baseURL: url, token: nil))
        let yaml = "name: bench\npreset: toy\nseeds: \(trials)\n"
        var submitted = false
        for _ in 0..<100 where !submitted {
            submitted = (try? await client.submit(SubmitRequest(yaml: yaml, fileName: "bench.yaml"))) != nil
            if !submitted { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard submitted else { throw badInput("the coordinator did not start") }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let loops = try (0..<count).map { index in
            WorkerLoop(
                channel: CoordinatorClient(transport: HTTPClientTransport(baseURL: url, token: nil)),
                executor: RegistryTrialExecutor(),
                outbox: try ResultOutbox(directory: folder.appendingPathComponent("outbox-\(index)")),
                configuration: WorkerConfiguration(jobs: 1, name: "bench-\(index)", idlePoll: 0.05, exitWhenIdle: true,
                    maxClaimCount: maxClaim),
                logger: logger)
        }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for loop in loops { group.addTask { try await loop.run() } }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: .now)
        let status = try await client.status()
        guard status.total[.done] == trials else {
            throw badInput("only \(status.total[.done]) of \(trials) trials done")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(trials) / seconds
    }
}
