import Diagnosis
import ProbeTransport
import StunWire

/// The media stream: two allocations on one TURN server (both from this computer), a ChannelBind
/// each way, then an RTP-shaped packet (`MediaPacket`) every 20 ms from the first allocation
/// through its relay to the second one, which echoes each packet back the same way; after the
/// stream, datagrams of growing size go the same way to find the largest that arrives. Both
/// allocations are always deleted at the end. Returns a ``MediaObservation``; never prints,
/// never throws, never judges.
///
/// Time bounds: see ``MediaProbeConfiguration``.
public enum MediaProbe {
    /// Channel number the second allocation binds to the first relay.
    static let echoChannel: UInt16 = 0x4001

    public static func run(_ configuration: MediaProbeConfiguration) async -> MediaObservation {
        let clock = SystemClock()
        let start = clock.now
        let turn = configuration.turn
        var setup = TurnObservation(server: turn.server.description, transport: turn.transport,
                                    hadCredential: turn.credential != nil, username: turn.credential?.username)
        var clients: [TurnClient] = []
        let setupDeadline = start.addingSaturating(turn.timeout)
        var observation = MediaObservation(setup: setup)
        if let (primary, path) = await TurnProbe.allocatePrimary(turn, deadline: setupDeadline,
                                                                   observation: &setup, clients: &clients),
           let relayed = setup.allocation?.relayedAddress,
           let (peer, peerRelayed) = await TurnProbe.allocatePeer(turn, path: path, primary: primary, relayed: relayed,
                                                                  peerChannel: echoChannel, deadline: setupDeadline,
                                                                  observation: &setup, clients: &clients,
                                                                  what: "Media stream") {
            observation.peerRelayedAddress = peerRelayed.description
            await stream(configuration, primary: primary, peer: peer, relayed: relayed, peerRelayed: peerRelayed,
                         clock: clock, origin: start, observation: &observation)
            await largestDatagram(configuration, primary: primary, peer: peer, relayed: relayed, clock: clock,
                                  observation: &observation)
            setup.message = "Streamed \(observation.sendTimesMs.compactMap { $0 }.count) packets \(relayed) -> \(peerRelayed) and back."
        }
        await TurnProbe.release(clients, deadline: clock.now.addingSaturating(MediaProbeConfiguration.releaseBudget),
                                observation: &setup)
        setup.duration = clock.elapsed(since: start)
        observation.setup = setup
        return observation
    }

    private static func milliseconds(_ instant: UInt64, since origin: UInt64) -> Double {
        Nanoseconds.toMilliseconds(instant.subtractingSaturating(origin))
    }

    /// The stream and its echoes: three concurrent tasks (sender, echoing receiver, echo receiver).
    private static func stream(_ configuration: MediaProbeConfiguration, primary: TurnClient, peer: TurnClient,
                               relayed: TransportAddress, peerRelayed: TransportAddress, clock: SystemClock,
                               origin: UInt64, observation: inout MediaObservation) async {
        let count = configuration.packetCount
        let codec = configuration.codec
        let ssrc = UInt32.random(in: 1...UInt32.max)
        let interval = Nanoseconds.milliseconds(UInt64(MediaCodec.packetIntervalMs))
        let streamStart = clock.now.addingSaturating(interval)
        let lastSend = streamStart.addingSaturating(interval.multipliedSaturating(by: UInt64(count - 1)))
        let forwardEnd = lastSend.addingSaturating(MediaProbeConfiguration.drain)
        let echoEnd = forwardEnd.addingSaturating(MediaProbeConfiguration.drain / 2)

        // The second allocation: records each arrival and echoes the packet straight back.
        let receiver = Task { () -> (arrivals: [MediaArrival], echoes: [Double?]) in
            var arrivals: [MediaArrival] = []
            var echoes = [Double?](repeating: nil, count: count)
            while true {
                guard let data = try? await peer.receiveData(deadline: forwardEnd) else { break }
                guard data.peer == relayed, var packet = MediaPacket.decode(data.payload, ssrc: ssrc),
                      Int(packet.index) < count else { continue }
                let index = Int(packet.index)
                arrivals.append(MediaArrival(sequence: index, receivedAtMs: milliseconds(data.receivedAt, since: origin)))
                let now = clock.now
                packet.echoedAt = now
                if echoes[index] == nil {
                    do {
                        let sentAt = try await peer.sendChannelData(packet.encode(), channel: echoChannel,
                                                                    deadline: now.addingSaturating(interval))
                        echoes[index] = milliseconds(sentAt, since: origin)
                    } catch {
                        continue
                    }
                }
            }
            return (arrivals, echoes)
        }
        // The first allocation: records the echoes.
        let echoReceiver = Task { () -> [MediaArrival] in
            var arrivals: [MediaArrival] = []
            while true {
                guard let data = try? await primary.receiveData(deadline: echoEnd) else { break }
                guard data.peer == peerRelayed, let packet = MediaPacket.decode(data.payload, ssrc: ssrc),
                      packet.echoedAt != 0, Int(packet.index) < count else { continue }
                arrivals.append(MediaArrival(sequence: Int(packet.index), receivedAtMs: milliseconds(data.receivedAt, since: origin)))
            }
            return arrivals
        }

        var sendTimes = [Double?](repeating: nil, count: count)
        let timestampBase = UInt32.random(in: 0...UInt32.max)
        for index in 0..<count {
            let due = streamStart.addingSaturating(interval.multipliedSaturating(by: UInt64(index)))
            try? await clock.sleep(until: due)
            let sentAt = clock.now
            let packet = MediaPacket(payloadType: codec.rtpPayloadType, index: UInt32(index),
                                     timestamp: timestampBase &+ UInt32(truncatingIfNeeded: index) &* codec.timestampStep,
                                     ssrc: ssrc, sentAt: sentAt, payloadBytes: codec.payloadBytes)
            do {
                // The record keeps the time just before the kernel took the packet (the packet
                // carries the earlier time it was built at), so actor hops are not jitter.
                let handedOver = try await primary.sendChannelData(packet.encode(), channel: TurnProbe.relayChannel,
                                                                   deadline: sentAt.addingSaturating(Nanoseconds.milliseconds(1_000)))
                sendTimes[index] = milliseconds(handedOver, since: origin)
            } catch {
                observation.streamProblem = "Sending packet \(index) through the relay failed: \(error.message)"
                break
            }
        }
        let forward = await receiver.value
        let echoes = await echoReceiver.value
        observation.sendTimesMs = sendTimes
        observation.forwardArrivals = forward.arrivals
        observation.echoTimesMs = forward.echoes
        observation.echoArrivals = echoes
    }

    /// Datagrams of growing size, first allocation to second; stops trying a size at its first
    /// copy that arrives.
    private static func largestDatagram(_ configuration: MediaProbeConfiguration, primary: TurnClient, peer: TurnClient,
                                        relayed: TransportAddress, clock: SystemClock,
                                        observation: inout MediaObservation) async {
        let transits = zip(observation.forwardArrivals, observation.forwardArrivals.map(\.sequence)).compactMap { arrival, index in
            index < observation.sendTimesMs.count ? observation.sendTimesMs[index].map { arrival.receivedAtMs - $0 } : nil
        }
        let p95 = SampleStatistics.percentile(transits, 95) ?? 200
        let wait = Nanoseconds.milliseconds(UInt64(min(1_000, max(200, 3 * p95))))
        let budgetEnd = clock.now.addingSaturating(MediaProbeConfiguration.datagramBudget)
        let ssrc = UInt32.random(in: 1...UInt32.max)
        var results: [MediaDatagramResult] = []
        for size in configuration.datagramSizes {
            var copies = 0
            var arrived = false
            while copies < MediaProbeConfiguration.datagramCopies, !arrived, clock.now < budgetEnd {
                let packet = MediaPacket(payloadType: configuration.codec.rtpPayloadType,
                                         index: UInt32(truncatingIfNeeded: size * 16 + copies), timestamp: 0, ssrc: ssrc,
                                         sentAt: clock.now, payloadBytes: size - MediaPacket.headerBytes)
                let until = min(clock.now.addingSaturating(wait), budgetEnd)
                do {
                    try await primary.sendChannelData(packet.encode(), channel: TurnProbe.relayChannel, deadline: until)
                } catch {
                    copies += 1
                    break      // this computer cannot send it (for example larger than the interface allows)
                }
                copies += 1
                while !arrived {
                    guard let data = try? await peer.receiveData(deadline: until) else { break }
                    if data.peer == relayed, let got = MediaPacket.decode(data.payload, ssrc: ssrc),
                       Int(got.index) / 16 == size, data.payload.count == size {
                        arrived = true
                    }
                }
            }
            results.append(MediaDatagramResult(bytes: size, copiesSent: copies, arrived: copies == 0 ? nil : arrived))
        }
        observation.datagrams = results
    }
}
