import ArgumentParser
import Foundation
import SweepCore

/// `lstm-sweep retry --sweep S --failed [--db F | --coordinator URL]`: give failed trials another budget.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Queue a sweep's failed trials again, with a fresh attempt budget.",
        discussion: """
            The failed attempts stay in the database (table attempt; the failure is kept as the last attempt's result). \
            Run the sweep again (`run`) or let a coordinator's workers pick the trials up.
            """)

    @OptionGroup var target: SweepTargetOptions

    @Flag(help: "Retry the failed trials (required: the only kind of retry).")
    var failed = false

    @Option(help: "Attempts each retried trial gets (local --db; a coordinator uses its own --max-attempts).")
    var maxAttempts: Int = LeasePolicy.defaultMaxAttempts

    func validate() throws {
        guard failed else { throw badInput("retry needs --failed (only failed trials are retried)") }
        guard maxAttempts >= 1 else { throw badInput("--max-attempts must be at least 1") }
    }

    func run() async throws {
        let requeued: Int
        if let remote = target.remote {
            do { requeued = try await remote.client().retryFailed(sweepName: target.sweep).requeued } catch { throw coordinatorFailure(error) }
        } else {
            let store = try target.openStore(policy: LeasePolicy(maxAttempts: maxAttempts))
            do {
                requeued = try store.retryFailedTrials(sweepName: target.sweep, now: Date())
            } catch let error as SweepError {
                throw badInput(error.description)
            }
        }
        print("sweep \(target.sweep): \(requeued) failed trials queued again")
    }
}
