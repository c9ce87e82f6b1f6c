// The browser tests' server, in a child process (the example code is ES modules): the example page of
// examples/browser plus the fixtures of test/browser/fixtures, each bundled for browsers. Prints one JSON line
// { url, inputs } and stops by itself when its parent closes stdin, or after two minutes.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "../../examples/browser/bundle.mjs";
import { startExampleServer } from "../../examples/browser/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = {
  "sync-stack": { file: "fixtures/sync-stack.ts", plain: true },
  "async-context-plugin": { file: "fixtures/async-context-entry.ts", plain: false },
  "async-context-plain": { file: "fixtures/async-context-entry.ts", plain: true },
  require: { file: "fixtures/require-entry.cjs", plain: true },
};

const routes = {};
const inputs = {};
for (const [name, { file, plain }] of Object.entries(FIXTURES)) {
  const built = await bundle(join(here, file), { plain });
  inputs[name] = built.inputs;
  routes[`/fixture/${name}`] = ["text/html", `<!doctype html><script type="module" src="/fixture/${name}.js"></script>`];
  routes[`/fixture/${name}.js`] = ["text/javascript", built.code];
}
const server = await startExampleServer({ routes });
process.stdout.write(JSON.stringify({ url: server.url, inputs: { ...inputs, ...server.inputs } }) + "\n");

const stop = () => void server.close().then(() => process.exit(0));
setTimeout(stop, 120_000).unref();
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
