import NIOCore
import NIOHTTPTypes

/// Cuts off slow clients: whenever a connection is waiting for a request (just opened, or its
/// last response sent), the whole next request (headers and body) must arrive within `limit`, or
/// the connection is closed. A client trickling one byte per second therefore holds a connection
/// for at most `limit` and never delays other clients (each connection has its own timer on the
/// event loop). The same timer closes idle keep-alive connections.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limit: TimeAmount
    private let onCutOff: @Sendable () -> Void
    private var timer: Scheduled<Void>?

    init(limit: TimeAmount, onCutOff: @escaping @Sendable () -> Void) {
        self.limit = limit
        self.onCutOff = onCutOff
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { disarm() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd: Bool
        if case .end = unwrapOutboundIn(data) { isEnd = true } else { isEnd = false }
        context.write(data, promise: promise)
        if isEnd { arm(context) }
    }

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        let onCutOff = onCutOff
        timer = context.eventLoop.scheduleTask(in: limit) {
            onCutOff()
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
