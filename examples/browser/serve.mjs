// `npm run demo:browser`: serves examples/browser on 127.0.0.1 — the page compiled by unproxy/babel (/?build=plugin,
// the default) and without the plugin (/?build=plain) — and stops by itself after 10 minutes (or on Ctrl-C).
//   node examples/browser/serve.mjs [--port N]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundle } from "./bundle.mjs";
import { buildIfStale } from "../lib/freshness.mjs";

const dir = fileURLToPath(new URL(".", import.meta.url));
const STOP_AFTER_MS = 10 * 60_000;

/**
 * Starts the example server. Returns { url, close(), inputs } (inputs: the files each build bundled). The fetch()
 * endpoint answers after 20 ms. `routes` adds pages: path → [content type, body] (the browser tests' fixtures).
 */
export async function startExampleServer({ port = 0, routes = {} } = {}) {
  const builds = {};
  const inputs = {};
  for (const build of ["plugin", "plain"]) {
    ({ code: builds[build], inputs: inputs[build] } = await bundle(`${dir}main.ts`, {
      plain: build === "plain",
      define: { UNPROXY_EXAMPLE_BUILD: JSON.stringify(build) },
    }));
  }
  const page = readFileSync(`${dir}index.html`, "utf8");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const build = url.searchParams.get("build") === "plain" ? "plain" : "plugin";
    const send = (type, body) => {
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (url.pathname === "/") return send("text/html", page.replace('src="./main.js"', `src="./main.js?build=${build}"`));
    if (url.pathname === "/main.js") return send("text/javascript", builds[build]);
    if (url.pathname === "/data.json") {
      return void setTimeout(() => send("application/json", readFileSync(`${dir}data.json`)), 20);
    }
    const route = routes[url.pathname];
    if (route) return send(route[0], route[1]);
    res.writeHead(404).end();
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });
  return { url: `http://127.0.0.1:${server.address().port}/`, close, inputs };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildIfStale((line) => process.stderr.write(line + "\n"));
  const portFlag = process.argv.indexOf("--port");
  const { url, close } = await startExampleServer({ port: portFlag > 0 ? Number(process.argv[portFlag + 1]) : 0 });
  process.stdout.write(`unproxy browser example: open ${url} (compiled by the plugin) or ${url}?build=plain\n` +
    `(stops by itself in ${STOP_AFTER_MS / 60_000} minutes; Ctrl-C to stop now)\n`);
  const timer = setTimeout(() => void close(), STOP_AFTER_MS);
  process.once("SIGINT", () => {
    clearTimeout(timer);
    void close();
  });
}
