import StunWire

/// Something that arrived during a transaction but was not its answer. Strays are counted and
/// reported, never trusted.
public struct StrayPacket: Hashable, Sendable, Codable {
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        /// Not a STUN message at all (first bits, size, or no magic cookie).
        case notStun = "not-stun"
        /// Looked like STUN but did not decode (truncated, bad lengths, broken attributes).
        case malformed
        /// A STUN message for another transaction.
        case wrongTransactionID = "wrong-transaction-id"
        /// The right transaction ID, but from an address the request was not sent to.
        case wrongSource = "wrong-source"
        /// The right transaction ID, but a request or indication (e.g. our own packet reflected).
        case notAResponse = "not-a-response"
        /// The right transaction ID, but for another method.
        case wrongMethod = "wrong-method"
        /// A TURN ChannelData frame on a stream where none was expected.
        case channelData = "channel-data"
        /// A response to an earlier transaction of the same caller (typically the answer to a
        /// retransmission that arrived after the transaction had its answer): not garbage, and
        /// evidence that the request it answers was not lost.
        case lateAnswer = "late-answer"
    }

    public var reason: Reason
    /// What exactly was wrong (decoder error, the unexpected method, ...).
    public var detail: String
    /// Sender, when known (UDP source, or the stream's peer).
    public var source: String?
    public var size: Int
    /// Clock time of arrival, nanoseconds.
    public var receivedAt: UInt64

    public init(reason: Reason, detail: String, source: TransportAddress?, size: Int, receivedAt: UInt64) {
        self.reason = reason
        self.detail = detail
        self.source = source?.description
        self.size = size
        self.receivedAt = receivedAt
    }
}
