import ArgumentParser
import Foundation
import LSTMCore

/// `lstm-sweep grad`: the outputs and truncated gradient of one sequence, for cross-checks.
struct GradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grad",
        abstract: "Print the outputs at every step and the truncated gradient accumulated over a sequence.",
        discussion: """
            The gradient is -dE/dw with E = 1/2 sum (t - y)^2 over the steps with targets (the paper's eqs. 19-28,
            without the factor 2), summed over the sequence before any weight change, in the weight order of
            the network file.
            """)

    @Option(help: "A network file (lstm-sweep net).") var network: String
    @Option(help: "A sequence file (docs/formats.md).") var sequence: String

    /// The printed result.
    struct Result: Codable {
        var weightCount: Int
        var error: Double
        var outputs: [[Double]]
        var gradient: [Double]
    }

    func run() throws {
        try reportingInputErrors {
            let file = try NetworkFile.read(path: network)
            let topology = file.coreTopology
            let seq = try SequenceFile.read(path: sequence, inputCount: topology.inputCount, outputCount: topology.outputCount)
            let net = LSTMNetwork(topology: topology, weights: file.weights)
            let gradient = net.gradient(for: seq)
            let outputs = (0..<seq.length).map { t in
                Array(net.stepOutputs[(t * topology.outputCount)..<((t + 1) * topology.outputCount)])
            }
            let error = net.evaluate(seq).squaredError / 2
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(Result(weightCount: net.weightCount, error: error, outputs: outputs, gradient: gradient))
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}
