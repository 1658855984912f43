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
// Inside the network the hidden weights are stored column-major and padded, [S + 1, R4] with
// R4 = b + b_out + C rounded up to a multiple of 4 and the bias in column S (zero and frozen when
// absent), so one source updates the net inputs of all hidden rows in SIMD4 steps. The output weights
// are stored the same way, [outputSources + 1, K4].

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

    /// The number of gate rows: input gates, then output gates.
    var gateRows: Int { topology.blockCount + topology.outputGateCount }
    /// The padded row of the first cell: the gate rows rounded up to a multiple of 4, so that gates
    /// and cells each start a SIMD4 quad.
    var cellRow0: Int { (gateRows + 3) & ~3 }
    /// The stride between hidden columns: padded gate rows, then the cells rounded up to 4.
    var hiddenStride: Int { cellRow0 + ((topology.cellCount + 3) & ~3) }
    /// The output count rounded up to a multiple of 4: the stride between output columns.
    var outputStride: Int { (topology.outputCount + 3) & ~3 }
    /// The padded hidden matrix size, [S + 1, hiddenStride].
    var hiddenSize: Int { (topology.sourceCount + 1) * hiddenStride }
    /// The padded output matrix size, [outputSources + 1, outputStride].
    var outputSize: Int { (topology.outputSourceCount + 1) * outputStride }

    /// For every flat index, the index in the padded storage: the hidden matrix, then the output
    /// matrix at offset `hiddenSize`.
    func paddedIndices() -> [Int] {
        let t = topology
        let s = t.sourceCount
        let rs = hiddenStride, ks = outputStride
        var map = [Int]()
        map.reserveCapacity(count)
        // Groups 1-3: gate rows, then cell rows (which start at the padded row cellRow0).
        for row in 0..<gateRows {
            for m in 0..<s { map.append(m * rs + row) }
        }
        for c in 0..<t.cellCount {
            for m in 0..<s { map.append(m * rs + cellRow0 + c) }
        }
        // Groups 4-6: the bias column of the biased rows.
        if t.biases.gates {
            for j in 0..<(t.blockCount + t.outputGateCount) { map.append(s * rs + j) }
        }
        if t.biases.cells {
            for c in 0..<t.cellCount { map.append(s * rs + cellRow0 + c) }
        }
        // Groups 7-8: the output matrix.
        for k in 0..<t.outputCount {
            for m in 0..<t.outputSourceCount { map.append(hiddenSize + m * ks + k) }
        }
        if t.biases.outputs {
            for k in 0..<t.outputCount { map.append(hiddenSize + t.outputSourceCount * ks + k) }
        }
        assert(map.count == count)
        return map
    }
}
