import ArgumentParser
import Foundation
import Logging
import SweepCore
import Worker

/// `lstm-sweep worker --coordinator URL`: pull trials from a coordinator and run them.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run trials for a coordinator until stopped.",
        discussion: """
            SIGTERM or SIGINT stops claiming; running trials get --grace seconds to finish, then their leases \
            are handed back (a second signal hands them back at once). Results are written to --outbox before \
            they are sent and resent until acknowledged, also after a restart.
            """)

    @OptionGroup var remote: CoordinatorOptions

    @Option(help: "Trials run at once.")
    var jobs: Int = 1

    @Option(help: "Seconds running trials may take to finish after SIGTERM/SIGINT.")
    var grace: Double = 30

    @Option(help: "Directory of unacknowledged results (one per worker is tidiest; sharing is safe).")
    var outbox: String = ".lstm-sweep-outbox"

    @Option(help: "Seconds between heartbeats (default: what the coordinator asks for).")
    var heartbeatSeconds: Double?

    // Names are compared in NFC, as sweep files and URL paths are (docs/api.md, "Sweep names").
    @Option(help: "Only run trials of this sweep.", transform: SweepName.canonical)
    var sweep: String?

    @Option(help: "Worker name in the database (default: host-pid); slots append -0, -1, …")
    var name: String?

    @Flag(
        inversion: .prefixedNo,
        help: "Train claimed trials of one net shape four at a time in SIMD lanes (same outcomes, faster); --no-lanes runs each alone.")
    var lanes = true

    @Flag(help: "Exit once nothing is queued or leased anywhere.")
    var exitWhenIdle = false

    func validate() throws {
        guard (1...256).contains(jobs) else { throw badInput("--jobs must be in 1...256") }
        guard grace >= 0 else { throw badInput("--grace must be >= 0") }
        if let heartbeatSeconds, heartbeatSeconds <= 0 { throw badInput("--heartbeat-seconds must be positive") }
    }

    func run() async throws {
        let client = try remote.client()
        let box: ResultOutbox
        do { box = try ResultOutbox(directory: URL(fileURLWithPath: outbox)) } catch { throw badInput("--outbox \(error)") }
        var configuration = WorkerConfiguration(
            jobs: jobs, sweepNames: sweep.map { [$0] } ?? [], grace: grace, heartbeatInterval: heartbeatSeconds, exitWhenIdle: exitWhenIdle,
            groupsTrials: lanes)
        if let name { configuration.name = name }
        let worker = WorkerLoop(
            channel: client, executor: RegistryTrialExecutor(), outbox: box, configuration: configuration,
            logger: Logger(label: "lstm-sweep.worker"))
        let grace = self.grace
        let monitor = StopSignalMonitor { count in worker.requestStop(grace: count == 1 ? grace : 0) }
        do {
            try await worker.run()
        } catch {
            throw coordinatorFailure(error)
        }
        withExtendedLifetime(monitor) {}
    }
}
