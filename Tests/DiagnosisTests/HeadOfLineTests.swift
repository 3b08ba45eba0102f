import Testing
@testable import Diagnosis

/// What the delay model adds when media go over a TURN relay reached by TCP/TLS.
struct HeadOfLineTests {
    func estimate(loss: Double, overTcp: Bool) -> QueueRoutingEstimate? {
        QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 10, farRttMs: 160,
                                                        homeJitterMs: 1, farJitterMs: 1, homeLossPercent: loss,
                                                        farLossPercent: loss, interRegionRttMs: 170, mediaOverTcp: overTcp))
    }

    @Test("with loss, each path's jitter buffer holds one fast-retransmit stall (3 packets + its RTT) and the loss is repaired")
    func lossyTcp() throws {
        let udp = try #require(estimate(loss: 2, overTcp: false))
        let tcp = try #require(estimate(loss: 2, overTcp: true))
        #expect(tcp.anchored.delay.jitterBufferMs == 3 * 20 + 10)
        #expect(tcp.bridged.delay.jitterBufferMs == 3 * 20 + 160)
        #expect(tcp.anchored.lossPercent == 0 && udp.anchored.lossPercent == 2)
        #expect(tcp.anchored.oneWayDelayMs == udp.anchored.oneWayDelayMs + 50)
        #expect(tcp.detourMs == udp.detourMs + 150)
        let stated = try #require(tcp.assumptions.last)
        #expect(stated.contains("head-of-line") && stated.contains("RFC 5681") && stated.contains("jitter buffer is sized"))
    }

    @Test("without loss nothing is added, and the assumption says what a loss would cost")
    func cleanTcp() throws {
        let udp = try #require(estimate(loss: 0, overTcp: false))
        let tcp = try #require(estimate(loss: 0, overTcp: true))
        #expect(tcp.anchored == udp.anchored && tcp.bridged == udp.bridged)
        #expect(tcp.assumptions.count == udp.assumptions.count + 1)
        #expect(tcp.assumptions.last?.contains("nothing is added") == true)
    }

    @Test("RTTs measured by a TCP method are said to be so in the assumptions; STUN over UDP adds nothing")
    func measuredBy() throws {
        var input = QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 10, farRttMs: 160)
        input.homeMethod = .stunUdp
        input.farMethod = .stunUdp
        let udp = try #require(QueueRoutingEstimate.estimate(input))
        #expect(!udp.assumptions.contains { $0.contains("measured jp1 by") })
        input.farMethod = .tcpConnect
        let tcp = try #require(QueueRoutingEstimate.estimate(input))
        #expect(tcp.assumptions.contains { $0.contains("measured jp1 by stun-udp, us1 by tcp-connect") })
        #expect(tcp.detourMs == udp.detourMs)
    }
}
