/// One frame taken from a STUN/TURN byte stream.
public enum StunFrame: Hashable, Sendable {
    case message(StunMessage)
    case channelData(ChannelData)
}
