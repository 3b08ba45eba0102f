/// One `<testsuite>` of a JUnit XML file.
public struct JUnitSuite: Sendable, Equatable {
    public var name: String
    /// Seconds; `nil` writes no `time` attribute.
    public var seconds: Double?
    /// ISO 8601 start time, when known.
    public var timestamp: String?
    /// `<properties>`: name and value pairs, in order.
    public var properties: [(name: String, value: String)]
    public var cases: [JUnitCase]

    public init(name: String, seconds: Double? = nil, timestamp: String? = nil,
                properties: [(name: String, value: String)] = [], cases: [JUnitCase]) {
        self.name = name
        self.seconds = seconds
        self.timestamp = timestamp
        self.properties = properties
        self.cases = cases
    }

    public static func == (lhs: JUnitSuite, rhs: JUnitSuite) -> Bool {
        lhs.name == rhs.name && lhs.seconds == rhs.seconds && lhs.timestamp == rhs.timestamp
            && lhs.properties.map(\.name) == rhs.properties.map(\.name)
            && lhs.properties.map(\.value) == rhs.properties.map(\.value) && lhs.cases == rhs.cases
    }
}
