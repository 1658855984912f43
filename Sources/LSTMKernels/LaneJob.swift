// What the lane kernels are handed for one lane: the next sequence and what to do at its target steps.
// The owner of the lanes (LSTMCore.LaneNetwork) keeps the sequence's memory alive until the lane asks
// for its next job.

/// One lane's next sequence and its target action (`update`, `accumulate` or `measure`, as for a single net).
package struct LaneJob {
    package var sequence: SequenceBuffers
    package var action: TargetAction
    /// With `.accumulate`: the α the accumulated changes are applied with at the sequence end
    /// (SequenceKernel.applyAccumulated); nil leaves them in the accumulators.
    package var applyRate: Double?

    package init(sequence: SequenceBuffers, action: TargetAction, applyRate: Double? = nil) {
        (self.sequence, self.action, self.applyRate) = (sequence, action, applyRate)
    }
}
