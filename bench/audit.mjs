// Audit mode's cost: what an audited closure pays per call and per creation, next to the same closure compiled
// without audit. `npm run build` first; then `node bench/audit.mjs`. Prints one table (ns per operation, the median
// of 15 samples of ~20 ms each). docs/audit.md quotes its figures.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const plugin = require("unproxy/babel");
const root = fileURLToPath(new URL("..", import.meta.url));
const runtime = pathToFileURL(join(root, "dist/esm/runtime/index.js")).href;

// `request` is a context proxy; `i` a parameter: both are names the plugin would capture, only one is a proxy.
const SOURCE = `import { contextProxy, createContext } from ${JSON.stringify(runtime)};
export const requestContext = createContext("request");
export const request = contextProxy(requestContext);
export function make(i) { return () => request.user.id + i; }
`;

async function build(audit) {
  const { code } = babel.transformSync(SOURCE, {
    filename: join(root, "bench", `audit-${audit ? "on" : "off"}.mjs`), configFile: false, babelrc: false,
    plugins: [[plugin, { runtime, audit }]],
  });
  const dir = mkdtempSync(join(root, "node_modules", ".cache", "unproxy-bench-audit-"));
  try {
    writeFileSync(join(dir, "module.mjs"), code);
    return await import(pathToFileURL(join(dir, "module.mjs")).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** ns per op of fn(n), which runs n operations and returns a number (kept, so nothing is dead code). */
function measure(fn) {
  let sink = 0;
  let n = 1000;
  for (;;) {
    const started = process.hrtime.bigint();
    sink += fn(n);
    if (Number(process.hrtime.bigint() - started) > 20e6) break;
    n *= 2;
  }
  const samples = [];
  for (let s = 0; s < 15; s++) {
    const started = process.hrtime.bigint();
    sink += fn(n);
    samples.push(Number(process.hrtime.bigint() - started) / n);
  }
  if (Number.isNaN(sink)) throw new Error("unreachable");
  return median(samples);
}

const value = { user: { id: 1 } };
const rows = [];
for (const audit of [false, true]) {
  const mod = await build(audit);
  const label = audit ? "audit: true" : "audit: false";
  const inside = mod.requestContext.run(value, () => Array.from({ length: 16 }, (_, i) => mod.make(i)));
  const outside = Array.from({ length: 16 }, (_, i) => mod.make(i));
  const calls = (fns) => (n) => mod.requestContext.run(value, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += fns[i & 15]();
    return sum;
  });
  rows.push([label, "call, created in the same binding", measure(calls(inside))]);
  rows.push([label, "call, created outside any binding", measure(calls(outside))]);
  rows.push([label, "creation inside a binding", measure((n) => mod.requestContext.run(value, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += mod.make(i & 15).length;
    return sum;
  }))]);
}

const width = Math.max(...rows.map((row) => row[1].length));
process.stdout.write(`node ${process.versions.node}, ns per operation (median of 15 samples)\n`);
for (const [label, what, ns] of rows) process.stdout.write(`${label.padEnd(13)} ${what.padEnd(width)} ${ns.toFixed(1).padStart(7)} ns\n`);
