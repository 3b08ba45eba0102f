/// A check profile as the collector lists it for agents (the browser check page picks one): its
/// name, description and region ids. Never its credentials or server secrets.
public struct CollectorProfile: Sendable, Equatable, Codable {
    public var name: String
    public var description: String
    public var regions: [String]

    public init(name: String, description: String, regions: [String]) {
        self.name = name
        self.description = description
        self.regions = regions
    }
}
