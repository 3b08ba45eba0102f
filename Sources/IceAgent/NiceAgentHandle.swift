import CNice

/// One libnice agent with one stream of one component, created on a ``MainLoopThread``'s context.
/// All libnice calls of IceAgent live here and in ``MainLoopThread``; no C type leaves this file
/// except as ``NiceCandidateFields``.
///
/// Must be created, used and closed on the loop thread. The handle must stay alive until the
/// close callback has run (the owning session keeps it).
final class NiceAgentHandle {
    /// Settings applied to the agent's properties.
    struct Settings {
        var controlling: Bool
        var stunInitialTimeoutMs: Int
        var stunMaxRetransmissions: Int
        var stunReliableTimeoutMs: Int
        /// libnice `stun-pacing-timer` ("Ta"): the discovery and connectivity-check tick, in ms.
        var pacingMs: Int
        var includeTCP: Bool
        var localAddresses: [String]
    }

    private let agent: OpaquePointer          // NiceAgent *
    let streamID: UInt32
    let componentID: UInt32 = 1
    private(set) var isClosed = false

    /// Called on the loop thread for each new local candidate.
    var onCandidate: ((NiceCandidateFields) -> Void)?
    /// Called on the loop thread when libnice finished gathering.
    var onGatheringDone: (() -> Void)?
    /// Called on the loop thread with the new `NiceComponentState` value.
    var onStateChanged: ((UInt32) -> Void)?
    /// Called on the loop thread with the selected (local, remote) pair.
    var onSelectedPair: ((NiceCandidateFields, NiceCandidateFields) -> Void)?

    /// Creates the agent (RFC 5245 compatibility, UPnP off, STUN pacing from `settings`) and its
    /// stream. `nil` when libnice refused to add a stream.
    init?(context: OpaquePointer, settings: Settings) {
        guard let agent = nice_agent_new(context, NICE_COMPATIBILITY_RFC5245) else { return nil }
        cnice_agent_configure(agent, settings.controlling ? 1 : 0,
                              UInt32(clamping: settings.stunInitialTimeoutMs),
                              UInt32(clamping: settings.stunMaxRetransmissions),
                              UInt32(clamping: settings.stunReliableTimeoutMs),
                              UInt32(clamping: max(1, settings.pacingMs)),
                              1, settings.includeTCP ? 1 : 0)
        for local in settings.localAddresses {
            var address = NiceAddress()
            nice_address_init(&address)
            if nice_address_set_from_string(&address, local) != 0 {
                _ = nice_agent_add_local_address(agent, &address)
            }
        }
        let stream = nice_agent_add_stream(agent, 1)
        guard stream != 0 else {
            g_object_unref(UnsafeMutableRawPointer(agent))
            return nil
        }
        self.agent = agent
        self.streamID = stream
        // libnice reads a component's sockets (STUN/TURN answers included) only while a receive
        // callback is attached; without one, discovery never sees a response.
        _ = cnice_attach_drop_recv(agent, stream, componentID, context)
        connectSignals()
    }

    private func connectSignals() {
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = cnice_connect_new_candidate(agent, { _, candidate, data in
            guard let data, let candidate else { return }
            let handle = Unmanaged<NiceAgentHandle>.fromOpaque(data).takeUnretainedValue()
            handle.onCandidate?(NiceAgentHandle.fields(of: candidate))
        }, me)
        _ = cnice_connect_gathering_done(agent, { _, _, data in
            guard let data else { return }
            Unmanaged<NiceAgentHandle>.fromOpaque(data).takeUnretainedValue().onGatheringDone?()
        }, me)
        _ = cnice_connect_state_changed(agent, { _, _, _, state, data in
            guard let data else { return }
            Unmanaged<NiceAgentHandle>.fromOpaque(data).takeUnretainedValue().onStateChanged?(state)
        }, me)
        _ = cnice_connect_selected_pair(agent, { _, _, _, local, remote, data in
            guard let data, let local, let remote else { return }
            let handle = Unmanaged<NiceAgentHandle>.fromOpaque(data).takeUnretainedValue()
            handle.onSelectedPair?(NiceAgentHandle.fields(of: local), NiceAgentHandle.fields(of: remote))
        }, me)
    }

    /// Makes the agent use relayed candidates only (libnice `force-relay`).
    func forceRelay() {
        cnice_agent_set_force_relay(agent, 1)
    }

    /// Reads an unsigned integer property back (tests check that the plan reached libnice).
    func uintProperty(_ name: String) -> UInt32 {
        cnice_agent_get_uint(agent, name)
    }

    /// Reads a boolean property back (e.g. `upnp` must be false).
    func boolProperty(_ name: String) -> Bool {
        cnice_agent_get_bool(agent, name) != 0
    }

    /// Points the agent at a STUN server (IP literal).
    func setStunServer(ip: String, port: UInt16) {
        cnice_agent_set_stun_server(agent, ip, UInt32(port))
    }

    /// Adds a TURN server (IP literal). Returns libnice's verdict on the arguments.
    func setRelay(ip: String, port: UInt16, username: String, password: String,
                  transport: IceServer.RelayTransport) -> Bool {
        let type: NiceRelayType
        switch transport {
        case .udp: type = NICE_RELAY_TYPE_TURN_UDP
        case .tcp: type = NICE_RELAY_TYPE_TURN_TCP
        case .tls: type = NICE_RELAY_TYPE_TURN_TLS
        }
        return nice_agent_set_relay_info(agent, streamID, componentID, ip, UInt32(port),
                                         username, password, type) != 0
    }

    /// Starts gathering; false when libnice could not (e.g. no usable local address).
    func gather() -> Bool {
        nice_agent_gather_candidates(agent, streamID) != 0
    }

    /// ICE restart (RFC 8445 9): new local credentials, remote candidates and checks cleared, local
    /// candidates kept. The peer must then be given the new credentials and candidates again.
    func restart() -> Bool {
        nice_agent_restart(agent) != 0
    }

    /// The agent's ICE username fragment and password.
    func localCredentials() -> (ufrag: String, password: String)? {
        var ufrag: UnsafeMutablePointer<gchar>? = nil
        var password: UnsafeMutablePointer<gchar>? = nil
        guard nice_agent_get_local_credentials(agent, streamID, &ufrag, &password) != 0,
              let ufrag, let password else { return nil }
        defer { g_free(ufrag); g_free(password) }
        return (String(cString: ufrag), String(cString: password))
    }

    /// Gives this agent the other agent's credentials and all its local candidates (in-memory
    /// signalling). Returns how many remote candidates libnice accepted, or nil on failure.
    func takeRemote(from other: NiceAgentHandle) -> Int? {
        guard let credentials = other.localCredentials(),
              nice_agent_set_remote_credentials(agent, streamID, credentials.ufrag, credentials.password) != 0
        else { return nil }
        let list = nice_agent_get_local_candidates(other.agent, other.streamID, other.componentID)
        defer { g_slist_free_full(list, { raw in nice_candidate_free(raw?.assumingMemoryBound(to: NiceCandidate.self)) }) }
        let added = nice_agent_set_remote_candidates(agent, streamID, componentID, list)
        return added < 0 ? nil : Int(added)
    }

    /// Closes the agent with `nice_agent_close_async` (TURN deallocation etc.), then releases it
    /// and calls `completion` on the loop thread.
    func close(completion: @escaping () -> Void) {
        guard !isClosed else { completion(); return }
        isClosed = true
        onCandidate = nil
        onGatheringDone = nil
        onStateChanged = nil
        onSelectedPair = nil
        let closeContext = CloseContext(agent: agent, completion: completion)
        pendingClose = closeContext
        let box = Unmanaged.passRetained(closeContext).toOpaque()
        nice_agent_close_async(agent, { _, _, data in
            guard let data else { return }
            let context = Unmanaged<CloseContext>.fromOpaque(data).takeRetainedValue()
            guard !context.abandoned else { return }
            context.finished = true
            g_signal_handlers_disconnect_matched(UnsafeMutableRawPointer(context.agent), G_SIGNAL_MATCH_DATA,
                                                 0, 0, nil, nil, nil)
            g_object_unref(UnsafeMutableRawPointer(context.agent))
            context.completion()
        }, box)
    }

    /// Releases the agent without waiting for the close to finish (used when closing exceeded
    /// the plan's shutdown bound). The pending close keeps its own reference.
    func abandon() {
        guard let pendingClose, !pendingClose.finished, !pendingClose.abandoned else { return }
        pendingClose.abandoned = true
        g_object_unref(UnsafeMutableRawPointer(agent))
    }

    private var pendingClose: CloseContext?

    /// Copies a libnice candidate into plain values.
    static func fields(of candidate: UnsafePointer<NiceCandidate>) -> NiceCandidateFields {
        let c = candidate.pointee
        let foundation = withUnsafeBytes(of: c.foundation) { Array($0) }
        let (address, port) = addressString(candidate, base: false)
        let (base, basePort) = addressString(candidate, base: true)
        return NiceCandidateFields(typeValue: c.type.rawValue, transportValue: c.transport.rawValue,
                                   foundation: foundation, address: address, port: port,
                                   baseAddress: base, basePort: basePort, priority: c.priority,
                                   componentID: c.component_id)
    }

    private static func addressString(_ candidate: UnsafePointer<NiceCandidate>, base: Bool) -> (String?, UInt16) {
        var address = base ? candidate.pointee.base_addr : candidate.pointee.addr
        guard nice_address_is_valid(&address) != 0 else { return (nil, 0) }
        var buffer = [CChar](repeating: 0, count: 64)
        nice_address_to_string(&address, &buffer)
        buffer[buffer.count - 1] = 0
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (text, UInt16(truncatingIfNeeded: nice_address_get_port(&address)))
    }
}

/// Keeps what the close callback needs alive until it runs.
private final class CloseContext {
    let agent: OpaquePointer
    let completion: () -> Void
    var abandoned = false
    var finished = false
    init(agent: OpaquePointer, completion: @escaping () -> Void) {
        self.agent = agent
        self.completion = completion
    }
}
