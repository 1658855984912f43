// Closes a connection once the answer to a request it could not parse is written (issue 16, defect 3).
// Hummingbird answers an HTTP parse error (an oversized head, a broken request line) with a 400 and
// then only half-closes: it shuts its output and waits for the client to close. A client that never
// does (or the half-closed input that NIO keeps open, since the server allows remote half-closure)
// left one descriptor per bad request, until the coordinator ran out of them.

import NIOCore
import NIOHTTPTypes

/// Closes the whole connection after the response that follows an inbound error.
///
/// Sits after Hummingbird's HTTP/1 codec (`HTTP1Channel.Configuration.additionalChannelHandlers`),
/// where a parse error arrives as `errorCaught`; the next response's `.end` part is written and
/// flushed, and then the channel is closed in both directions. Every other part passes through.
final class MalformedRequestCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var failed = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failed = true
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard failed, case .end = unwrapOutboundIn(data) else {
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
