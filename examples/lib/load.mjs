// The load generator: sends `requests` GETs at `concurrency` to one scenario over loopback, each with a unique
// request id and user id, and checks every response against what that request sent.
import { Agent, request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";

const REQUEST_TIMEOUT_MS = 10_000;

function send(agent, url, method) {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent, method, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (error) => resolve({ status: 0, body: String(error) }));
    });
    req.on("timeout", () => req.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", (error) => resolve({ status: 0, body: String(error) }));
    // A POST carries a small body, so the server's request stream has "data" and "end" events to deliver.
    req.end(method === "POST" ? JSON.stringify({ note: "a request body" }) : undefined);
  });
}

/**
 * Returns { requests, ok, leaks, lost, errors, wallMs, firstLeak, firstError }.
 * A leak is a response carrying request data that is not this request's (another id or user id); lost is a
 * callback that found no request at all (the server answers UnboundContextError's code, UNPROXY_UNBOUND); an error
 * is any other response without request data (a 500, a timeout, a malformed body).
 * method: "GET" (default) or "POST" (with a small body).
 */
export async function sendLoad({ baseUrl, scenario, requests, concurrency, method = "GET" }) {
  const tag = randomBytes(4).toString("hex");
  const sent = new Map();
  for (let i = 0; i < requests; i++) sent.set(`${tag}-${i}`, `user-${tag}-${i}`);
  const ids = [...sent.keys()];
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const result = { requests, ok: 0, leaks: 0, lost: 0, errors: 0, wallMs: 0, firstLeak: undefined, firstError: undefined };
  let next = 0;
  async function worker() {
    while (next < ids.length) {
      const id = ids[next++];
      const user = sent.get(id);
      const url = `${baseUrl}/${scenario}?id=${encodeURIComponent(id)}&user=${encodeURIComponent(user)}`;
      const { status, body } = await send(agent, url, method);
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      const seen = status === 200 ? parsed : undefined;
      if (seen && seen.id === id && seen.user === user) {
        result.ok += 1;
      } else if (seen && typeof seen.id === "string" && typeof seen.user === "string") {
        // Any request's data but this one's — this run's, a warm-up's or an earlier row's — is a leak.
        result.leaks += 1;
        result.firstLeak ??= { sent: { id, user }, seen };
      } else if (status === 500 && parsed?.code === "UNPROXY_UNBOUND") {
        result.lost += 1;
      } else {
        result.errors += 1;
        result.firstError ??= { sent: { id, user }, status, body: body.slice(0, 300) };
      }
    }
  }
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  result.wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return result;
}
