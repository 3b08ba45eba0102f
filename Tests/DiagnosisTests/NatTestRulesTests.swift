import Diagnosis
import Testing

/// The single-test NAT rules, fed with exchange summaries (no sockets).
@Suite struct NatTestRulesTests {
    /// Filtering verdicts from two fresh sockets: "filtered" wins, since leftover NAT permissions
    /// (a reused local port) can only let extra answers in.
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
        #expect(NatTestRules.mostRestrictive(verdicts) == expected)
    }

    static let rule = NatSilenceRule(requestCount: 4, finalDeadlineNanoseconds: 300_000_000, sendsForSilence: 3)

    static func silent(sent: Int = 4, ranFor: UInt64 = 300_000_000, refused: Int = 0) -> NatExchangeSummary {
        NatExchangeSummary(answered: false, succeeded: false, timedOut: true, unreachable: false,
                           refusedSourceCount: refused, requestsSent: sent, ranForNanoseconds: ranFor)
    }

    @Test func filteringNeedsTheWholeScheduleUnanswered() {
        #expect(NatTestRules.filtering(Self.silent(), rule: Self.rule) == false)
        // Cut short by the deadline, too few sends, or an answer refused for its source: not decided.
        #expect(NatTestRules.filtering(Self.silent(ranFor: 299_999_999), rule: Self.rule) == nil)
        #expect(NatTestRules.filtering(Self.silent(sent: 2), rule: Self.rule) == nil)
        #expect(NatTestRules.filtering(Self.silent(refused: 1), rule: Self.rule) == nil)
        #expect(NatTestRules.filtering(nil, rule: Self.rule) == nil)
        let success = NatExchangeSummary(answered: true, succeeded: true, timedOut: false, unreachable: false,
                                         refusedSourceCount: 0, requestsSent: 1, ranForNanoseconds: 20_000_000)
        #expect(NatTestRules.filtering(success, rule: Self.rule) == true)
        var refusal = success
        refusal.succeeded = false
        refusal.errorResponseCode = 420
        #expect(NatTestRules.filtering(refusal, rule: Self.rule) == nil)
        #expect(NatTestRules.filteringNote(refusal, verdict: nil, undecidedBecause: "x").contains("420"))
        #expect(NatTestRules.filteringNote(Self.silent(), verdict: false, undecidedBecause: "x").contains("4 requests"))
    }

    @Test func alternateHairpinAndReachability() {
        var unreachable = Self.silent(sent: 1, ranFor: 1_000)
        unreachable.timedOut = false
        unreachable.unreachable = true
        #expect(NatTestRules.alternateAnswered(unreachable, rule: Self.rule) == false)
        #expect(NatTestRules.alternateAnswered(Self.silent(), rule: Self.rule) == false)
        #expect(NatTestRules.alternateAnswered(Self.silent(ranFor: 1), rule: Self.rule) == nil)
        #expect(NatTestRules.hairpinning(Self.silent(sent: 3), sendsForSilence: 3) == false)
        #expect(NatTestRules.hairpinning(Self.silent(sent: 2), sendsForSilence: 3) == nil)
        #expect(NatTestRules.udpReachable([Self.silent(), unreachable], firstContactDeadlineNanoseconds: 300_000_000) == false)
        #expect(NatTestRules.udpReachable([Self.silent(ranFor: 5)], firstContactDeadlineNanoseconds: 300_000_000) == nil)
        var answered = Self.silent()
        answered.answered = true
        #expect(NatTestRules.udpReachable([Self.silent(ranFor: 5), answered], firstContactDeadlineNanoseconds: 300_000_000) == true)
    }
}
