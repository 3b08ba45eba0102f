import Testing
@testable import StunWire
import IceprobeTestSupport


@Suite struct MutationTests {
    static func corpus() -> [[UInt8]] {
        var seeds = [Rfc5769.request, Rfc5769.ipv4Response, Rfc5769.ipv6Response, Rfc5769.longTermRequest]
        var allocate = StunMessage(method: .allocate, messageClass: .successResponse,
                                   transactionID: TransactionID(bytes: Array(20..<32))!)
        allocate.append(XorRelayedAddress(address: TransportAddress("[2001:db8::5]:50000")!))
        allocate.append(XorMappedAddress(address: TransportAddress("198.51.100.1:4000")!))
        allocate.append(Lifetime(seconds: 600))
        allocate.append(ErrorCode(code: 438, reason: "Stale Nonce"))
        allocate.append(PasswordAlgorithms(algorithms: [PasswordAlgorithm(algorithm: 1), PasswordAlgorithm(algorithm: 2)]))
        allocate.append(UnknownAttributes(types: [.init(rawValue: 0x7001)]))
        allocate.append(EvenPort(reserveNextHigher: true))
        allocate.appendMessageIntegrity(key: [1, 2, 3])
        allocate.appendMessageIntegritySHA256(key: [1, 2, 3])
        allocate.appendFingerprint()
        seeds.append(allocate.encode())
        seeds.append(ChannelData(channel: 0x4001, payload: [1, 2, 3, 4, 5]).encode(padToFour: true))
        return seeds
    }

    @Test func hundredThousandMutationsNeverCrashAndRoundTripsAreStable() async throws {
        let seed: UInt64 = 0x1CE_950BE
        var random = SplitMix64(seed: seed)
        let corpus = Self.corpus()
        var decodedCount = 0, rejectedCount = 0, validCount = 0
        let iterations = 100_000
        for index in 0..<iterations {
            // ~1.3 s of CPU in one test: let other tests' tasks run in between.
            if index % 2_000 == 0 { await Task.yield() }
            var bytes = corpus[Int(random.next() % UInt64(corpus.count))]
            let mutations = 1 + Int(random.next() % 3)
            for _ in 0..<mutations {
                switch random.next() % 6 {
                case 0 where !bytes.isEmpty:      // bit flip
                    let position = Int(random.next() % UInt64(bytes.count))
                    bytes[position] ^= UInt8(1) << UInt8(random.next() % 8)
                case 1 where !bytes.isEmpty:      // truncation
                    bytes.removeLast(Int(random.next() % UInt64(bytes.count)) + 1)
                case 2 where bytes.count >= 4:    // header length field edit
                    let length = UInt16(truncatingIfNeeded: random.next())
                    let small = random.next() % 2 == 0
                    let value = small ? UInt16(truncatingIfNeeded: bytes.count - 20 + Int(random.next() % 9) - 4) : length
                    bytes[2] = UInt8(value >> 8); bytes[3] = UInt8(value & 0xFF)
                case 3 where bytes.count >= 24:   // attribute length field edit
                    let position = 20 + 4 * Int(random.next() % UInt64((bytes.count - 20) / 4))
                    if position + 3 < bytes.count {
                        bytes[position + 2] = UInt8(random.next() % 4)
                        bytes[position + 3] = UInt8(truncatingIfNeeded: random.next())
                    }
                case 4:                           // splice with another corpus message
                    let other = corpus[Int(random.next() % UInt64(corpus.count))]
                    let cut = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
                    let otherCut = Int(random.next() % UInt64(other.count))
                    bytes = Array(bytes[..<cut]) + Array(other[otherCut...])
                default:                          // random byte overwrite
                    if !bytes.isEmpty {
                        bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                    }
                }
            }
            _ = ChannelData.looksLikeChannelData(bytes)
            do {
                // A decoded ChannelData re-encodes to the bytes it came from (padding aside).
                let channel = try ChannelData.decode(bytes)
                let frame = channel.encode(padToFour: false)
                #expect(Array(bytes.prefix(frame.count)) == frame, "seed \(seed) index \(index): ChannelData re-encodes differently")
                #expect(bytes.count == frame.count || bytes.count == channel.encode(padToFour: true).count,
                        "seed \(seed) index \(index): bytes left over after the ChannelData frame")
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count, "seed \(seed) index \(index): \(error)")
            }
            _ = StunMessage.looksLikeStun(bytes)
            let message: StunMessage
            do {
                message = try StunMessage.decode(bytes)
            } catch {
                rejectedCount += 1
                #expect(error.offset >= 0 && error.offset <= max(bytes.count, 20), "seed \(seed) index \(index)")
                continue
            }
            decodedCount += 1
            _ = message.checkMessageIntegrity(key: [1, 2, 3])
            _ = message.checkMessageIntegritySHA256(key: [1, 2, 3])
            _ = message.unknownComprehensionRequired
            if (try? message.validateAttributes()) != nil { validCount += 1 }
            // decode -> encode -> decode is stable.
            let encoded = message.encode()
            #expect(encoded == bytes, "seed \(seed) index \(index): re-encoding differs")
            let again = try StunMessage.decode(encoded)
            #expect(again == message, "seed \(seed) index \(index)")
            #expect(again.encode() == encoded)
        }
        #expect(decodedCount + rejectedCount == iterations)
        // The mutations must exercise both paths substantially.
        #expect(decodedCount > 1_000)
        #expect(rejectedCount > 10_000)
        #expect(validCount > 0)
    }

    @Test func streamDecoderSurvivesGarbage() {
        var random = SplitMix64(seed: 42)
        let corpus = Self.corpus()
        for _ in 0..<2_000 {
            var decoder = StunStreamDecoder(maximumFrameLength: 4096)
            var stream: [UInt8] = []
            for _ in 0..<4 { stream += corpus[Int(random.next() % UInt64(corpus.count))] }
            for _ in 0..<3 where !stream.isEmpty {
                stream[Int(random.next() % UInt64(stream.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            var index = 0
            loop: while index < stream.count {
                let size = 1 + Int(random.next() % 64)
                decoder.feed(stream[index..<min(stream.count, index + size)])
                index += size
                while true {
                    do {
                        guard try decoder.nextFrame() != nil else { break }
                    } catch {
                        break loop
                    }
                }
            }
        }
    }
}
