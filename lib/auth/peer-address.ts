import http from "node:http";

// Next.js does not tell route handlers who is on the other end of the connection: it only fills
// X-Forwarded-For with the socket address when the client sent none, so a client can claim any
// address. This records the real TCP peer in a header of our own, overwriting whatever the
// client sent, before Next.js sees the request. Installed once by instrumentation.ts.

export const PEER_HEADER = "x-pairwise-peer";

const installed = Symbol.for("pairwise.peer-address");

export function installPeerAddressHeader(): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
