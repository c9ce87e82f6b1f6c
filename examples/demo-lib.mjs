// The demo as a library: compile the examples per variant, serve them over loopback, load them, measure.
// Used by examples/demo.mjs (the table) and by the reliability load test (test/load/soak.mjs).
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { compileExamples, VARIANTS } from "./lib/compile.mjs";
import { sendLoad } from "./lib/load.mjs";
import { probePostgres } from "./lib/postgres.mjs";

export { VARIANTS } from "./lib/compile.mjs";
export { sendLoad } from "./lib/load.mjs";
export { compileExamples } from "./lib/compile.mjs";
export { PG_ENV, PG_DEFAULT_URL, postgresUrl } from "./lib/postgres.mjs";

const nodeModules = fileURLToPath(new URL("../node_modules", import.meta.url));

/**
 * Scenario name (URL path and examples/scenarios/<name>.ts) → what it shows: label (the hand-off), library (the
 * package it loads, by its name in package.json — aliases such as p-limit-4 name a pinned old release — or a node:
 * module, or "stand-in" for the hand-written ones), method (POST sends a body), needs ("pg": a PostgreSQL server).
 * Real libraries first, in the order of the table.
 */
export const SCENARIOS = {
  "pg-pool-query": { label: "pool.query(sql, cb)", library: "pg", needs: "pg" },
  "generic-pool-2": { label: "acquire(cb)", library: "generic-pool-2" },
  "generic-pool": { label: "acquire().then(cb)", library: "generic-pool" },
  dataloader: { label: "batch function", library: "dataloader" },
  "p-limit-4": { label: "limit(job)", library: "p-limit-4" },
  "p-limit": { label: "limit(job)", library: "p-limit" },
  "p-queue-9": { label: "queue.add(job)", library: "p-queue-9" },
  "p-queue": { label: "queue.add(job)", library: "p-queue" },
  "request-body-end": { label: 'req.on("end", cb)', library: "node:http", method: "POST" },
  "http-agent": { label: "keep-alive Agent", library: "node:http" },
  "work-queue": { label: "work queue", library: "stand-in" },
  "event-emitter": { label: "EventEmitter", library: "stand-in" },
  thenable: { label: "thenable", library: "stand-in" },
  "set-timeout": { label: "setTimeout", library: "node:timers" },
};

/** "pg 8.23.1", "p-limit 4.0.0" (the real name and version behind an alias), "node 20.20.2", "stand-in". */
export function libraryVersion(scenario) {
  const { library } = SCENARIOS[scenario];
  if (library === "stand-in") return "stand-in";
  if (library.startsWith("node:")) return `${library.slice(5)} (node ${process.versions.node})`;
  // Read from the installed folder (node_modules/<library>): some packages do not export ./package.json.
  const { name, version } = JSON.parse(readFileSync(join(nodeModules, library, "package.json"), "utf8"));
  return `${name} ${version}`;
}

async function importVariant(dir, names) {
  const load = (rel) => import(pathToFileURL(join(dir, rel)).href);
  const [context, server] = await Promise.all([load("app/context.js"), load("app/server.js")]);
  const scenarios = {};
  for (const name of names) scenarios[name] = await load(`scenarios/${name}.js`);
  return { context, server, scenarios };
}

/**
 * What one request pays to create the callback it hands off, in ns, measured in-process inside a bound request:
 * this is where the variants differ (a plain closure, AsyncLocalStorage.bind, the plugin's wrapper + unproxy()).
 * The fastest of 40 samples of ~0.2 ms each: a sample that short usually runs without being descheduled or
 * interrupted by a collection, so on a busy machine the figure still stays put (a sample can only be slowed down).
 */
function captureCostNs(context, scenario) {
  const noop = () => {};
  // Callbacks are kept in a ring so the engine cannot drop their creation as dead code.
  const ring = new Array(1024);
  const time = (count) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) ring[i & 1023] = scenario.createCallback(noop);
    return Number(process.hrtime.bigint() - started) / count;
  };
  return context.requestContext.run({ id: "bench", user: { id: "bench" } }, () => {
    const warm = Math.min(time(500), time(500));
    const count = Math.max(20, Math.min(100_000, Math.round(200_000 / warm)));
    let best = Infinity;
    for (let sample = 0; sample < 40; sample++) best = Math.min(best, time(count));
    return best;
  });
}

/**
 * Starts the demo server of one compiled variant with the given scenarios (default: every scenario that needs no
 * outside service), opening the resources those scenarios hold (pools, an upstream server). Returns
 * { url, close(), modules } where modules are the compiled app and scenario modules (context.requestContext,
 * context.request, scenarios[name].handle…). options: { scenarios, pg } (pg: a PostgreSQL connection string).
 */
export async function startVariantServer(compiledVariant, options = {}) {
  const names = options.scenarios ?? Object.keys(SCENARIOS).filter((name) => !SCENARIOS[name].needs);
  const modules = await importVariant(compiledVariant.dir, names);
  const opened = [];
  const closeScenarios = async () => {
    for (const mod of opened.splice(0).reverse()) await mod.close();
  };
  try {
    for (const mod of Object.values(modules.scenarios)) {
      if (typeof mod.open !== "function") continue;
      await mod.open({ pg: options.pg });
      opened.push(mod);
    }
    const handlers = {};
    for (const [name, mod] of Object.entries(modules.scenarios)) handlers[name] = mod.handle;
    const server = await modules.server.startServer(handlers);
    const close = async () => {
      await server.close();
      await closeScenarios();
    };
    return { url: server.url, close, modules };
  } catch (error) {
    await closeScenarios();
    throw error;
  }
}

/**
 * Runs the demo. Options (all optional): requests (500), concurrency (100), scenarios (names of SCENARIOS),
 * variants (names of VARIANTS), plugin (a Babel plugin path to use instead of unproxy/babel in the plugin variant),
 * pg (PostgreSQL connection string; default postgresUrl()), onRow(row) called as each row is measured,
 * onSkip({ scenario, reason }) when a scenario cannot run here, onStatus(text) for what it is doing meanwhile,
 * onCompiled(compiled) once the sources are compiled.
 * Returns { rows, skipped, compiled } where each row is
 * { scenario, variant, library, requests, ok, leaks, lost, errors, wallMs, cpuUsPerRequest, captureNs,
 * firstLeak?, firstError? } (cpuUsPerRequest: this process's CPU time, client and server, over the requests) and compiled is { [variant]: { files: [{ rel, source, code }] } } (the code the rows ran).
 * Rows come scenario by scenario, each scenario under every variant.
 */
export async function runDemo(options = {}) {
  const requests = options.requests ?? 500;
  const concurrency = options.concurrency ?? 100;
  const variants = options.variants ?? Object.keys(VARIANTS);
  const status = options.onStatus ?? (() => {});
  const skipped = [];
  let scenarios = options.scenarios ?? Object.keys(SCENARIOS);
  for (const name of scenarios) {
    if (!(name in SCENARIOS)) throw new Error(`unknown scenario "${name}" (known: ${Object.keys(SCENARIOS).join(", ")})`);
  }
  let pg;
  if (scenarios.some((name) => SCENARIOS[name].needs === "pg")) {
    status("connecting to PostgreSQL");
    const probe = await probePostgres(options.pg);
    if (probe.ok) {
      pg = probe.url;
    } else {
      for (const name of scenarios.filter((n) => SCENARIOS[n].needs === "pg")) {
        const entry = { scenario: name, reason: probe.reason };
        skipped.push(entry);
        options.onSkip?.(entry);
      }
      scenarios = scenarios.filter((name) => SCENARIOS[name].needs !== "pg");
    }
  }
  status(`compiling ${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"} three ways (Babel)`);
  const build = await compileExamples(variants, { plugin: options.plugin, scenarios });
  options.onCompiled?.(build.variants);
  const rows = [];
  const servers = {};
  try {
    status("starting the servers");
    for (const variant of variants) {
      servers[variant] = await startVariantServer(build.variants[variant], { scenarios, pg });
    }
    for (const scenario of scenarios) {
      for (const variant of variants) {
        status(`measuring ${scenario} / ${VARIANTS[variant].label}`);
        const server = servers[variant];
        const { method } = SCENARIOS[scenario];
        // Warm the JIT and the keep-alive sockets first so the row's figures are not mostly start-up.
        const warmup = Math.min(100, Math.ceil(requests / 4));
        await sendLoad({ baseUrl: server.url, scenario, method, requests: warmup, concurrency });
        const cpu = process.cpuUsage();
        const load = await sendLoad({ baseUrl: server.url, scenario, method, requests, concurrency });
        const { user, system } = process.cpuUsage(cpu);
        const captureNs = captureCostNs(server.modules.context, server.modules.scenarios[scenario]);
        const row = {
          scenario, variant, library: libraryVersion(scenario), ...load,
          cpuUsPerRequest: (user + system) / requests, captureNs,
        };
        rows.push(row);
        options.onRow?.(row);
      }
    }
  } finally {
    for (const server of Object.values(servers)) await server.close();
    build.cleanup();
  }
  return { rows, skipped, compiled: build.variants };
}
