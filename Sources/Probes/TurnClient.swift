import ProbeTransport
import StunWire

/// A TURN client (RFC 8656, compatible with RFC 5766) for one allocation on one connection:
/// Allocate with the 401 challenge and long-term credentials (MD5 key, or SHA-256 when the server
/// offers it in PASSWORD-ALGORITHMS), 438 stale-nonce retries, Refresh, CreatePermission,
/// ChannelBind, Send indications, ChannelData, and receiving Data indications / ChannelData.
///
/// Time bounds: every method takes an absolute `deadline` (nanoseconds on the channel's clock) and
/// returns by it. Over UDP a request is retransmitted on the RFC 8489 schedule (RTO 500 ms,
/// doubling) cut at the deadline; over TCP/TLS it is sent once. Frames that arrive while a request
/// waits (Data indications, ChannelData) are kept (at most ``inboxLimit``) for ``receiveData(deadline:)``.
///
/// The password is used only to derive the key; it never appears in messages, errors or logs.
public actor TurnClient {
    /// Stale-nonce retries per request before giving up.
    public static let maximumStaleNonceRetries = 2
    /// Frames kept while waiting for responses; older ones are dropped beyond this.
    public static let inboxLimit = 1024

    let channel: TurnChannel
    private let credential: TurnCredential?
    private let software: String
    private var realm: String?
    private var nonce: String?
    private var key: [UInt8]?
    private var useSHA256 = false
    private var offeredAlgorithms: PasswordAlgorithms?
    private var inbox: [StunFrame] = []
    private var channels: [UInt16: TransportAddress] = [:]
    public private(set) var allocation: TurnAllocation?
    /// 438 Stale Nonce answers this client retried with the server's new nonce, over every request
    /// (Allocate, Refresh, CreatePermission, ChannelBind).
    public private(set) var staleNonceRetries = 0

    init(channel: TurnChannel, credential: TurnCredential?, software: String = "iceprobe") {
        self.channel = channel
        self.credential = credential
        self.software = software
    }

    /// The transport to the server.
    public nonisolated var transport: TransportProtocol { channel.transport }
    /// The server address this client talks to.
    public nonisolated var server: TransportAddress { channel.server }
    /// The local address of the connection.
    public nonisolated var localAddress: TransportAddress { channel.localAddress }

    // MARK: - Allocate

    /// Sends Allocate (REQUESTED-TRANSPORT UDP), answers the 401 challenge with the credential,
    /// retries on 438 with the new nonce, and stops at a 300 (the caller follows the redirect).
    public func allocate(lifetime: UInt32? = nil, deadline: UInt64) async -> TurnAllocateOutcome {
        var outcome = TurnAllocateOutcome()
        var attempts = 0
        while true {
            attempts += 1
            var request = StunMessage(method: .allocate, messageClass: .request, transactionID: .random())
            request.append(RequestedTransport.udp)
            if let lifetime { request.append(Lifetime(seconds: lifetime)) }
            outcome.authenticated = finishRequest(&request)
            outcome.passwordAlgorithm = outcome.authenticated ? (useSHA256 ? "sha256" : "md5") : nil
            let result = await transact(request, deadline: deadline)
            switch result {
            case .success(let message, let rtt, let elapsed):
                outcome.rtt = rtt
                outcome.elapsed = elapsed
                do {
                    guard let relayed = try message.attribute(XorRelayedAddress.self) else {
                        outcome.failure = .malformed("Allocate success response without XOR-RELAYED-ADDRESS")
                        return outcome
                    }
                    let mapped = try message.attribute(XorMappedAddress.self)
                    let granted = try message.attribute(Lifetime.self)
                    let allocated = TurnAllocation(relayedAddress: relayed.address, mappedAddress: mapped?.address,
                                                   lifetime: granted?.seconds)
                    allocation = allocated
                    outcome.allocation = allocated
                } catch {
                    outcome.failure = .malformed("Allocate success response: \(error)")
                }
                return outcome
            case .errorResponse(let code, _, let message):
                outcome.rtt = nil
                if code == ErrorCode.unauthorized && !outcome.authenticated && attempts == 1 {
                    guard credential != nil else {
                        outcome.challenged = (try? message.attribute(Nonce.self)) != nil
                        outcome.failure = result
                        return outcome
                    }
                    switch takeChallenge(message) {
                    case .some(let problem):
                        outcome.failure = .malformed(problem)
                        return outcome
                    case .none:
                        outcome.challenged = true
                        continue
                    }
                }
                if code == ErrorCode.staleNonce && outcome.authenticated
                    && outcome.staleNonceRetries < Self.maximumStaleNonceRetries,
                   takeStaleNonce(message) {
                    outcome.staleNonceRetries += 1
                    staleNonceRetries += 1
                    continue
                }
                if code == ErrorCode.tryAlternate {
                    outcome.alternateServer = (try? message.attribute(AlternateServer.self))?.address
                    outcome.alternateDomain = (try? message.attribute(AlternateDomain.self))?.value
                }
                outcome.elapsed = nil
                outcome.failure = result
                return outcome
            case .transportFailure, .malformed:
                outcome.failure = result
                return outcome
            }
        }
    }

    // MARK: - Other requests

    /// Refresh (RFC 8656 7): `lifetime` 0 deletes the allocation.
    public func refresh(lifetime: UInt32, deadline: UInt64) async -> TurnRequestResult {
        await authenticatedRequest(.refresh, deadline: deadline) { request in
            request.append(Lifetime(seconds: lifetime))
        }
    }

    /// Deletes the allocation (Refresh with LIFETIME 0). True when the server confirmed it, or
    /// answered 437 (no such allocation: it is gone already).
    public func deallocate(deadline: UInt64) async -> Bool {
        guard allocation != nil else { return true }
        let result = await refresh(lifetime: 0, deadline: deadline)
        if result.succeeded || result.errorCode == ErrorCode.allocationMismatch {
            allocation = nil
            return true
        }
        return false
    }

    /// CreatePermission (RFC 8656 9) for the IP addresses of `peers` (ports are ignored by servers).
    public func createPermission(for peers: [TransportAddress], deadline: UInt64) async -> TurnRequestResult {
        await authenticatedRequest(.createPermission, deadline: deadline) { request in
            for peer in peers { request.append(XorPeerAddress(peer)) }
        }
    }

    /// ChannelBind (RFC 8656 12.1): binds `number` (0x4000...0x4FFF) to `peer`; it also installs a
    /// permission for the peer's IP.
    public func bindChannel(_ number: UInt16, to peer: TransportAddress, deadline: UInt64) async -> TurnRequestResult {
        let result = await authenticatedRequest(.channelBind, deadline: deadline) { request in
            request.append(ChannelNumber(channel: number))
            request.append(XorPeerAddress(peer))
        }
        if result.succeeded { channels[number] = peer }
        return result
    }

    /// A Send indication (RFC 8656 11.1) carrying `payload` to `peer` through the relay.
    public func sendIndication(_ payload: [UInt8], to peer: TransportAddress, deadline: UInt64) async throws(TransportError) {
        var indication = StunMessage(method: .send, messageClass: .indication, transactionID: .random())
        indication.append(XorPeerAddress(peer))
        indication.append(DataAttribute(bytes: payload))
        indication.appendFingerprint()
        _ = try await channel.send(indication.encode(), deadline: deadline)
    }

    /// A ChannelData message on a bound channel (padded to 4 bytes over TCP/TLS). Returns the
    /// time (on the channel's clock) just before it went to the kernel.
    @discardableResult
    public func sendChannelData(_ payload: [UInt8], channel number: UInt16, deadline: UInt64) async throws(TransportError) -> UInt64 {
        let frame = ChannelData(channel: number, payload: payload)
        return try await channel.send(frame.encode(padToFour: channel.transport.isReliable), deadline: deadline)
    }

    /// Data relayed from a peer.
    public struct PeerData: Sendable {
        public var peer: TransportAddress
        public var payload: [UInt8]
        public var receivedAt: UInt64
        /// True when it came as ChannelData, false for a Data indication.
        public var viaChannel: Bool
    }

    /// The next Data indication or ChannelData (on a channel this client bound); nil when none
    /// arrived by `deadline`. Other frames are dropped.
    public func receiveData(deadline: UInt64) async throws(TransportError) -> PeerData? {
        while !inbox.isEmpty {
            let frame = inbox.removeFirst()
            if let data = peerData(frame, receivedAt: channel.clock.now) { return data }
        }
        while true {
            guard let (frame, receivedAt) = try await channel.receive(deadline: deadline) else { return nil }
            if let data = peerData(frame, receivedAt: receivedAt) { return data }
        }
    }

    private func peerData(_ frame: StunFrame, receivedAt: UInt64) -> PeerData? {
        switch frame {
        case .channelData(let data):
            guard let peer = channels[data.channel] else { return nil }
            return PeerData(peer: peer, payload: data.payload, receivedAt: receivedAt, viaChannel: true)
        case .message(let message):
            guard message.method == .data, message.messageClass == .indication,
                  let peer = try? message.attribute(XorPeerAddress.self),
                  let data = try? message.attribute(DataAttribute.self) else { return nil }
            return PeerData(peer: peer.address, payload: data.bytes, receivedAt: receivedAt, viaChannel: false)
        }
    }

    /// Closes the connection (after ``deallocate(deadline:)``).
    public func close() {
        channel.close()
    }

    // MARK: - Requests and credentials

    /// Sends an authenticated request, retrying with the new nonce on 438.
    private func authenticatedRequest(_ method: StunMethod, deadline: UInt64,
                                      _ fill: (inout StunMessage) -> Void) async -> TurnRequestResult {
        var retries = 0
        while true {
            var request = StunMessage(method: method, messageClass: .request, transactionID: .random())
            fill(&request)
            _ = finishRequest(&request)
            let result = await transact(request, deadline: deadline)
            if case .errorResponse(let code, _, let message) = result, code == ErrorCode.staleNonce,
               retries < Self.maximumStaleNonceRetries, takeStaleNonce(message) {
                retries += 1
                staleNonceRetries += 1
                continue
            }
            return result
        }
    }

    /// Adds SOFTWARE, the credentials when a challenge was taken, integrity and FINGERPRINT.
    /// Returns true when the request carries credentials.
    private func finishRequest(_ request: inout StunMessage) -> Bool {
        request.append(Software(software))
        guard let credential, let realm, let nonce, let key else {
            request.appendFingerprint()
            return false
        }
        request.append(Username(credential.username))
        request.append(Realm(realm))
        request.append(Nonce(nonce))
        if let offeredAlgorithms {
            request.append(offeredAlgorithms)
            request.append(PasswordAlgorithm(algorithm: useSHA256 ? PasswordAlgorithm.sha256 : PasswordAlgorithm.md5))
        }
        if useSHA256 {
            request.appendMessageIntegritySHA256(key: key)
        } else {
            request.appendMessageIntegrity(key: key)
        }
        request.appendFingerprint()
        return true
    }

    /// Takes REALM, NONCE and PASSWORD-ALGORITHMS from a 401 and derives the key. Returns a
    /// problem description when the challenge is unusable.
    private func takeChallenge(_ message: StunMessage) -> String? {
        guard let credential else { return "no credential" }
        let realmValue: String
        let nonceValue: String
        do {
            guard let realmAttribute = try message.attribute(Realm.self),
                  let nonceAttribute = try message.attribute(Nonce.self) else {
                return "401 challenge without REALM and NONCE"
            }
            realmValue = realmAttribute.value
            nonceValue = nonceAttribute.value
            offeredAlgorithms = try message.attribute(PasswordAlgorithms.self)
        } catch {
            return "401 challenge: \(error)"
        }
        realm = realmValue
        nonce = nonceValue
        useSHA256 = offeredAlgorithms?.algorithms.contains { $0.algorithm == PasswordAlgorithm.sha256 } ?? false
        if let offered = offeredAlgorithms, !useSHA256,
           !offered.algorithms.contains(where: { $0.algorithm == PasswordAlgorithm.md5 }) {
            return "the server offers no password algorithm this client supports (MD5, SHA-256)"
        }
        key = useSHA256
            ? StunKeys.longTermSHA256(username: credential.username, realm: realmValue, password: credential.password.revealed)
            : StunKeys.longTermMD5(username: credential.username, realm: realmValue, password: credential.password.revealed)
        return nil
    }

    /// Takes the new NONCE (and REALM, re-deriving the key) from a 438. False when it has none.
    private func takeStaleNonce(_ message: StunMessage) -> Bool {
        guard let fresh = try? message.attribute(Nonce.self) else { return false }
        nonce = fresh.value
        if let newRealm = try? message.attribute(Realm.self), newRealm.value != realm, let credential {
            realm = newRealm.value
            key = useSHA256
                ? StunKeys.longTermSHA256(username: credential.username, realm: newRealm.value, password: credential.password.revealed)
                : StunKeys.longTermMD5(username: credential.username, realm: newRealm.value, password: credential.password.revealed)
        }
        return true
    }

    /// One transaction: sends (retransmitting over UDP), keeps unrelated frames in the inbox, and
    /// checks the response's integrity when a key is in use.
    private func transact(_ request: StunMessage, deadline: UInt64) async -> TurnRequestResult {
        let clock = channel.clock
        let bytes = request.encode()
        let schedule = channel.transport == .udp ? RetransmissionSchedule.standard : .reliable
        let start = clock.now
        let giveUp = min(start.addingSaturating(schedule.finalDeadline), deadline)
        let offsets = schedule.sendOffsets
        var sendTimes: [UInt64] = []
        var next = 0
        while true {
            let now = clock.now
            if next < offsets.count, now >= start.addingSaturating(offsets[next]), next == 0 || now < giveUp {
                do {
                    sendTimes.append(try await channel.send(bytes, deadline: giveUp))
                } catch {
                    return .transportFailure(error)
                }
                next += 1
                continue
            }
            if now >= giveUp {
                let waited = Int(Nanoseconds.toMilliseconds(now.subtractingSaturating(start)).rounded())
                return .transportFailure(TransportError(
                    .timeout, "no answer from \(channel.server) to \(request.method) over \(channel.transport) "
                        + "(\(sendTimes.count) transmission(s)) within \(waited) ms"))
            }
            let wake = next < offsets.count ? min(start.addingSaturating(offsets[next]), giveUp) : giveUp
            let received: (frame: StunFrame, receivedAt: UInt64)?
            do {
                received = try await channel.receive(deadline: wake)
            } catch {
                if error.kind == .closed {
                    return .transportFailure(TransportError(.closed, "\(channel.server) closed the connection before answering \(request.method)"))
                }
                return .transportFailure(error)
            }
            guard let (frame, receivedAt) = received else { continue }
            guard case .message(let message) = frame, message.transactionID == request.transactionID,
                  message.method == request.method,
                  message.messageClass == .successResponse || message.messageClass == .errorResponse else {
                if inbox.count >= Self.inboxLimit { inbox.removeFirst() }
                inbox.append(frame)
                continue
            }
            let first = sendTimes.first ?? start
            let elapsed = receivedAt.subtractingSaturating(first)
            return interpret(message, rtt: sendTimes.count == 1 ? elapsed : nil, elapsed: elapsed)
        }
    }

    private func interpret(_ message: StunMessage, rtt: UInt64?, elapsed: UInt64) -> TurnRequestResult {
        var code: Int?
        var reason = ""
        if message.messageClass == .errorResponse {
            do {
                guard let error = try message.attribute(ErrorCode.self) else {
                    return .malformed("\(message.method) error response without ERROR-CODE")
                }
                code = error.code
                reason = error.reason
            } catch {
                return .malformed("\(message.method) error response: \(error)")
            }
        }
        // Responses to authenticated requests carry integrity (except 400/401/420/438, which the
        // server cannot or need not sign); a wrong one means the answer is not from a server that
        // knows our key.
        if let key, code != ErrorCode.unauthorized, code != ErrorCode.staleNonce,
           code != ErrorCode.badRequest, code != ErrorCode.unknownAttribute {
            let check = message.contains(.messageIntegritySHA256)
                ? message.checkMessageIntegritySHA256(key: key)
                : message.checkMessageIntegrity(key: key)
            if check == .invalid {
                return .malformed("\(message.method) response failed its MESSAGE-INTEGRITY check")
            }
        }
        if let code { return .errorResponse(code: code, reason: reason, message) }
        return .success(message, rtt: rtt, elapsed: elapsed)
    }
}
