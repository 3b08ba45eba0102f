/// One packet of a media stream as it arrived: its sequence number (the index of the packet in
/// the stream, 0 first, not the 16-bit RTP field) and its arrival time in milliseconds on the
/// same clock as the send times.
public struct MediaArrival: Sendable, Equatable, Codable {
    public let sequence: Int
    public let receivedAtMs: Double

    public init(sequence: Int, receivedAtMs: Double) {
        self.sequence = sequence
        self.receivedAtMs = receivedAtMs
    }
}
