/// The SDP `candidate` attribute (RFC 8839 section 5.1, `tcptype` from RFC 6544): formatting an
/// ``IceCandidate`` as a line and parsing such a line back. Used to exchange candidates between
/// agents and to print them in the form browsers log.
///
/// Parsing is total: any text either yields a candidate or a ``CandidateAttributeError`` naming
/// the field and the character offset where the problem is.
public enum CandidateAttribute {
    /// `candidate:<foundation> <component> <UDP|TCP> <priority> <address> <port> typ <type>
    /// [raddr <address> rport <port>] [tcptype <active|passive|so>]` (no `a=` prefix).
    public static func format(_ candidate: IceCandidate) -> String {
        var text = "candidate:\(candidate.foundation) \(candidate.component) \(candidate.transport.sdpProtocol)"
        text += " \(candidate.priority) \(candidate.address) \(candidate.port) typ \(candidate.type.rawValue)"
        if let relatedAddress = candidate.relatedAddress, let relatedPort = candidate.relatedPort {
            text += " raddr \(relatedAddress) rport \(relatedPort)"
        }
        if let tcpType = candidate.transport.sdpTCPType {
            text += " tcptype \(tcpType)"
        }
        return text
    }

    /// Parses a candidate attribute, with or without the leading `a=` and `candidate:`.
    /// Unknown extension attributes (name/value pairs after the type) are skipped, as RFC 8839
    /// requires. A TCP candidate without `tcptype` is an error: iceprobe needs to know its role.
    public static func parse(_ line: String) throws(CandidateAttributeError) -> IceCandidate {
        let bytes = Array(line.utf8)
        var index = 0
        // Skip the optional prefixes.
        func hasPrefix(_ prefix: String, at position: Int) -> Bool {
            let p = Array(prefix.utf8)
            guard bytes.count - position >= p.count else { return false }
            for offset in 0..<p.count where lowercased(bytes[position + offset]) != p[offset] { return false }
            return true
        }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if hasPrefix("a=", at: index) { index += 2 }
        if hasPrefix("candidate:", at: index) { index += 10 }

        // Tokenize on single or repeated spaces/tabs, remembering where each token starts.
        var tokens: [(text: String, offset: Int)] = []
        var start: Int? = nil
        var position = index
        while position <= bytes.count {
            let atEnd = position == bytes.count
            let isSpace = !atEnd && (bytes[position] == 0x20 || bytes[position] == 0x09
                                     || bytes[position] == 0x0D || bytes[position] == 0x0A)
            if atEnd || isSpace {
                if let s = start {
                    tokens.append((String(decoding: bytes[s..<position], as: UTF8.self), s))
                    start = nil
                }
            } else if start == nil {
                start = position
            }
            position += 1
        }

        func token(_ i: Int, _ field: String) throws(CandidateAttributeError) -> (text: String, offset: Int) {
            guard i < tokens.count else {
                throw CandidateAttributeError(field: field, offset: bytes.count, detail: "missing \(field)")
            }
            return tokens[i]
        }

        let foundationToken = try token(0, "foundation")
        let foundationBytes = Array(foundationToken.text.utf8)
        guard foundationBytes.count <= 32, foundationBytes.allSatisfy(isIceChar) else {
            throw CandidateAttributeError(field: "foundation", offset: foundationToken.offset,
                                          detail: "foundation must be 1-32 ice-chars (letters, digits, '+', '/')")
        }

        let componentToken = try token(1, "component")
        guard let component = parseDecimal(componentToken.text, max: 256), component >= 1 else {
            throw CandidateAttributeError(field: "component", offset: componentToken.offset,
                                          detail: "component must be a number 1-256, found '\(componentToken.text)'")
        }

        let transportToken = try token(2, "transport")
        let isTCP: Bool
        switch transportToken.text.uppercased() {
        case "UDP": isTCP = false
        case "TCP": isTCP = true
        default:
            throw CandidateAttributeError(field: "transport", offset: transportToken.offset,
                                          detail: "transport must be UDP or TCP, found '\(transportToken.text)'")
        }

        let priorityToken = try token(3, "priority")
        guard let priorityValue = parseDecimal(priorityToken.text, max: UInt64(UInt32.max)), priorityValue >= 1 else {
            throw CandidateAttributeError(field: "priority", offset: priorityToken.offset,
                                          detail: "priority must be a number 1-4294967295, found '\(priorityToken.text)'")
        }

        let addressToken = try token(4, "address")
        guard isAddressLiteral(addressToken.text) else {
            throw CandidateAttributeError(field: "address", offset: addressToken.offset,
                                          detail: "'\(addressToken.text)' is not an IP address literal")
        }

        let portToken = try token(5, "port")
        guard let port = parseDecimal(portToken.text, max: 65_535) else {
            throw CandidateAttributeError(field: "port", offset: portToken.offset,
                                          detail: "port must be a number 0-65535, found '\(portToken.text)'")
        }

        let typKeyword = try token(6, "typ")
        guard typKeyword.text == "typ" else {
            throw CandidateAttributeError(field: "typ", offset: typKeyword.offset,
                                          detail: "expected 'typ', found '\(typKeyword.text)'")
        }
        let typeToken = try token(7, "type")
        guard let type = CandidateType(rawValue: typeToken.text.lowercased()) else {
            throw CandidateAttributeError(field: "type", offset: typeToken.offset,
                                          detail: "type must be host, srflx, prflx or relay, found '\(typeToken.text)'")
        }

        var relatedAddress: String? = nil
        var relatedPort: UInt16? = nil
        var tcpType: CandidateTransport? = nil
        var i = 8
        while i < tokens.count {
            let name = tokens[i]
            guard i + 1 < tokens.count else {
                throw CandidateAttributeError(field: name.text, offset: bytes.count,
                                              detail: "'\(name.text)' without a value")
            }
            let value = tokens[i + 1]
            switch name.text.lowercased() {
            case "raddr":
                guard isAddressLiteral(value.text) else {
                    throw CandidateAttributeError(field: "raddr", offset: value.offset,
                                                  detail: "'\(value.text)' is not an IP address literal")
                }
                relatedAddress = value.text
            case "rport":
                guard let p = parseDecimal(value.text, max: 65_535) else {
                    throw CandidateAttributeError(field: "rport", offset: value.offset,
                                                  detail: "rport must be a number 0-65535, found '\(value.text)'")
                }
                relatedPort = UInt16(p)
            case "tcptype":
                switch value.text.lowercased() {
                case "active": tcpType = .tcpActive
                case "passive": tcpType = .tcpPassive
                case "so": tcpType = .tcpSimultaneousOpen
                default:
                    throw CandidateAttributeError(field: "tcptype", offset: value.offset,
                                                  detail: "tcptype must be active, passive or so, found '\(value.text)'")
                }
            default:
                break   // extension attribute: ignored (RFC 8839 section 5.1)
            }
            i += 2
        }
        if (relatedAddress == nil) != (relatedPort == nil) {
            throw CandidateAttributeError(field: relatedAddress == nil ? "raddr" : "rport", offset: bytes.count,
                                          detail: "raddr and rport must appear together")
        }
        let transport: CandidateTransport
        if isTCP {
            guard let tcpType else {
                throw CandidateAttributeError(field: "tcptype", offset: bytes.count,
                                              detail: "a TCP candidate needs 'tcptype active|passive|so'")
            }
            transport = tcpType
        } else {
            if tcpType != nil {
                throw CandidateAttributeError(field: "tcptype", offset: transportToken.offset,
                                              detail: "tcptype given for a UDP candidate")
            }
            transport = .udp
        }
        return IceCandidate(foundation: foundationToken.text, component: Int(component), transport: transport,
                            type: type, address: addressToken.text, port: UInt16(port),
                            priority: UInt32(priorityValue), relatedAddress: relatedAddress,
                            relatedPort: relatedPort)
    }

    /// RFC 8445 ice-char: ALPHA / DIGIT / "+" / "/".
    static func isIceChar(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2B || byte == 0x2F
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// Decimal digits only, no sign, value <= max; `nil` otherwise (never traps on overflow).
    static func parseDecimal(_ text: String, max: UInt64) -> UInt64? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - 0x30))
            guard !overflow1, !overflow2, sum <= max else { return nil }
            value = sum
        }
        return value
    }

    /// An IPv4 dotted quad or an IPv6 literal (hex digits, ':' and an optional embedded IPv4).
    /// Host names are refused: a candidate carries addresses, not names (mDNS `.local` names are
    /// not supported by iceprobe).
    static func isAddressLiteral(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 45 else { return false }
        if bytes.contains(0x3A) {
            return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46)
                || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x3A || $0 == 0x2E }
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            part.count <= 3 && parseDecimal(String(part), max: 255) != nil
        }
    }
}
