/// The shipped profiles (`Profiles/*.json`), embedded so `--profile NAME` works wherever the
/// binary is copied. Generated from `Profiles/`; `ProfileCatalogTests` fails when a file and its
/// embedded copy differ (regenerate by pasting the file between the raw-string delimiters).
public enum ProfileCatalog {
    /// Shipped profile names, sorted.
    public static let names: [String] = ["generic", "lab", "twilio"]

    /// The JSON text of a shipped profile; `nil` for an unknown name.
    public static func text(named name: String) -> String? {
        switch name {
        case "generic": return generic
        case "lab": return lab
        case "twilio": return twilio
        default: return nil
        }
    }

    /// A shipped profile, parsed (the tests prove every shipped profile parses).
    public static func profile(named name: String) throws(ProfileError) -> Profile? {
        guard let text = text(named: name) else { return nil }
        return try ProfileParser.parse(Array(text.utf8), source: "shipped profile \(name)")
    }

    static let generic = #"""
{
  "schemaVersion": 1,
  "name": "generic",
  "description": "Provider-neutral check against well-known public STUN servers; TURN only when given with --ice-servers or --turn.",
  "notes": [
    "No home or queue region: the queue-routed delay is computed only with --home-region and --queue-region."
  ],
  "regions": [
    {
      "id": "google",
      "name": "Google public STUN (anycast)",
      "stun": [
        "stun:stun.l.google.com:19302"
      ],
      "verified": false,
      "note": "A public STUN server; not a media region of any provider."
    },
    {
      "id": "cloudflare",
      "name": "Cloudflare public STUN (anycast)",
      "stun": [
        "stun:stun.cloudflare.com:3478"
      ],
      "verified": false,
      "note": "A public STUN server; not a media region of any provider."
    }
  ],
  "credentials": {
    "source": "options"
  }
}
"""#

    static let lab = #"""
{
  "schemaVersion": 1,
  "name": "lab",
  "description": "The iceprobe network lab (Scenarios/check-*.yaml): jp1 and us1 coturn regions; jp1 about 10 ms RTT, us1 about 160 ms RTT from the site.",
  "notes": [
    "The inline TURN password is the lab's throw-away test user (Scenarios/check-*.yaml); never put real secrets in a profile.",
    "Each region is also timed by the TCP connect and TLS handshake to its TLS port 443 (latency), used when STUN gets no answer (UDP blocked, STUN silent).",
    "roaming.iceprobe.test is the lab's GeoDNS-steered edge name: it resolves only where a scenario gives it (a region's hostnames, or a site's resolver answers), and check compares its answer with the nearest region."
  ],
  "homeRegion": "jp1",
  "queueRegion": "us1",
  "regions": [
    {
      "id": "jp1",
      "name": "Lab Japan",
      "stun": [
        "stun:jp1.iceprobe.test:3478"
      ],
      "turn": [
        "turn:jp1.iceprobe.test:3478?transport=udp",
        "turn:jp1.iceprobe.test:3478?transport=tcp",
        "turns:jp1.iceprobe.test:443?transport=tcp"
      ],
      "latency": [
        "tls:jp1.iceprobe.test:443"
      ],
      "edge": "tokyo",
      "addressRanges": [
        "203.0.113.0/24"
      ],
      "verified": true,
      "note": "Lab region (coturn on 203.0.113.x inside the lab's namespaces); TLS needs --ca-file with the lab CA."
    },
    {
      "id": "us1",
      "name": "Lab US East",
      "stun": [
        "stun:us1.iceprobe.test:3478"
      ],
      "turn": [
        "turn:us1.iceprobe.test:3478?transport=udp",
        "turn:us1.iceprobe.test:3478?transport=tcp",
        "turns:us1.iceprobe.test:443?transport=tcp"
      ],
      "latency": [
        "tls:us1.iceprobe.test:443"
      ],
      "edge": "ashburn",
      "addressRanges": [
        "203.0.113.0/24"
      ],
      "verified": true,
      "note": "Lab region (coturn on 203.0.113.x inside the lab's namespaces); TLS needs --ca-file with the lab CA."
    }
  ],
  "interRegionRttMs": {
    "jp1": {
      "us1": 170
    }
  },
  "credentials": {
    "source": "static",
    "username": "agent",
    "secret": "lab-turn-password"
  },
  "mediaRanges": [
    "203.0.113.0/24"
  ],
  "mediaPorts": "49152-49999",
  "steering": [
    "tcp:roaming.iceprobe.test:443"
  ],
  "mediaTopology": "peer-to-peer"
}
"""#

    static let twilio = #"""
{
  "schemaVersion": 1,
  "name": "twilio",
  "description": "Twilio Voice regions built only on documented, resolvable names: each region is timed at its Voice JS SDK edge (voice-js.{edge}.twilio.com:443, TCP connect and TLS handshake); the global STUN/TURN names and the roaming edge are DNS steering names; the documented STUN/TURN and media ranges are for firewall actions. Verify before relying on any of it.",
  "notes": [
    "Every region is marked verified: false: the names and ranges come from public documentation (see the field facts) and were not checked against the live service. A region whose edge stays silent is reported as not measured with a note, never as a failure.",
    "Region to edge: jp1 tokyo, us1 ashburn, us2 umatilla, ie1 dublin, de1 frankfurt, sg1 singapore, au1 sydney, br1 sao-paulo. in1 has no documented edge in the field facts, so it has no latency target (not measured).",
    "No region lists a STUN address: Twilio documents STUN/TURN address ranges, not addresses that answer STUN. STUN over UDP (and the NAT probe) use the global name stun:global.stun.twilio.com:3478 (a steering name).",
    "Steering names (GeoDNS): voice-js.roaming.twilio.com (the edge a softphone uses when none is pinned), global.stun.twilio.com and global.turn.twilio.com. check resolves them, times the answer and compares it with the nearest region.",
    "Inter-region RTTs are not given: the queue-routed delay then estimates them as |far RTT - home RTT| (a lower bound).",
    "TURN credentials are ephemeral (token API): pass them with --ice-servers; TURN is tested against the global TURN names."
  ],
  "homeRegion": "jp1",
  "queueRegion": "us1",
  "regions": [
    {
      "id": "jp1",
      "name": "Japan (Tokyo)",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.tokyo.twilio.com:443"
      ],
      "edge": "tokyo",
      "addressRanges": [
        "13.115.244.0-13.115.244.31",
        "54.65.63.192-54.65.63.255",
        "18.180.220.128-18.180.220.255"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.tokyo.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for jp1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "us1",
      "name": "US East (Virginia)",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.ashburn.twilio.com:443"
      ],
      "edge": "ashburn",
      "addressRanges": [
        "34.203.254.0-34.203.254.255",
        "54.172.60.0-54.172.61.255",
        "34.203.250.0-34.203.251.255",
        "3.235.111.128-3.235.111.255"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.ashburn.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for us1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "us2",
      "name": "US West (Oregon)",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.umatilla.twilio.com:443"
      ],
      "edge": "umatilla",
      "addressRanges": [
        "34.216.110.128-34.216.110.159",
        "54.244.51.0-54.244.51.255",
        "44.234.69.0-44.234.69.127"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.umatilla.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for us2 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "ie1",
      "name": "Ireland",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.dublin.twilio.com:443"
      ],
      "edge": "dublin",
      "addressRanges": [
        "52.215.253.0-52.215.253.63",
        "54.171.127.192-54.171.127.255",
        "52.215.127.0-52.215.127.255",
        "3.249.63.128-3.249.63.255"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.dublin.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for ie1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "de1",
      "name": "Germany (Frankfurt)",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.frankfurt.twilio.com:443"
      ],
      "edge": "frankfurt",
      "addressRanges": [
        "52.59.186.0-52.59.186.31",
        "18.195.48.224-18.195.48.255",
        "18.156.18.128-18.156.18.255"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.frankfurt.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for de1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "sg1",
      "name": "Singapore",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.singapore.twilio.com:443"
      ],
      "edge": "singapore",
      "addressRanges": [
        "13.229.255.0-13.229.255.31",
        "54.169.127.128-54.169.127.191",
        "18.141.157.128-18.141.157.255"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.singapore.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for sg1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "au1",
      "name": "Australia (Sydney)",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.sydney.twilio.com:443"
      ],
      "edge": "sydney",
      "addressRanges": [
        "13.210.2.128-13.210.2.159",
        "54.252.254.64-54.252.254.127",
        "3.25.42.128-3.25.42.255"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.sydney.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for au1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "br1",
      "name": "Brazil (Sao Paulo)",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "latency": [
        "tls:voice-js.sao-paulo.twilio.com:443"
      ],
      "edge": "sao-paulo",
      "addressRanges": [
        "18.231.105.32-18.231.105.63",
        "177.71.206.192-177.71.206.255",
        "18.230.125.0-18.230.125.127"
      ],
      "verified": false,
      "note": "Timed at the Voice JS SDK edge voice-js.sao-paulo.twilio.com:443 (documented; answers TCP 443 without credentials). Address ranges: Twilio's documented STUN/TURN ranges for br1 (firewall actions only; they say where traffic comes from, not that an address answers). TURN: the global TURN names (GeoDNS)."
    },
    {
      "id": "in1",
      "name": "India",
      "turn": [
        "turn:global.turn.twilio.com:3478?transport=udp",
        "turn:global.turn.twilio.com:3478?transport=tcp",
        "turns:global.turn.twilio.com:443?transport=tcp"
      ],
      "addressRanges": [
        "52.66.193.96-52.66.193.127",
        "52.66.194.0-52.66.194.63",
        "3.7.35.128-3.7.35.255"
      ],
      "verified": false,
      "note": "No edge location documented in the field facts for in1: no latency target, the region is not measured. Address ranges: Twilio's documented STUN/TURN ranges for in1 (firewall actions only)."
    }
  ],
  "credentials": {
    "source": "options"
  },
  "mediaRanges": [
    "168.86.128.0/18"
  ],
  "mediaPorts": "10000-60000",
  "steering": [
    "tcp:voice-js.roaming.twilio.com:443",
    "stun:global.stun.twilio.com:3478",
    "tcp:global.turn.twilio.com:443"
  ],
  "mediaTopology": "client-to-server"
}
"""#

}
