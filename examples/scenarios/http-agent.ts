// http.Agent with keep-alive — each request calls an upstream service over a small pool of reused sockets.
// nodejs/node#34400 reported responses handled in the context of the request that opened the socket; on the Node
// this demo runs on (20.20) no response leaks, so this is a control case: proof the check is not biased.
import { Agent, createServer, get, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request, safely, type Reply } from "../app/context.js";
import type { Exchange } from "../app/server.js";

let upstream: { server: Server; url: string; agent: Agent } | undefined;

export async function open(): Promise<void> {
  // The upstream service: answers after a millisecond, on loopback, outside any request context.
  const server = createServer((_req, res) => void setTimeout(() => res.end("profile"), 1));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  upstream = { server, url: `http://127.0.0.1:${port}/profile`, agent: new Agent({ keepAlive: true, maxSockets: 4 }) };
}

export async function close(): Promise<void> {
  const closing = upstream;
  upstream = undefined;
  closing?.agent.destroy();
  closing?.server.closeAllConnections();
  await new Promise((done) => (closing ? closing.server.close(done) : done(undefined)));
}

/** The callback this request hands off: it reads the current request when it runs. */
export function createCallback(reply: Reply): (res: IncomingMessage) => void {
  return /* @unproxy */ (res: IncomingMessage) => {
    res.resume();
    reply({ id: request.id, user: request.user.id });
  };
}

export function handle(reply: Reply, { fail }: Exchange): void {
  get(upstream!.url, { agent: upstream!.agent }, safely(createCallback(reply), fail)).on("error", fail);
}
