// The incoming request's body stream — req.on("end", ...) registered inside the request's context. The stream's
// events are emitted from the connection's HTTP parser, outside the run() that made the request context: on a
// POST with a body the listener finds no request at all (nodejs/node#41285) — "lost", not another's data.
import { request, safely, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): () => void {
  return /* @unproxy */ () => reply({ id: request.id, user: request.user.id });
}

export function handle(reply: Reply, { req, fail }: Exchange): void {
  req.on("end", safely(createCallback(reply), fail));
  req.resume();
}
