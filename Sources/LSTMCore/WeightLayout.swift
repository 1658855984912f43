// The order of an LSTM net's weights in a flat vector (network files, `grad` output, initialisation).
//
// Groups, in order (S = sourceCount, O = outputSourceCount, C = cells, b = blocks):
//   1. input gate weights      [b, S]      row j: block j; columns: sources (see LSTMTopology)
//   2. output gate weights     [b, S]      absent without output gates
//   3. cell weights            [C, S]      row c = block * s + v
//   4. input gate biases       [b]         if gates are biased
//   5. output gate biases      [b]         if gates are biased and present
//   6. cell biases             [C]         if cells are biased
//   7. output weights          [K, O]      columns: inputs (under B only), then cells
//   8. output biases           [K]         if outputs are biased
// Inside the network the hidden rows are stored padded, [b + b_out + C, S + 1] with the bias in the
// last column (zero and frozen when absent), so every row is processed by the same loop.

/// Offsets of each weight group in the flat vector of a topology.
public struct WeightLayout: Sendable, Equatable {
    /// The topology laid out.
    public let topology: LSTMTopology
    /// First index of each group; a group's length follows from the topology.
    public let inputGate: Int, outputGate: Int, cell: Int
    public let inputGateBias: Int, outputGateBias: Int, cellBias: Int
    public let output: Int, outputBias: Int
    /// The total number of weights.
    public let count: Int

    /// Lays out the weights of `topology`.
    public init(_ topology: LSTMTopology) {
        self.topology = topology
        let t = topology
        let s = t.sourceCount
        var next = 0
        inputGate = next
        next += t.blockCount * s
        outputGate = next
        next += t.outputGateCount * s
        cell = next
        next += t.cellCount * s
        inputGateBias = next
        next += t.biases.gates ? t.blockCount : 0
        outputGateBias = next
        next += t.biases.gates ? t.outputGateCount : 0
        cellBias = next
        next += t.biases.cells ? t.cellCount : 0
        output = next
        next += t.outputCount * t.outputSourceCount
        outputBias = next
        next += t.biases.outputs ? t.outputCount : 0
        count = next
    }

    /// The number of padded hidden rows: input gates, output gates, cells.
    var hiddenRows: Int { topology.blockCount + topology.outputGateCount + topology.cellCount }
    /// The padded row length of a hidden row: the sources plus the bias column.
    var hiddenStride: Int { topology.sourceCount + 1 }
    /// The padded row length of an output row: its sources plus the bias column.
    var outputStride: Int { topology.outputSourceCount + 1 }

    /// For every flat index, the padded index: hidden entries index the hidden matrix, output entries
    /// the output matrix offset by `hiddenRows * hiddenStride`.
    func paddedIndices() -> [Int] {
        let t = topology
        let s = t.sourceCount
        let hs = hiddenStride
        let hiddenSize = hiddenRows * hs
        var map = [Int]()
        map.reserveCapacity(count)
        // Groups 1-3: hidden rows in the same order as the padded matrix.
        for row in 0..<hiddenRows {
            for m in 0..<s { map.append(row * hs + m) }
        }
        // Groups 4-6: the bias column of the biased rows.
        if t.biases.gates {
            for j in 0..<(t.blockCount + t.outputGateCount) { map.append(j * hs + s) }
        }
        if t.biases.cells {
            let first = t.blockCount + t.outputGateCount
            for c in 0..<t.cellCount { map.append((first + c) * hs + s) }
        }
        // Groups 7-8: the output matrix.
        let os = outputStride
        for k in 0..<t.outputCount {
            for m in 0..<t.outputSourceCount { map.append(hiddenSize + k * os + m) }
        }
        if t.biases.outputs {
            for k in 0..<t.outputCount { map.append(hiddenSize + k * os + t.outputSourceCount) }
        }
        assert(map.count == count)
        return map
    }
}
