import ArgumentParser
import Foundation
import LSTMCore

/// `lstm-sweep net`: writes a freshly initialised network file.
struct NetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "net", abstract: "Write a freshly initialised network as JSON (docs/formats.md).")

    @OptionGroup var topology: TopologyOptions
    @Option(help: "Seed of the weights stream.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        try reportingInputErrors {
            var rng = SplitMix64(seed: seed, stream: .weights)
            let weights = try topology.initialization().weights(for: topology.topology, rng: &rng)
            let data = try NetworkFile(topology: topology.topology, weights: weights).encoded()
            try OutputTarget(path: output).write(data + Data("\n".utf8))
        }
    }
}
