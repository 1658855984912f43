import ArgumentParser
import Foundation
import SweepCore

/// `lstm-sweep submit SWEEP.yaml --coordinator URL`: validate a sweep here, then register it remotely.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Validate a sweep file (one sweep or several) and submit it to a coordinator.",
        discussion: "Submitting the same file again adds only new trials (more seeds or values).")

    @Argument(help: "The sweep file (format: sweeps/README.md).")
    var sweepFile: String

    @OptionGroup var remote: CoordinatorOptions

    func run() async throws {
        // Same parser, schemas and configuration checks as `run`: bad input never leaves this machine.
        let sweeps: [SweepDefinition]
        do {
            sweeps = try ExecutorRegistry.parser.parseAll(contentsOfFile: sweepFile)
        } catch {
            throw badInput(error.description)
        }
        for sweep in sweeps where ExecutorRegistry.execution(forPreset: sweep.preset) == nil {
            throw badInput("\(sweepFile): no executor for preset '\(sweep.preset)'")
        }
        guard let data = FileManager.default.contents(atPath: sweepFile) else {
            throw badInput("\(sweepFile): cannot read the sweep file")
        }
        let client = try remote.client()
        do {
            let reply = try await client.submit(SubmitRequest(yaml: String(decoding: data, as: UTF8.self), fileName: sweepFile))
            for entry in reply.entries {
                print(
                    "sweep \(entry.sweepName): \(entry.trials) trials, \(entry.summary.insertedTrials) new, "
                        + "\(entry.summary.existingTrials) already known (\(remote.coordinator))")
            }
        } catch {
            throw coordinatorFailure(error)
        }
    }
}
