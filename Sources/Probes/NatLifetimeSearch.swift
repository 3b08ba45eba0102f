import ProbeTransport
import StunWire

/// RFC 5780 4.6 binding lifetime, searched with parallel sockets instead of one fixed wait.
///
/// Sockets X0...Xk each get a mapping with a Binding request to the server. Socket Xi then stays
/// idle for wait i (X0: 0 s, the control; the others spread evenly up to the maximum, see
/// ``NatTiming/lifetimeWaits(maximum:sockets:)``). After its wait, a separate socket Y sends a
/// Binding request with RESPONSE-PORT set to Xi's mapped port: the server answers to Y's public IP
/// and Xi's port, so the answer reaches Xi only while Xi's binding still exists. Y's requests do
/// not refresh Xi's binding; each Xi is asked once. All waits run at the same time, so the search
/// takes about the maximum, not the sum.
///
/// Time bound: first contact (``NatTiming/firstContactBudget``) + maximum + one test schedule.
struct NatLifetimeSearch: Sendable {
    var server: TransportAddress
    var maximum: UInt64
    var sockets: Int
    var rtt: UInt64
    var timing: NatTiming

    func run() async -> NatLifetimeResult {
        let clock = SystemClock()
        let waits = [0] + NatTiming.lifetimeWaits(maximum: maximum, sockets: sockets)
        let maximumSeconds = Nanoseconds.toMilliseconds(maximum) / 1_000
        let schedule = timing.schedule(forRTT: rtt)
        let deadline = clock.now.addingSaturating(timing.firstContactBudget).addingSaturating(maximum)
            .addingSaturating(schedule.finalDeadline).addingSaturating(Nanoseconds.seconds(1))
        var opened: [NatSocket] = []
        defer { for socket in opened { socket.close() } }
        let localIP: IPAddress
        let asker: NatSocket
        var idle: [NatSocket] = []
        do {
            localIP = try NatProbe.localIP(toward: server)
            asker = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
            opened.append(asker)
            for _ in waits {
                let socket = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
                opened.append(socket)
                idle.append(socket)
            }
        } catch {
            return NatLifetimeResult(maximumSeconds: maximumSeconds, waits: [], problem: "cannot open sockets: \(error)")
        }
        let first = timing.firstContactSchedule()
        let server = self.server
        let outcomes = await withTaskGroup(of: (Int, Bool?).self) { group in
            for (index, socket) in idle.enumerated() {
                let wait = waits[index]
                group.addTask {
                    let mapping = await NatProbe.plainBinding(socket, server, first, deadline).run()
                    guard let message = mapping.success, let mapped = NatProbe.xorMapped(message),
                          let mappedAt = mapping.arrival?.receivedAt else { return (index, nil) }
                    do {
                        try await clock.sleep(until: mappedAt.addingSaturating(wait))
                    } catch {
                        return (index, nil)
                    }
                    let ask = await NatExchange(request: NatExchange.bindingRequest(responsePort: mapped.port),
                                                destination: server, sender: asker, receiver: socket,
                                                acceptedSources: [server], schedule: schedule, deadline: deadline).run()
                    if ask.success != nil { return (index, true) }
                    if ask.timedOut && ask.sendTimes.count >= timing.sendsForSilence { return (index, false) }
                    return (index, nil)
                }
            }
            var all = [Bool?](repeating: nil, count: waits.count)
            for await (index, alive) in group { all[index] = alive }
            return all
        }
        let results = zip(waits, outcomes).map { wait, alive in
            NatLifetimeResult.Wait(seconds: Nanoseconds.toMilliseconds(wait) / 1_000, alive: alive)
        }
        var problem: String? = nil
        if results.first?.alive != true {
            problem = "the control (asked at once) got no answer on the idle socket: the server ignores RESPONSE-PORT or the NAT gives the asking socket another public IP"
        }
        return NatLifetimeResult(maximumSeconds: maximumSeconds, waits: results, problem: problem)
    }
}
