import ArgumentParser
import Foundation
import SweepCore

/// `lstm-sweep cancel --sweep S [--db F | --coordinator URL]`: stop a sweep for good.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a sweep: queued trials are cancelled, running ones stop at their next heartbeat.")

    @OptionGroup var target: SweepTargetOptions

    func run() async throws {
        let cancelled: Int
        if let remote = target.remote {
            do { cancelled = try await remote.client().cancel(sweepName: target.sweep).cancelled } catch { throw coordinatorFailure(error) }
        } else {
            let store = try target.openStore()
            do { cancelled = try await store.cancelSweep(named: target.sweep, now: Date()) } catch let error as SweepError { throw badInput(error.description) }
        }
        print("sweep \(target.sweep): cancelled, \(cancelled) queued trials cancelled")
    }
}
