// A trial's learner while its net lives in a lane of a LaneNetwork: training and evaluation happen in
// the lanes (LaneSlot); what else the session asks of its learner (the finiteness check, the weight
// count) reads the lane, and any direct train/evaluate call runs on the trial's own LSTMNetwork loaded
// with the lane's weights. The same weights give the same bits on either kernel.
import LSTMCore

/// The learner of a trial running in lane `lane`: reads go to the lane, evaluation to a copy of it.
final class LaneLearner: SequenceLearner {
    let lanes: LaneNetwork
    let lane: Int
    /// The trial's own net, which evaluates with the lane's weights (copied in when they changed).
    let scratch: LSTMNetwork
    /// Whether the lane has trained since the weights were last copied into `scratch`.
    var isStale = true

    init(lanes: LaneNetwork, lane: Int, scratch: LSTMNetwork) {
        (self.lanes, self.lane, self.scratch) = (lanes, lane, scratch)
    }

    var weightCount: Int { scratch.weightCount }
    var weights: [Double] { lanes.weights(lane: lane) }
    var weightsAreFinite: Bool { lanes.weightsAreFinite(lane: lane) }
    /// The outputs of the last evaluation (training outputs are read from the lane by the runner).
    var stepOutputs: [Double] { scratch.stepOutputs }

    /// Trains the copy and writes its weights back into the lane (the runner trains in the lane
    /// instead; this keeps the protocol's contract for any other caller).
    func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        synchronize()
        let stats = scratch.train(sequence, learningRate: learningRate, timing: timing)
        lanes.setWeights(scratch.weights, lane: lane)
        return stats
    }

    func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        synchronize()
        return scratch.evaluate(sequence)
    }

    func gradient(for sequence: SequenceExample) -> [Double] {
        synchronize()
        return scratch.gradient(for: sequence)
    }

    /// Copies the lane's weights into the scratch net if the lane trained since the last copy.
    private func synchronize() {
        guard isStale else { return }
        scratch.setWeights(lanes.weights(lane: lane))
        isStale = false
    }
}
