import StunWire

/// A TCP tunnel through an HTTP proxy (RFC 9110 CONNECT): connects to the proxy, asks it for
/// `host:port`, and returns the connection once the proxy answers 2xx; the caller then speaks
/// TLS (or TURN over TCP) through it. Bounded by `deadline` (connect, request and answer).
/// The proxy's refusals are named: `proxy-unreachable`, `proxy-refused`, `proxy-auth-required`,
/// `proxy-bad-gateway`, `proxy-protocol`.
public enum HTTPConnectTunnel {
    public static func open(proxy: TransportAddress, proxyName: String, host: String, port: UInt16,
                            deadline: UInt64) async throws(TransportError) -> TCPConnection {
        let tcp: TCPConnection
        do throws(TransportError) {
            tcp = try await TCPConnection.connect(to: proxy, deadline: deadline)
        } catch {
            if error.kind == .timeout || error.kind == .refused || error.kind == .unreachable {
                throw TransportError(.proxy(.unreachable), "cannot connect to the proxy \(proxyName): \(error.message)")
            }
            throw error
        }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let request = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\nUser-Agent: iceprobe\r\n\r\n"
        do throws(TransportError) {
            _ = try await tcp.write(Array(request.utf8), deadline: deadline)
            var received: [UInt8] = []
            while HTTPConnectResponse.headerEnd(received) == nil {
                guard received.count < HTTPConnectResponse.maximumHeaderBytes else {
                    throw TransportError(.proxy(.protocolError), "the proxy \(proxyName) sent more than \(HTTPConnectResponse.maximumHeaderBytes) bytes of header")
                }
                // One byte at a time past the header would be wasteful; read what comes, but a
                // proxy must not send tunnel bytes before the client speaks (TLS starts with us).
                let (bytes, _) = try await tcp.read(maximumLength: HTTPConnectResponse.maximumHeaderBytes - received.count, deadline: deadline)
                if bytes.isEmpty {
                    throw TransportError(.proxy(.protocolError), "the proxy \(proxyName) closed the connection before answering CONNECT")
                }
                received += bytes
            }
            let end = HTTPConnectResponse.headerEnd(received) ?? received.count
            let response = try HTTPConnectResponse.parse(Array(received[..<end])).get()
            if let failure = response.failure(proxy: proxyName, target: authority) { throw failure }
            guard end == received.count else {
                throw TransportError(.proxy(.protocolError), "the proxy \(proxyName) sent data before the tunnel was used")
            }
            return tcp
        } catch {
            tcp.close()
            if error.kind == .closed || error.kind == .reset {
                throw TransportError(.proxy(.protocolError), "the proxy \(proxyName) closed the connection during CONNECT: \(error.message)")
            }
            throw error
        }
    }
}
