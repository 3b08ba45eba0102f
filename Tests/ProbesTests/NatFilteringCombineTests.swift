import Testing
@testable import Probes

/// Filtering verdicts from two fresh sockets: "filtered" wins, since leftover NAT permissions
/// (a reused local port) can only let extra answers in.
@Suite struct NatFilteringCombineTests {
    @Test(arguments: [
        ([true, true], true as Bool?),
        ([true, false], false),
        ([false, true], false),
        ([false, false], false),
        ([true, nil], true),
        ([nil, true], true),
        ([false, nil], false),
        ([nil, nil], nil),
        ([true], true),
        ([false], false),
        ([], nil),
    ] as [([Bool?], Bool?)])
    func mostRestrictive(verdicts: [Bool?], expected: Bool?) {
        #expect(NatProbe.mostRestrictive(verdicts) == expected)
    }
}
