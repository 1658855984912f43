import Foundation
import LSTMCore

/// The network file (docs/formats.md): topology, squashing choices and every weight, in the
/// WeightLayout order. Written by `lstm-sweep net`, read by `lstm-sweep grad`.
struct NetworkFile: Codable {
    static let formatName = "lstm-sweep-network/1"

    /// The file's topology object.
    struct Topology: Codable {
        var inputs: Int
        var outputs: Int
        var blocks: Int
        var cellsPerBlock: Int
        var connectivity: Connectivity
        var biases: BiasSet
        var outputGates: Bool
        var cellInput: CellInputSquashing
        var cellOutput: CellOutputSquashing
    }

    var format = Self.formatName
    var topology: Topology
    var weights: [Double]

    init(topology t: LSTMTopology, weights: [Double]) {
        topology = Topology(
            inputs: t.inputCount, outputs: t.outputCount, blocks: t.blockCount, cellsPerBlock: t.cellsPerBlock,
            connectivity: t.connectivity, biases: t.biases, outputGates: t.hasOutputGates,
            cellInput: t.cellInput, cellOutput: t.cellOutput)
        self.weights = weights
    }

    /// The core topology this file describes.
    var coreTopology: LSTMTopology {
        LSTMTopology(
            inputCount: topology.inputs, outputCount: topology.outputs, blockCount: topology.blocks,
            cellsPerBlock: topology.cellsPerBlock, connectivity: topology.connectivity, biases: topology.biases,
            hasOutputGates: topology.outputGates, cellInput: topology.cellInput, cellOutput: topology.cellOutput)
    }

    /// Reads and checks a network file; every problem is an `InputError` naming the file and field.
    static func read(path: String) throws -> NetworkFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("\(path): cannot read the file") }
        let root = try JSONFields(file: path, data: data)
        try root.rejectUnknown(["format", "topology", "weights"])
        let format = try root.string("format")
        guard format == formatName else { throw root.error("format", "expected '\(formatName)', got '\(format)'") }
        let t = try root.object("topology")
        try t.rejectUnknown([
            "inputs", "outputs", "blocks", "cellsPerBlock", "connectivity", "biases", "outputGates", "cellInput",
            "cellOutput",
        ])
        let topology = Topology(
            inputs: try t.integer("inputs", atLeast: 1), outputs: try t.integer("outputs", atLeast: 1),
            blocks: try t.integer("blocks", atLeast: 1), cellsPerBlock: try t.integer("cellsPerBlock", atLeast: 1),
            connectivity: try t.choice("connectivity", Connectivity.self), biases: try t.choice("biases", BiasSet.self),
            outputGates: try t.bool("outputGates"), cellInput: try t.choice("cellInput", CellInputSquashing.self),
            cellOutput: try t.choice("cellOutput", CellOutputSquashing.self))
        var file = NetworkFile(topology: LSTMTopology(inputCount: 1, outputCount: 1, blockCount: 1, cellsPerBlock: 1), weights: [])
        file.topology = topology
        let count = file.coreTopology.weightCount
        file.weights = try JSONFields.numbers(
            try root.raw("weights"), count: count,
            name: root.error("weights", "expected an array of \(count) finite numbers for this topology"))
        return file
    }

    /// The file as pretty JSON.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
