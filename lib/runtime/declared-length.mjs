// Loaded into the web server process (`node --import`, see scripts/start.ts) before Next.js
// creates its HTTP server. Next.js drops the Content-Length a route handler sets (its
// sendResponse forwards no framing headers), so a stored export's download went out chunked,
// without the size that download tools show progress with. A route that knows its body's exact
// length also sets DECLARED_LENGTH; here, on this server's responses, that header becomes the
// Content-Length, and Node frames the body by it (a body of any other length is an error).
import http from "node:http";

export const DECLARED_LENGTH = "x-pairwise-content-length";

const declared = (name) => typeof name === "string" && name.toLowerCase() === DECLARED_LENGTH;

function withDeclaredLength(listener) {
  return function declaredLengthListener(req, res) {
    const { setHeader, appendHeader } = res;
    res.setHeader = function (name, value) {
      return setHeader.call(this, declared(name) ? "content-length" : name, value);
    };
    res.appendHeader = function (name, value) {
      if (declared(name)) return setHeader.call(this, "content-length", value);
      return appendHeader.call(this, name, value);
    };
    return listener.call(this, req, res);
  };
}

const createServer = http.createServer;

http.createServer = function declaredLengthCreateServer(...args) {
  const at = args.findIndex((a) => typeof a === "function");
  if (at !== -1) args[at] = withDeclaredLength(args[at]);
  return createServer.apply(http, args);
};
