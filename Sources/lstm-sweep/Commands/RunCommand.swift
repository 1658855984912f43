import ArgumentParser
import Foundation
import SweepCore
import SweepStore
import Worker

/// `lstm-sweep run SWEEP.yaml`: run a sweep on this machine, resumably.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep file (one sweep, or several separated by ---) on this machine's cores; run it again to resume.",
        discussion: "Ctrl-C stops claiming and lets running trials finish within --grace; a second Ctrl-C hands them back.")

    @Argument(help: "The sweep file (format: sweeps/README.md).")
    var sweepFile: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: RunOptions

    @Flag(help: "Only check the sweep file against the preset's parameters and print its trial count; write nothing.")
    var check = false

    func run() async throws {
        // Validate everything (every sweep of the file) before the database is opened or created.
        let sweeps: [SweepDefinition]
        do {
            sweeps = try ExecutorRegistry.parser.parseAll(contentsOfFile: sweepFile)
        } catch {
            throw badInput(error.description)
        }
        for sweep in sweeps where ExecutorRegistry.execution(forPreset: sweep.preset) == nil {
            throw badInput("\(sweepFile): no executor for preset '\(sweep.preset)'")
        }
        let submissions = sweeps.map(SweepSubmission.init(expanding:))
        let total = submissions.reduce(0) { $0 + $1.trials.count }
        if check {
            for submission in submissions {
                let sweep = submission.sweep
                let more = sweep.search.map { " (its \($0.kind) search adds more)" } ?? ""
                print(
                    "\(sweepFile): sweep \(sweep.name), preset \(sweep.preset), \(submission.trials.count) trials\(more): valid")
            }
            if sweeps.count > 1 {
                let more = sweeps.contains { $0.search != nil } ? " (searches add more)" : ""
                print("\(sweepFile): \(sweeps.count) sweeps, \(total) trials\(more): valid")
            }
            return
        }
        let store: SweepDatabase
        let submitted: [SubmitSummary]
        do {
            store = try SweepDatabase(path: database.path, policy: options.policy)
            submitted = try await store.submit(submissions, now: Date())
        } catch let error as SweepError {
            throw badInput("\(sweepFile): \(error.description)")
        } catch {
            throw badInput("--db \(database.path): \(error)")
        }
        let names = sweeps.map(\.name)
        printError(
            "\(names.count == 1 ? "sweep" : "sweeps") \(names.joined(separator: ", ")): \(total) trials, \(submitted.reduce(0) { $0 + $1.insertedTrials }) new; "
                + "\(options.effectiveJobs) jobs; results in \(database.path)\n")

        let run = LocalRun(store: store, sweepNames: names, options: options)
        let grace = options.grace
        let monitor = InterruptMonitor { count in
            printError(count == 1 ? "\ninterrupted: finishing running trials (Ctrl-C again to hand them back)\n" : "")
            run.engine.requestStop(grace: count == 1 ? grace : 0)
        }
        let final = try await run.run()
        if monitor.interrupted {
            printError("stopped: \(run.engine.tally.released) trials handed back; run the same command again to resume\n")
            throw ExitCode(final.finished < final.total ? 130 : 0)
        }
    }
}
