import Testing
@testable import ProbeTransport

struct ServerURITests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var text: String
        var scheme: ServerURI.Scheme
        var host: String
        var port: UInt16
        var explicitPort: Bool
        var transport: TransportProtocol
        var canonical: String
        var testDescription: String { text }
    }

    static let valid: [Valid] = [
        .init(text: "stun:stun.example.org", scheme: .stun, host: "stun.example.org", port: 3478,
              explicitPort: false, transport: .udp, canonical: "stun:stun.example.org:3478"),
        .init(text: "stun:stun.example.org:19302", scheme: .stun, host: "stun.example.org", port: 19302,
              explicitPort: true, transport: .udp, canonical: "stun:stun.example.org:19302"),
        .init(text: "stuns:Stun.Example.org", scheme: .stuns, host: "stun.example.org", port: 5349,
              explicitPort: false, transport: .tls, canonical: "stuns:stun.example.org:5349"),
        .init(text: "STUN:127.0.0.1:3478", scheme: .stun, host: "127.0.0.1", port: 3478,
              explicitPort: true, transport: .udp, canonical: "stun:127.0.0.1:3478"),
        .init(text: "turn:global.turn.twilio.com:3478?transport=udp", scheme: .turn,
              host: "global.turn.twilio.com", port: 3478, explicitPort: true, transport: .udp,
              canonical: "turn:global.turn.twilio.com:3478?transport=udp"),
        .init(text: "turn:global.turn.twilio.com:3478?transport=tcp", scheme: .turn,
              host: "global.turn.twilio.com", port: 3478, explicitPort: true, transport: .tcp,
              canonical: "turn:global.turn.twilio.com:3478?transport=tcp"),
        .init(text: "turns:global.turn.twilio.com:443?transport=tcp", scheme: .turns,
              host: "global.turn.twilio.com", port: 443, explicitPort: true, transport: .tls,
              canonical: "turns:global.turn.twilio.com:443?transport=tcp"),
        .init(text: "turn:relay.example", scheme: .turn, host: "relay.example", port: 3478,
              explicitPort: false, transport: .udp, canonical: "turn:relay.example:3478"),
        .init(text: "turns:relay.example", scheme: .turns, host: "relay.example", port: 5349,
              explicitPort: false, transport: .tls, canonical: "turns:relay.example:5349"),
        .init(text: "stun:[2001:DB8::1]:3479", scheme: .stun, host: "2001:db8::1", port: 3479,
              explicitPort: true, transport: .udp, canonical: "stun:[2001:db8::1]:3479"),
        .init(text: "stun:[::1]", scheme: .stun, host: "::1", port: 3478,
              explicitPort: false, transport: .udp, canonical: "stun:[::1]:3478"),
        .init(text: "[::ffff:192.0.2.1]:5000", scheme: .stun, host: "::ffff:192.0.2.1", port: 5000,
              explicitPort: true, transport: .udp, canonical: "stun:[::ffff:192.0.2.1]:5000"),
        .init(text: "192.0.2.10:3478", scheme: .stun, host: "192.0.2.10", port: 3478,
              explicitPort: true, transport: .udp, canonical: "stun:192.0.2.10:3478"),
        .init(text: "localhost:3478", scheme: .stun, host: "localhost", port: 3478,
              explicitPort: true, transport: .udp, canonical: "stun:localhost:3478"),
        .init(text: "localhost", scheme: .stun, host: "localhost", port: 3478,
              explicitPort: false, transport: .udp, canonical: "stun:localhost:3478"),
        .init(text: "  stun.l.google.com:19302 \n", scheme: .stun, host: "stun.l.google.com", port: 19302,
              explicitPort: true, transport: .udp, canonical: "stun:stun.l.google.com:19302"),
        .init(text: "stun:a:65535", scheme: .stun, host: "a", port: 65535,
              explicitPort: true, transport: .udp, canonical: "stun:a:65535"),
    ]

    @Test(arguments: valid)
    func parsesValid(_ case_: Valid) throws {
        let uri = try ServerURI(parsing: case_.text)
        #expect(uri.scheme == case_.scheme)
        #expect(uri.host == case_.host)
        #expect(uri.port == case_.port)
        #expect(uri.hasExplicitPort == case_.explicitPort)
        #expect(uri.impliedTransport == case_.transport)
        #expect(uri.description == case_.canonical)
        // The canonical form parses back to the same value.
        var reparsed = try ServerURI(parsing: uri.description)
        reparsed.hasExplicitPort = uri.hasExplicitPort
        #expect(reparsed == uri)
    }

    static let invalid: [(String, ServerURIError.Kind)] = [
        ("", .empty),
        ("   ", .empty),
        ("http:example.org", .unknownScheme),
        ("stun://example.org", .unexpectedAuthority),
        ("stun:", .missingHost),
        ("turn:?transport=udp", .missingHost),
        ("stun::3478", .missingHost),
        ("turn:user:pass@example.org", .unexpectedUserInfo),
        ("stun:example.org/path", .unexpectedPath),
        ("stun:[2001:db8::1", .unclosedBracket),
        ("stun:[]:3478", .invalidIPv6Literal),
        ("stun:[zz::1]", .invalidIPv6Literal),
        ("stun:[192.0.2.1]", .invalidIPv6Literal),
        ("stun:[::1]x", .invalidHost),
        ("stun:2001:db8::1", .invalidHost),
        ("stun:exa mple.org", .invalidHost),
        ("stun:exämple.org", .invalidHost),
        ("stun:-example.org", .invalidHost),
        ("stun:" + String(repeating: "a", count: 254), .invalidHost),
        ("stun:example.org:", .invalidPort),
        ("stun:example.org:34x", .invalidPort),
        ("stun:example.org:-1", .invalidPort),
        ("stun:example.org:0", .portOutOfRange),
        ("stun:example.org:65536", .portOutOfRange),
        ("stun:example.org:99999999999999999999", .portOutOfRange),
        ("stun:example.org?transport=udp", .queryNotAllowed),
        ("example.org:3478?transport=udp", .queryNotAllowed),
        ("turn:example.org?proto=udp", .unknownQueryParameter),
        ("turn:example.org?transport", .unknownQueryParameter),
        ("turn:example.org?transport=sctp", .invalidTransport),
        ("turns:example.org?transport=udp", .unsupportedTransport),
    ]

    @Test(arguments: invalid)
    func rejectsInvalid(text: String, kind: ServerURIError.Kind) {
        #expect {
            _ = try ServerURI(parsing: text)
        } throws: { error in
            guard let error = error as? ServerURIError else { return false }
            return error.kind == kind && !error.detail.isEmpty && error.description.contains("invalid server address")
        }
    }

    @Test func errorNamesThePosition() {
        do {
            _ = try ServerURI(parsing: "stun:example.org:34x")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidPort)
            #expect(error.position == 19)
            #expect(error.description == "invalid server address 'stun:example.org:34x' at character 20: port must be digits, found 'x'")
        }
    }
}
