// The demo as a library: compile the examples per variant, serve them over loopback, load them, measure.
// Used by examples/demo.mjs (the table) and by the reliability load test (issue 5).
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { compileExamples, VARIANTS } from "./lib/compile.mjs";
import { sendLoad } from "./lib/load.mjs";

export { VARIANTS } from "./lib/compile.mjs";
export { sendLoad } from "./lib/load.mjs";
export { compileExamples } from "./lib/compile.mjs";

/** Scenario name (URL path and examples/scenarios/<name>.ts) → short label. */
export const SCENARIOS = {
  "work-queue": "work queue",
  "event-emitter": "EventEmitter",
  thenable: "thenable",
  "set-timeout": "setTimeout",
};

const WARMUP_LOOP = 20_000;
const SAMPLE_MS = 40;
const MAX_SAMPLE = 5_000_000;

async function importVariant(dir) {
  const load = (rel) => import(pathToFileURL(join(dir, rel)).href);
  const [context, server] = await Promise.all([load("app/context.js"), load("app/server.js")]);
  const scenarios = {};
  for (const name of Object.keys(SCENARIOS)) scenarios[name] = await load(`scenarios/${name}.js`);
  return { context, server, scenarios };
}

// How fast a request creates the callback it hands off, measured in-process inside a bound request: this is where
// the variants differ (a plain closure, AsyncLocalStorage.bind, the plugin's wrapper + unproxy()). The median of
// three samples of at least SAMPLE_MS each, so one hiccup on a busy machine does not make the figure.
function callbacksPerSecond(context, scenario) {
  const noop = () => {};
  // Callbacks are kept in a ring so the engine cannot drop their creation as dead code.
  const ring = new Array(1024);
  return context.requestContext.run({ id: "bench", user: { id: "bench" } }, () => {
    for (let i = 0; i < WARMUP_LOOP; i++) ring[i & 1023] = scenario.createCallback(noop);
    const rates = [];
    for (let sample = 0; sample < 3; sample++) {
      let count = 0;
      const started = process.hrtime.bigint();
      let elapsed = 0;
      // Bounded: stops at SAMPLE_MS or MAX_SAMPLE iterations, whichever comes first.
      while (elapsed < SAMPLE_MS * 1e6 && count < MAX_SAMPLE) {
        for (let i = 0; i < 1000; i++) ring[i & 1023] = scenario.createCallback(noop);
        count += 1000;
        elapsed = Number(process.hrtime.bigint() - started);
      }
      rates.push(count / (elapsed / 1e9));
    }
    return Math.round(rates.sort((a, b) => a - b)[1]);
  });
}

/**
 * Starts the demo server of one compiled variant. Returns { url, close(), modules } where modules are the
 * compiled app and scenario modules (context.requestContext, context.request, scenarios[name].handle…).
 */
export async function startVariantServer(compiledVariant) {
  const modules = await importVariant(compiledVariant.dir);
  const handlers = {};
  for (const [name, mod] of Object.entries(modules.scenarios)) handlers[name] = mod.handle;
  const server = await modules.server.startServer(handlers);
  return { ...server, modules };
}

/**
 * Runs the demo. Options (all optional): requests (2000), concurrency (100), scenarios (names of SCENARIOS),
 * variants (names of VARIANTS), plugin (a Babel plugin path to use instead of unproxy/babel in the plugin variant),
 * onRow(row) called as each row is measured.
 * Returns { rows, compiled } where each row is
 * { scenario, variant, requests, ok, leaks, errors, wallMs, callbacksPerSecond, firstLeak?, firstError? }
 * and compiled is { [variant]: { files: [{ rel, source, code }] } } (the code the rows ran).
 */
export async function runDemo(options = {}) {
  const requests = options.requests ?? 2000;
  const concurrency = options.concurrency ?? 100;
  const scenarios = options.scenarios ?? Object.keys(SCENARIOS);
  const variants = options.variants ?? Object.keys(VARIANTS);
  for (const name of scenarios) {
    if (!(name in SCENARIOS)) throw new Error(`unknown scenario "${name}" (known: ${Object.keys(SCENARIOS).join(", ")})`);
  }
  const build = await compileExamples(variants, { plugin: options.plugin });
  const rows = [];
  try {
    for (const variant of variants) {
      const server = await startVariantServer(build.variants[variant]);
      try {
        for (const scenario of scenarios) {
          // Warm the JIT and the keep-alive sockets first so the first row's wall time is not mostly start-up.
          await sendLoad({ baseUrl: server.url, scenario, requests: Math.min(100, requests), concurrency });
          const load = await sendLoad({ baseUrl: server.url, scenario, requests, concurrency });
          const rate = callbacksPerSecond(server.modules.context, server.modules.scenarios[scenario]);
          const row = { scenario, variant, ...load, callbacksPerSecond: rate };
          rows.push(row);
          options.onRow?.(row);
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    build.cleanup();
  }
  return { rows, compiled: build.variants };
}
