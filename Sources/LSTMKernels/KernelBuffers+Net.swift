// What LSTMNetwork does to its buffers once per trial or on inspection, at either precision: reading and
// writing the weights (as float64, in the padded positions `map` gives), reading the gradient
// accumulators, and the inspection values. The per-sequence work (reset, applying accumulated changes)
// is in SequenceKernel.swift, compiled per precision: these generic methods run unspecialised.

/// The per-trial and inspection operations of a net's buffers, whatever their precision, so that
/// LSTMNetwork reaches them without a switch on the precision for each one.
package protocol NetBufferAccess {
    func weights(_ map: [Int]) -> [Double]
    func setWeights(_ values: [Double], _ map: [Int])
    var weightsAreFinite: Bool { get }
    func takeGradient(_ map: [Int]) -> [Double]
    var cellStates: [Double] { get }
    var inputGateActivations: [Double] { get }
    var isCompact: Bool { get }
    func deallocate()
}

extension KernelBuffers: NetBufferAccess {
    /// The weights at the padded positions `map` (WeightLayout order), as float64.
    package func weights(_ map: [Int]) -> [Double] { map.map { Double(storage[$0]) } }

    /// Sets the weights at the padded positions `map` (rounded to the precision).
    package func setWeights(_ values: [Double], _ map: [Int]) {
        for i in 0..<values.count { storage[map[i]] = Scalar(values[i]) }
    }

    /// Whether every weight is finite.
    package var weightsAreFinite: Bool {
        for i in 0..<matricesCount where !storage[i].isFinite { return false }
        return true
    }

    /// The accumulated gradient at the positions `map`, as float64; clears the accumulators.
    package func takeGradient(_ map: [Int]) -> [Double] {
        let offset = gHidden - storage  // the accumulators mirror the weights' padded layout
        var result = [Double](repeating: 0, count: map.count)
        for i in 0..<map.count { result[i] = Double(storage[offset + map[i]]) }
        for i in 0..<matricesCount { gHidden[i] = 0 }
        return result
    }

    /// The internal states s_c after the last step, as float64. Shape: [C].
    package var cellStates: [Double] { (0..<cells).map { Double(state[$0]) } }

    /// The input gate activations after the last step, as float64. Shape: [b].
    package var inputGateActivations: [Double] { (0..<blocks).map { Double(act[$0]) } }
}
