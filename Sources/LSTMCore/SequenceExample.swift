// One input sequence with its targets, in a buffer that tasks refill in place.
//
// Inputs are either dense (real-valued, [length, inputCount]) or one-hot (one active index per step,
// or none). One-hot steps let the network skip the zero inputs, so a step of 2c's 1004-input net costs
// the same as one of a 54-input net. Targets are dense, [length, outputCount], with a per-step flag:
// most tasks give a target at the last step only, Exp. 1 and 2a/2b at every step.

/// A sequence of inputs and (possibly sparse in time) targets.
public struct SequenceExample: Sendable {
    /// How the inputs of every step are stored.
    public enum Encoding: Sendable, Equatable {
        /// `denseInputs` holds every input value.
        case dense
        /// `activeInput` holds the index of the single input at 1.0 (or -1 for all zeros).
        case oneHot
    }

    /// The number of input units.
    public let inputCount: Int
    /// The number of output units.
    public let outputCount: Int
    /// How inputs are stored.
    public let encoding: Encoding
    /// The number of steps in use (the buffers may be longer).
    public private(set) var length: Int = 0

    /// Dense inputs. Shape: [capacity, inputCount], row-major; empty for one-hot sequences.
    public var denseInputs: [Double]
    /// One-hot inputs. Shape: [capacity]; the active input index per step, -1 for none.
    public var activeInput: [Int]
    /// Targets. Shape: [capacity, outputCount], row-major; meaningful where `hasTarget` is true.
    public var targets: [Double]
    /// Shape: [capacity]; whether step t carries a target.
    public var hasTarget: [Bool]

    /// Creates an empty sequence buffer.
    public init(inputCount: Int, outputCount: Int, encoding: Encoding, capacity: Int = 16) {
        precondition(inputCount > 0 && outputCount > 0)
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.encoding = encoding
        let cap = max(capacity, 1)
        denseInputs = encoding == .dense ? [Double](repeating: 0, count: cap * inputCount) : []
        activeInput = encoding == .oneHot ? [Int](repeating: -1, count: cap) : []
        targets = [Double](repeating: 0, count: cap * outputCount)
        hasTarget = [Bool](repeating: false, count: cap)
    }

    /// The number of steps the buffers hold without growing.
    public var capacity: Int { hasTarget.count }

    /// Starts a new sequence of `length` steps: clears inputs and target flags, growing if needed.
    ///
    /// Growth happens only when a longer sequence than any before arrives, so a task that refills
    /// one buffer allocates nothing in steady state.
    public mutating func reset(length newLength: Int) {
        precondition(newLength >= 1, "a sequence has at least one step")
        if newLength > capacity {
            let cap = max(newLength, capacity * 2)
            if encoding == .dense { denseInputs = [Double](repeating: 0, count: cap * inputCount) }
            if encoding == .oneHot { activeInput = [Int](repeating: -1, count: cap) }
            targets = [Double](repeating: 0, count: cap * outputCount)
            hasTarget = [Bool](repeating: false, count: cap)
        }
        length = newLength
        for t in 0..<newLength { hasTarget[t] = false }
        switch encoding {
        case .dense:
            for i in 0..<(newLength * inputCount) { denseInputs[i] = 0 }
        case .oneHot:
            for t in 0..<newLength { activeInput[t] = -1 }
        }
    }

    /// Sets the one-hot input of step t (`-1` for no active input).
    @inline(__always)
    public mutating func setActive(_ index: Int, at t: Int) {
        precondition(encoding == .oneHot && t < length && index < inputCount)
        activeInput[t] = index
    }

    /// Sets input `i` of step t (dense sequences only).
    @inline(__always)
    public mutating func setInput(_ value: Double, unit i: Int, at t: Int) {
        precondition(encoding == .dense && t < length && i < inputCount)
        denseInputs[t * inputCount + i] = value
    }

    /// Sets the whole target vector of step t and marks the step as carrying a target.
    public mutating func setTarget(_ values: [Double], at t: Int) {
        precondition(values.count == outputCount && t < length)
        for k in 0..<outputCount { targets[t * outputCount + k] = values[k] }
        hasTarget[t] = true
    }

    /// Sets target k of step t and marks the step as carrying a target.
    @inline(__always)
    public mutating func setTarget(_ value: Double, unit k: Int, at t: Int) {
        precondition(t < length && k < outputCount)
        targets[t * outputCount + k] = value
        hasTarget[t] = true
    }

    /// Sets a one-hot target at step t: 1 for `unit`, 0 elsewhere.
    public mutating func setOneHotTarget(_ unit: Int, at t: Int) {
        precondition(t < length && unit < outputCount)
        for k in 0..<outputCount { targets[t * outputCount + k] = k == unit ? 1 : 0 }
        hasTarget[t] = true
    }

    /// The input value of unit i at step t, whatever the encoding.
    public func input(unit i: Int, at t: Int) -> Double {
        switch encoding {
        case .dense: return denseInputs[t * inputCount + i]
        case .oneHot: return activeInput[t] == i ? 1 : 0
        }
    }

    /// The target of unit k at step t (meaningful only where `hasTarget[t]`).
    public func target(unit k: Int, at t: Int) -> Double {
        targets[t * outputCount + k]
    }
}
