import Testing
@testable import StunWire

@Suite struct StreamDecoderTests {
    /// A mixed stream: RFC 5769 messages, ChannelData of several sizes (padded), a TURN message.
    static func mixedFrames() -> [StunFrame] {
        var frames: [StunFrame] = []
        for vector in [Rfc5769.request, Rfc5769.ipv4Response, Rfc5769.ipv6Response, Rfc5769.longTermRequest] {
            frames.append(.message(try! StunMessage.decode(vector)))
        }
        for size in [0, 1, 2, 3, 4, 5, 100, 1500] {
            frames.append(.channelData(ChannelData(channel: 0x4000 + UInt16(size), payload: (0..<size).map { UInt8($0 & 0xFF) })))
        }
        var allocate = StunMessage(method: .allocate, messageClass: .successResponse, transactionID: .random())
        allocate.append(XorRelayedAddress(address: TransportAddress("[2001:db8::5]:50000")!))
        allocate.append(Lifetime(seconds: 600))
        allocate.appendFingerprint()
        frames.insert(.message(allocate), at: 5)
        return frames
    }

    static func bytes(of frames: [StunFrame]) -> [UInt8] {
        frames.flatMap { frame -> [UInt8] in
            switch frame {
            case .message(let message): return message.encode()
            case .channelData(let data): return data.encode(padToFour: true)
            }
        }
    }

    static func drain(_ decoder: inout StunStreamDecoder) throws -> [StunFrame] {
        var frames: [StunFrame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        return frames
    }

    @Test func oneByteAtATimeAndAllAtOnceGiveTheSameFrames() throws {
        let expected = Self.mixedFrames()
        let stream = Self.bytes(of: expected)

        var byteWise = StunStreamDecoder()
        var collected: [StunFrame] = []
        for byte in stream {
            byteWise.feed([byte])
            collected += try Self.drain(&byteWise)
        }
        #expect(collected == expected)
        #expect(byteWise.bufferedByteCount == 0)
        #expect(byteWise.consumed == stream.count)

        var whole = StunStreamDecoder()
        whole.feed(stream)
        #expect(try Self.drain(&whole) == expected)

        // Irregular chunk sizes.
        var chunked = StunStreamDecoder()
        var chunkedFrames: [StunFrame] = []
        var index = 0, size = 1
        while index < stream.count {
            let end = min(stream.count, index + size)
            chunked.feed(stream[index..<end])
            chunkedFrames += try Self.drain(&chunked)
            index = end
            size = size * 3 % 97 + 1
        }
        #expect(chunkedFrames == expected)
    }

    @Test func integrityStillChecksOnStreamFrames() throws {
        var decoder = StunStreamDecoder()
        decoder.feed(Rfc5769.ipv4Response + Rfc5769.request)
        guard case .message(let message)? = try decoder.nextFrame() else {
            Issue.record("expected a message"); return
        }
        #expect(message.checkMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword)) == .valid)
        #expect(message.checkFingerprint() == .valid)
    }

    @Test func partialFrameNeedsMoreBytes() throws {
        var decoder = StunStreamDecoder()
        decoder.feed(Rfc5769.request.prefix(107))
        #expect(try decoder.nextFrame() == nil)
        decoder.feed([Rfc5769.request[107]])
        #expect(try decoder.nextFrame() != nil)
        #expect(try decoder.nextFrame() == nil)
    }

    @Test(arguments: [
        ([0x80, 0, 0, 0] as [UInt8], StunDecodeError.Kind.notStun, 0),
        ([0xC0, 0, 0, 0], .notStun, 0),
        ([0x00, 0x01, 0x00, 0x06], .lengthNotMultipleOf4, 2),
        ([0x50, 0x00, 0x00, 0x04], .invalidChannelNumber, 0),
        (Array(Rfc5769.ipv4Response.dropLast()) + [0x97], .badFingerprint, 72),
    ])
    func malformedStreamFails(bytes: [UInt8], kind: StunDecodeError.Kind, offset: Int) throws {
        var decoder = StunStreamDecoder()
        decoder.feed(Rfc5769.longTermRequest)   // a good frame first
        #expect(try decoder.nextFrame() != nil)
        decoder.feed(bytes)
        do {
            _ = try decoder.nextFrame()
            Issue.record("accepted a malformed stream")
        } catch {
            #expect(error.kind == kind && error.offset == offset)
        }
        // The decoder stays failed.
        decoder.feed(Rfc5769.request)
        #expect(throws: StunDecodeError.self) { try decoder.nextFrame() }
    }

    @Test func overLongFramesAreRejectedBeforeBuffering() throws {
        var decoder = StunStreamDecoder(maximumFrameLength: 1024)
        decoder.feed([0x00, 0x01, 0x04, 0x00])   // STUN claiming 1024 + 20 bytes
        do { _ = try decoder.nextFrame(); Issue.record("accepted") } catch {
            #expect(error.kind == .frameTooLong && error.offset == 2)
        }
        var channel = StunStreamDecoder(maximumFrameLength: 1024)
        channel.feed([0x40, 0x00, 0x04, 0x00])   // ChannelData of 1024 + 4 bytes
        do { _ = try channel.nextFrame(); Issue.record("accepted") } catch {
            #expect(error.kind == .frameTooLong)
        }
        var fits = StunStreamDecoder(maximumFrameLength: 1028)
        fits.feed(ChannelData(channel: 0x4000, payload: [UInt8](repeating: 1, count: 1024)).encode(padToFour: true))
        #expect(try fits.nextFrame() != nil)
    }

    @Test func channelDataPaddingOverDatagramsAndStreams() throws {
        let data = ChannelData(channel: 0x4ABC, payload: [1, 2, 3, 4, 5])
        #expect(data.encode(padToFour: false) == [0x4A, 0xBC, 0, 5, 1, 2, 3, 4, 5])
        #expect(data.encode(padToFour: true) == [0x4A, 0xBC, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0])
        #expect(try ChannelData.decode(data.encode(padToFour: false)) == data)
        #expect(try ChannelData.decode(data.encode(padToFour: true)) == data)
        #expect(ChannelData.looksLikeChannelData(data.encode(padToFour: false)))
        #expect(!StunMessage.looksLikeStun(data.encode(padToFour: true)))
    }

    @Test func largeStreamIsLinear() throws {
        // 20,000 frames fed in 1,000-byte reads: finishes quickly only if work is linear.
        var message = StunMessage(method: .binding, messageClass: .indication, transactionID: .random())
        message.append(Software("x"))
        let unit = message.encode() + ChannelData(channel: 0x4000, payload: [1, 2, 3]).encode(padToFour: true)
        let stream = (0..<10_000).flatMap { _ in unit }
        var decoder = StunStreamDecoder()
        var count = 0
        var index = 0
        while index < stream.count {
            decoder.feed(stream[index..<min(stream.count, index + 1000)])
            while try decoder.nextFrame() != nil { count += 1 }
            index += 1000
        }
        #expect(count == 20_000)
    }
}
