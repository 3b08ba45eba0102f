import Foundation
import Testing
import Credentials
import IceprobeTestSupport

@Suite("ICE server list")
struct IceServerListTests {
    static func parse(_ json: String) throws(IceServerListError) -> [IceServerEntry] {
        try IceServerList.parse(Data(json.utf8))
    }

    @Test("urls as array or string, optional credentials, wrapper object")
    func valid() throws {
        let servers = try Self.parse("""
        [{"urls": ["turn:a.example:3478?transport=udp", "turns:a.example:443?transport=tcp"],
          "username": "u1", "credential": "p1"},
         {"urls": "stun:b.example"},
         {"url": "turn:c.example", "username": "u3", "credential": "p3", "credentialType": "password"}]
        """)
        #expect(servers.count == 3)
        #expect(servers[0].urls.count == 2)
        #expect(servers[0].username == "u1")
        #expect(servers[0].credential?.revealed == "p1")
        #expect(servers[1].urls == ["stun:b.example"])
        #expect(servers[1].username == nil && servers[1].credential == nil)
        #expect(servers[2].urls == ["turn:c.example"])
        let wrapped = try Self.parse(#"{"iceServers": [{"urls": "turn:x", "username": "a", "credential": "b"}]}"#)
        #expect(wrapped.count == 1)
    }

    @Test("errors name the place", arguments: [
        ("not json", IceServerListError.Kind.notJSON, "$"),
        ("[]", .empty, "$"),
        ("42", .wrongType, "$"),
        (#"{"servers": []}"#, .wrongType, "$"),
        (#"[{"urls": "turn:x"}, 5]"#, .wrongType, "$[1]"),
        (#"[{"username": "x"}]"#, .missingField, "$[0]"),
        (#"[{"urls": 7}]"#, .wrongType, "$[0].urls"),
        (#"[{"urls": ["turn:x", 7]}]"#, .wrongType, "$[0].urls[1]"),
        (#"[{"urls": []}]"#, .empty, "$[0].urls"),
        (#"[{"urls": "turn:x", "credential": 12345}]"#, .wrongType, "$[0].credential"),
        (#"{"iceServers": {"urls": "x"}}"#, .wrongType, "$.iceServers"),
    ])
    func invalid(json: String, kind: IceServerListError.Kind, path: String) {
        do {
            _ = try Self.parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.path == path)
            #expect(!error.description.contains("12345"))
        }
    }
}

@Suite("ICE server list, damaged input")
struct IceServerListFuzzTests {
    @Test("mutated lists give servers or an error with a JSON path, never a trap, never the credential")
    func mutated() {
        let original = Array(#"{"iceServers": [{"urls": ["turn:a.example:3478?transport=udp", "turns:a.example:443"], "username": "u1", "credential": "secret-credential-1"}, {"urls": "stun:b.example"}]}"#.utf8)
        var random = SplitMix64(seed: 0x1CE5_E2F)
        var rejected = 0
        for _ in 0..<3_000 {
            let bytes = random.damage(original, alphabet: Array("{}[]\",:0123456789 nul".utf8))
            do {
                _ = try IceServerList.parse(Data(bytes))
            } catch {
                rejected += 1
                #expect(error.path.hasPrefix("$"))
                #expect(!error.description.contains("secret-credential-1"))
            }
        }
        #expect(rejected > 100)
    }
}
