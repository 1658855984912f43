// The floating-point type of this copy of the kernels. The kernel files are compiled once per precision
// (and instruction set): here as float64; LSTMKernelsFloat and LSTMKernelsFloatHaswell define
// LSTM_KERNELS_FLOAT and get float32. `RealBits` is the unsigned integer of the same width.

#if LSTM_KERNELS_FLOAT
    package typealias Real = Float
    package typealias RealBits = UInt32
#else
    package typealias Real = Double
    package typealias RealBits = UInt64
#endif
