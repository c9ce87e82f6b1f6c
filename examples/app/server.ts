// A real node:http server on loopback. Each request runs inside requestContext.run(), so everything it starts —
// awaits, timers, listeners it registers — sees its own request through the `request` proxy.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { requestContext, type Reply } from "./context.js";

/** What a handler gets besides reply: the incoming request (its body stream) and a way to answer with an error. */
export interface Exchange {
  req: IncomingMessage;
  fail(error: unknown): void;
}

/** A scenario hands a callback to some machinery; the callback replies with what it saw. */
export type Handler = (reply: Reply, exchange: Exchange) => void;

/** What scenarios with resources of their own (a pool, an upstream server) get from open(). */
export interface ScenarioOptions {
  /** PostgreSQL connection string for the pg scenario; without it that scenario is not run. */
  pg?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function errorBody(error: unknown): { error: string; code?: string } {
  const { message, code } = (error ?? {}) as { message?: string; code?: unknown };
  return { error: String(message ?? error), ...(typeof code === "string" ? { code } : {}) };
}

export function startServer(handlers: Record<string, Handler>): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = handlers[url.pathname.slice(1)];
    const id = url.searchParams.get("id");
    const user = url.searchParams.get("user");
    if (!handler || !id || !user) return send(res, 404, { error: "unknown scenario or missing id/user" });
    const fail = (error: unknown) => send(res, 500, errorBody(error));
    requestContext.run({ id, user: { id: user } }, () => {
      try {
        handler((seen) => send(res, 200, seen), { req, fail });
      } catch (error) {
        fail(error);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // Port 0: the OS picks a free port, so parallel runs (CI, tests) never collide.
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
