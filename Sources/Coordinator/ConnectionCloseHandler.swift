// Closes a connection once the answer to a request that leaves it unusable is written (issue 16,
// defect 3 and item 6):
// - a request that does not parse (an oversized head, a broken request line). Hummingbird answers it
//   with a 400 and then only half-closes: it shuts its output and waits for the client to close,
//   which a client may never do (and NIO keeps the half-closed input open, since the server allows
//   remote half-closure), so each bad request kept a descriptor until the coordinator ran out;
// - a CONNECT. Whatever follows its head is tunnel data, not HTTP, and its answer (405, from
//   ConnectMethodMiddleware) goes out without a length, so the client reads it until the close.

import NIOCore
import NIOHTTPTypes

/// Closes the whole connection after the response to a malformed request or a CONNECT.
///
/// Sits after Hummingbird's HTTP/1 codec (`HTTP1Channel.Configuration.additionalChannelHandlers`),
/// where a parse error arrives as `errorCaught`; the response's `.end` part is written and flushed,
/// and then the channel is closed in both directions. Every other part passes through.
final class ConnectionCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var closeAfterResponse = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data), head.method == .connect { closeAfterResponse = true }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closeAfterResponse = true
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeAfterResponse, case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.close(mode: .all, promise: nil) }
        context.writeAndFlush(data, promise: written)
    }
}
