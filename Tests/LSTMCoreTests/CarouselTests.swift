import LSTMCore
import Testing

/// The constant error carousel (paper §1.1, A.2): a shut input gate keeps the state exactly, an open
/// one adds g(net_c) exactly at every step.
struct CarouselTests {
    /// One block of one cell seeing inputs only; input 0 drives the input gate, input 1 the cell.
    /// h is the identity so that outputs reveal the state.
    func latchNet(gateBias: Double) -> LSTMNetwork {
        let topology = LSTMTopology(
            inputCount: 2, outputCount: 1, blockCount: 1, cellsPerBlock: 1, connectivity: .layered,
            biases: .hidden, hasOutputGates: false, cellInput: .symmetric2, cellOutput: .identity)
        let layout = WeightLayout(topology)
        var w = [Double](repeating: 0, count: layout.count)
        w[layout.inputGate + 0] = 100  // input 0 opens the gate
        w[layout.cell + 1] = 1.5  // input 1 feeds the cell
        w[layout.inputGateBias] = gateBias
        return LSTMNetwork(topology: topology, weights: w)
    }

    func sequence(length: Int, gateInput: (Int) -> Double, cellInput: (Int) -> Double) -> SequenceExample {
        var seq = SequenceExample(inputCount: 2, outputCount: 1, encoding: .dense, capacity: length)
        seq.reset(length: length)
        for t in 0..<length {
            seq.setInput(gateInput(t), unit: 0, at: t)
            seq.setInput(cellInput(t), unit: 1, at: t)
        }
        seq.setTarget(0.5, unit: 0, at: length - 1)
        return seq
    }

    @Test func shutInputGateHoldsTheStateFor10000Steps() {
        // Given a gate opened at step 0 only (net 100 - 50) and shut afterwards (net -50),
        let net = latchNet(gateBias: -50)
        let written = sequence(length: 1, gateInput: { _ in 1 }, cellInput: { _ in 1 })
        _ = net.evaluate(written)
        let stored = net.cellStates[0]
        #expect(abs(stored) > 0.5)
        // when 10,000 further steps of varying cell input pass with the gate shut,
        let long = sequence(length: 10_001, gateInput: { $0 == 0 ? 1 : 0 }, cellInput: { t in t == 0 ? 1 : Double(t % 7) - 3 })
        _ = net.evaluate(long)
        // then the state is bit for bit what was written.
        #expect(net.cellStates[0] == stored)
    }

    @Test func openInputGateAccumulatesExactly() {
        // Given a gate held open (y^in = 1 in double precision) and a constant cell input,
        let net = latchNet(gateBias: 50)
        let seq = sequence(length: 10_000, gateInput: { _ in 0 }, cellInput: { _ in 1 })
        _ = net.evaluate(seq)
        // the state is the running sum of the same g(net_c), with no decay.
        let gValue = CellInputSquashing.symmetric2.valueAndDerivative(1.5).0
        var expected = 0.0
        for _ in 0..<10_000 { expected += gValue }
        #expect(net.inputGateActivations[0] == 1)
        #expect(net.cellStates[0] == expected)
    }
}
