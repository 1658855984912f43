import Foundation
import ArgumentParser
import LSTMCore

extension Connectivity: ExpressibleByArgument {}
extension BiasSet: ExpressibleByArgument {}
extension CellInputSquashing: ExpressibleByArgument {}
extension CellOutputSquashing: ExpressibleByArgument {}

/// Flags describing an LSTM topology and its initialisation.
struct TopologyOptions: ParsableArguments {
    @Option(help: "Input units (I).") var inputs: Int = 2
    @Option(help: "Output units (K).") var outputs: Int = 1
    @Option(help: "Memory cell blocks (b).") var blocks: Int = 2
    @Option(help: "Cells per block (s).") var cellsPerBlock: Int = 2
    @Option(help: "full (paper's F), layered (paper's B) or layered_recurrent (B with F's recurrence).")
    var connectivity: Connectivity = .full
    @Option(help: "none, gates, hidden or all.") var biases: BiasSet = .all
    @Flag(help: "Blocks without output gates (Exps. 2a/2b).") var noOutputGates = false
    @Option(help: "g: symmetric2 ([-2,2]), logistic ([0,1]) or symmetric1 ([-1,1]).") var cellInput: CellInputSquashing = .symmetric2
    @Option(help: "h: symmetric1 ([-1,1]), identity or symmetric2 ([-2,2]).") var cellOutput: CellOutputSquashing = .symmetric1
    @Option(help: "Weights start uniform in [-r, r].") var initRange: Double = 0.1
    @Option(help: "Input gate bias per block, comma-separated (default: random in the range).")
    var inputGateBias: String?
    @Option(help: "Output gate bias per block, comma-separated (default: random in the range).")
    var outputGateBias: String?

    var topology: LSTMTopology {
        LSTMTopology(
            inputCount: inputs, outputCount: outputs, blockCount: blocks, cellsPerBlock: cellsPerBlock,
            connectivity: connectivity, biases: biases, hasOutputGates: !noOutputGates,
            cellInput: cellInput, cellOutput: cellOutput)
    }

    func initialization() throws -> LSTMInitialization {
        LSTMInitialization(
            weightRange: initRange, inputGateBiases: try Self.list(inputGateBias, flag: "--input-gate-bias"),
            outputGateBiases: try Self.list(outputGateBias, flag: "--output-gate-bias"))
    }

    static func list(_ text: String?, flag: String) throws -> [Double]? {
        guard let text else { return nil }
        return try text.split(separator: ",").map {
            guard let value = Double($0.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw InputError("\(flag): '\(text)' is not a comma-separated list of numbers")
            }
            return value
        }
    }

    func validate() throws {
        if let problem = topology.problem { throw ValidationError(problem) }
        let initialization = try reportingInputErrors { try self.initialization() }
        if let problem = initialization.problem(for: topology) { throw ValidationError(problem) }
    }
}
