/// A distribution that random search samples one parameter from.
public enum Distribution: Sendable, Equatable {
    /// Uniform on [low, high]; integer parameters get a uniform integer.
    case uniform(low: Double, high: Double)
    /// Uniform in log space on [low, high], both positive.
    case logUniform(low: Double, high: Double)
    /// One of the listed values, each equally likely.
    case choice([ParameterValue])
}
