import Testing
import Foundation
import IceprobeTestSupport

/// The namespace helper cleans up after itself: the namespace is gone after the body, also when
/// the body throws (root, ip, iptables, ping).
struct TestNamespaceTests {
    struct Planned: Error {}

    static func namespaces() async throws -> String {
        let ip = try #require(TestNamespace.ipTool, "the ip tool is missing")
        return try await Coturn.runSucceeding(ip, ["netns", "list"], timeoutSeconds: 5)
    }

    @Test(.enabled(if: Integration.namespaceEnabled, "needs root, ip, iptables and ping"))
    func deletedAfterTheBodyAlsoWhenItThrows() async throws {
        let name = try await TestNamespace.with(symmetric: false) { namespace in
            let listed = try await Self.namespaces()
            #expect(listed.contains(namespace.name))
            return namespace.name
        }
        #expect(try await !Self.namespaces().contains(name))

        var thrownName: String?
        do {
            try await TestNamespace.with(symmetric: true) { namespace in
                thrownName = namespace.name
                throw Planned()
            }
            Issue.record("the body's error was not rethrown")
        } catch is Planned {
        }
        let thrown = try #require(thrownName)
        #expect(try await !Self.namespaces().contains(thrown))
    }
}
