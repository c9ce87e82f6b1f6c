// A real node:http server on loopback. Each request runs inside requestContext.run(), so everything it starts —
// awaits, timers, listeners it registers — sees its own request through the `request` proxy.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { requestContext, type Reply } from "./context.js";

/** A scenario hands a callback to some machinery; the callback replies with what it saw. */
export type Handler = (reply: Reply) => void;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export function startServer(handlers: Record<string, Handler>): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = handlers[url.pathname.slice(1)];
    const id = url.searchParams.get("id");
    const user = url.searchParams.get("user");
    if (!handler || !id || !user) return send(res, 404, { error: "unknown scenario or missing id/user" });
    requestContext.run({ id, user: { id: user } }, () => {
      try {
        handler((seen) => send(res, 200, seen));
      } catch (error) {
        send(res, 500, { error: String((error as Error)?.message ?? error) });
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
