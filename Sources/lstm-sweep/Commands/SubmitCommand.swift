import ArgumentParser
import Foundation
import SweepCore

/// `lstm-sweep submit SWEEP.yaml --coordinator URL`: validate a sweep here, then register it remotely.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Validate a sweep file and submit it to a coordinator.",
        discussion: "Submitting the same file again adds only new trials (more seeds or values).")

    @Argument(help: "The sweep file (format: sweeps/README.md).")
    var sweepFile: String

    @OptionGroup var remote: CoordinatorOptions

    func run() async throws {
        // Same parser and schemas as `run`: bad input never leaves this machine.
        let sweep: SweepDefinition
        do {
            sweep = try ExecutorRegistry.parser.parse(contentsOfFile: sweepFile)
        } catch {
            throw badInput(error.description)
        }
        guard ExecutorRegistry.execution(forPreset: sweep.preset) != nil else {
            throw badInput("\(sweepFile): no executor for preset '\(sweep.preset)'")
        }
        guard let data = FileManager.default.contents(atPath: sweepFile) else {
            throw badInput("\(sweepFile): cannot read the sweep file")
        }
        let client = try remote.client()
        do {
            let reply = try await client.submit(SubmitRequest(yaml: String(decoding: data, as: UTF8.self), fileName: sweepFile))
            print(
                "sweep \(reply.sweepName): \(reply.trials) trials, \(reply.summary.insertedTrials) new, "
                    + "\(reply.summary.existingTrials) already known (\(remote.coordinator))")
        } catch {
            throw coordinatorFailure(error)
        }
    }
}
