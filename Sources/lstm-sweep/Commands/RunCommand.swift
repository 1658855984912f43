import ArgumentParser
import Foundation
import SweepCore
import SweepStore

/// `lstm-sweep run SWEEP.yaml`: run a sweep on this machine, resumably.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep on this machine's cores; run it again to resume.",
        discussion: "Ctrl-C stops claiming and lets running trials finish within --grace; a second Ctrl-C hands them back.")

    @Argument(help: "The sweep file (format: sweeps/README.md).")
    var sweepFile: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: RunOptions

    @Flag(help: "Only check the sweep file against the preset's parameters and print its trial count; write nothing.")
    var check = false

    func run() throws {
        // Validate everything before the database is opened or created.
        let sweep: SweepDefinition
        do {
            sweep = try ExecutorRegistry.parser.parse(contentsOfFile: sweepFile)
        } catch {
            throw badInput(error.description)
        }
        guard ExecutorRegistry.execution(forPreset: sweep.preset) != nil else {
            throw badInput("\(sweepFile): no executor for preset '\(sweep.preset)'")
        }
        let trials = sweep.expandTrials()
        if check {
            let more = sweep.search.map { " (its \($0.kind) search adds more)" } ?? ""
            print("\(sweepFile): sweep \(sweep.name), preset \(sweep.preset), \(trials.count) trials\(more): valid")
            return
        }
        let store: SweepDatabase
        let submitted: SubmitSummary
        do {
            store = try SweepDatabase(path: database.path, policy: options.policy)
            submitted = try store.submit(sweep, trials: trials, now: Date())
        } catch let error as SweepError {
            throw badInput("\(sweepFile): \(error.description)")
        } catch {
            throw badInput("--db \(database.path): \(error)")
        }
        printError(
            "sweep \(sweep.name): \(trials.count) trials, \(submitted.insertedTrials) new; "
                + "\(options.effectiveJobs) jobs; results in \(database.path)\n")

        let reporter = ProgressReporter(logInterval: options.logInterval)
        let runner = LocalSweepRunner(
            store: store, executor: RegistryTrialExecutor(),  // as a remote worker: stamps the provenance
            configuration: .init(
                jobs: options.effectiveJobs, sweepName: sweep.name, policy: options.policy,
                workerPrefix: "local-\(ProcessInfo.processInfo.hostName)-\(getpid())"),
            progress: reporter.report)
        let grace = options.grace
        let monitor = InterruptMonitor { count in
            printError(count == 1 ? "\ninterrupted: finishing running trials (Ctrl-C again to hand them back)\n" : "")
            runner.requestStop(grace: count == 1 ? grace : 0)
        }
        let summary = try runner.run()
        reporter.finish(summary.progress)
        if monitor.interrupted {
            printError("stopped: \(summary.released) trials handed back; run the same command again to resume\n")
            throw ExitCode(summary.interrupted ? 130 : 0)
        }
    }
}
