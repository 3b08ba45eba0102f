import Testing
@testable import Lab

struct ExpectationTests {
    let output = try! JSONValue.parse("""
    {"ok":true,"natDetected":false,"localAddress":"10.1.0.2:4000","mappedAddress":"10.1.0.2:4000",
     "rttMs":{"median":120.4,"samples":5},"error":null,"list":[{"type":"srflx"}],"s":"a\\u00e9\\n",
     "ids":["high-loss","bursty-loss"]}
    """)

    func check(_ path: String, _ matcher: Lab.Expectation.Matcher, facts: [String: JSONValue] = [:]) -> Bool {
        guard let jsonPath = JSONPath(path) else { return false }
        return Lab.Expectation(path: jsonPath, matcher: matcher).evaluate(output: output, facts: facts).passed
    }

    @Test func matchers() {
        #expect(check("ok", .equals(.bool(true))))
        #expect(!check("ok", .equals(.bool(false))))
        #expect(check("natDetected", .notEquals(.bool(true))))
        #expect(check("rttMs.median", .range(min: 117, max: 123)))
        #expect(!check("rttMs.median", .range(min: 121, max: nil)))
        #expect(!check("ok", .range(min: 0, max: 1)))
        #expect(check("error", .equals(.null)))
        #expect(check("error", .exists(false)))
        #expect(check("missing", .exists(false)))
        #expect(!check("missing", .equals(.null)))
        #expect(check("rttMs", .exists(true)))
        #expect(check("list[0].type", .oneOf([.string("host"), .string("srflx")])))
        #expect(!check("list[1].type", .exists(true)))
        #expect(check("mappedAddress", .sameAs(JSONPath("localAddress")!)))
        #expect(!check("mappedAddress", .differsFrom(JSONPath("localAddress")!)))
        #expect(check("s", .equals(.string("aé\n"))))
        #expect(check("ids", .contains(.string("bursty-loss"))))
        #expect(!check("ids", .contains(.string("low-mos"))))
        #expect(check("s", .contains(.string("a"))))               // a string: contains the text
        #expect(!check("s", .contains(.string("z"))))
        #expect(!check("s", .contains(.number(1))))
        #expect(!check("missing", .contains(.string("x"))))
        #expect(check("list", .contains(.object(["type": .string("srflx")]))))
        #expect(check("$exitCode", .equals(.number(0)), facts: ["$exitCode": .number(0)]))
        #expect(!check("$exitCode", .equals(.number(0))))
    }

    @Test func pathsAndJSONAreParsedTotally() {
        #expect(JSONPath("a.b[2].c")?.components == [.key("a"), .key("b"), .index(2), .key("c")])
        for bad in ["", "a..b", "a[", "a[x]", "a]", "a[1]b", "a.[1]", "[", "[]", ".a", "[1].", "[1]b"] {
            #expect(JSONPath(bad) == nil, "\(bad)")
        }
        // Output that is a list at the top level (`ip -j ...`): the path starts with an index.
        #expect(JSONPath("[1]")?.components == [.index(1)])
        #expect(JSONPath("[1].addr_info[0].local")?.components == [.index(1), .key("addr_info"), .index(0), .key("local")])
        let list = try? JSONValue.parse(#"[{"ifname": "lo"}, {"ifname": "eth0", "addr_info": [{"local": "10.1.0.2"}]}]"#)
        #expect(list?.value(at: JSONPath("[1].addr_info[0].local")!) == .string("10.1.0.2"))
        #expect(list?.value(at: JSONPath("[2].ifname")!) == nil)
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":\"\\x\"}", String(repeating: "[", count: 100)] {
            #expect(throws: JSONValue.ParseError.self, "\(bad)") { try JSONValue.parse(bad) }
        }
        #expect((try? JSONValue.parse(" [1, -2.5e3, \"x\", null, {}] ")) ==
            .array([.number(1), .number(-2500), .string("x"), .null, .object([:])]))
    }
}
