import CNice

/// IceAgent: the libnice wrapper. The only module that imports CNice.
public enum IceAgent {
    /// The libnice version this binary was built against, for reports.
    public static let libniceLinked = true
}
