"use strict";
// Compiles a generated program both ways and runs each against the built runtime (dist/cjs), in this process:
//   fallback: no plugin; every marked closure is a captureContext(fn) call served by the runtime's snapshot fallback;
//   plugin:   markers as written, compiled by the plugin (dist/cjs/plugin).
// Both go through the same extra Babel pipeline (modules → CommonJS, sometimes preset-env for old targets), so the
// plugin is the only difference. The observable result is the program's log and, if main() threw, the error.
const path = require("node:path");
const vm = require("node:vm");
const babel = require("@babel/core");
const { printProgram, makePrelude } = require("./print.cjs");

const ROOT = path.resolve(__dirname, "../..");
// UNPROXY_DIST points at another build (e.g. a private one while src is being edited); default: the repo's dist.
const DIST = process.env.UNPROXY_DIST || path.join(ROOT, "dist");
const runtime = require(path.join(DIST, "cjs/runtime/index.js"));
const pluginModule = require(path.join(DIST, "cjs/plugin/index.js"));
const plugin = pluginModule.default || pluginModule;

runtime.configure({ warnings: false }); // the fallback's one-time warning is expected here

/**
 * Pipelines both variants share. "script": CommonJS source with require — the fallback runs it as printed, the plugin
 * variant is the plugin alone. "esm": ES module, plus modules → CommonJS. "env-node6": ES module through preset-env for
 * an old target (arrows, async, block scoping, destructuring, parameters all transformed after the plugin).
 */
const PIPELINES = {
  script: { form: "script", plugins: [], presets: [] },
  esm: { form: "esm", plugins: ["@babel/plugin-transform-modules-commonjs"], presets: [] },
  ts: { form: "script", plugins: [], presets: [["@babel/preset-typescript", { allExtensions: true }]] },
  "env-ie11": { form: "script", plugins: [], presets: [["@babel/preset-env", { targets: { ie: "11" }, modules: false }]] },
  "env-node6": { form: "esm", plugins: [], presets: [["@babel/preset-env", { targets: { node: "6" } }]] },
};

function compile(source, variant, pipeline = "esm", pluginOptions = {}) {
  const p = PIPELINES[pipeline];
  const plugins = variant === "plugin" ? [[plugin, pluginOptions], ...p.plugins] : p.plugins;
  if (!plugins.length && !p.presets.length) return source;
  return babel.transformSync(source, {
    configFile: false,
    babelrc: false,
    sourceType: p.form === "esm" ? "module" : "script",
    filename: `/fuzz/program-${variant}.js`,
    plugins,
    presets: p.presets,
  }).code;
}

// Programs get contexts from a pool keyed by name instead of a new one each: every context is an AsyncLocalStorage,
// and Node keeps each one that ever ran in a process-wide list walked on every promise and timer creation (there is
// no disable() in the public API), so thousands of programs would make each one slower than the last.
const pool = new Map();
const pooledRuntime = {
  ...runtime,
  createContext(name) {
    if (!pool.has(name)) pool.set(name, runtime.createContext(name));
    return pool.get(name);
  },
};
const requireShim = (prelude) => (id) => {
  if (id === "unproxy") return pooledRuntime;
  if (id === "fuzz-prelude") return prelude;
  throw new Error(`fuzz program required ${id}`);
};
const ticks = async (n) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};
const describe = (e) => (e && typeof e === "object" ? `${e.name}: ${e.message}` : `throw ${String(e)}`);

/** Runs CommonJS code; resolves to { out: string[], error: string | null } once main() settled and timers drained. */
async function execute(code, timeoutMs = 10000) {
  const module = { exports: {} };
  const prelude = makePrelude();
  const wrapper = vm.runInThisContext(`(function (exports, require, module) {${code}\n})`, { filename: "fuzz.js" });
  let error = null;
  try {
    wrapper(module.exports, requireShim(prelude), module);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`fuzz program did not settle in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([module.exports.default(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    error = describe(e);
  }
  await ticks(3); // callbacks the program left on timers
  return { out: prelude.out.slice(), error };
}

/**
 * Runs one program both ways. Returns { same, fallback, plugin, sources, compiled } where fallback/plugin are
 * execute() results (or { compileError }).
 */
/**
 * `withoutPlugin: true` compiles the marked source without the plugin (comment markers are then inert): the suite uses
 * it to show the oracle does catch a missing capture.
 */
async function differential(program, { pipeline = "esm", pluginOptions = {}, withoutPlugin = false } = {}) {
  const form = PIPELINES[pipeline].form;
  const sources = { fallback: printProgram(program, "fallback", form), plugin: printProgram(program, "plugin", form) };
  const compiled = {};
  const result = {};
  const runs = [];
  for (const variant of ["fallback", "plugin"]) {
    try {
      const as = withoutPlugin ? "fallback" : variant;
      compiled[variant] = compile(sources[variant], as, pipeline, pluginOptions);
    } catch (e) {
      result[variant] = { compileError: String(e && e.stack ? e.stack : e) };
      continue;
    }
    // Both variants run at the same time: each program's own order of timers and microtasks is unaffected.
    runs.push(execute(compiled[variant]).then((r) => (result[variant] = r)));
  }
  // Idempotence on the way: the plugin run over its own output (plugin alone, "script") must change nothing.
  if (pipeline === "script" && compiled.plugin && !withoutPlugin) {
    const twice = compile(compiled.plugin, "plugin", pipeline, pluginOptions);
    if (twice !== compiled.plugin) result.idempotence = { twice };
  }
  await Promise.all(runs);
  const same = !result.idempotence && JSON.stringify(result.fallback) === JSON.stringify(result.plugin);
  return { same, fallback: result.fallback, plugin: result.plugin, idempotence: result.idempotence, sources, compiled,
    pipeline };
}

/** The reproducer a failure prints: both sources, the plugin's output, both observed outputs. */
function formatReport(r) {
  const show = (x) => (x.compileError ? `COMPILE ERROR\n${x.compileError}` : JSON.stringify(x, null, 1));
  return [
    `pipeline: ${r.pipeline} (helpers imported from "fuzz-prelude": test/fuzz/print.cjs makePrelude)`,
    `---- source (plugin markers) ----`, r.sources.plugin,
    `---- compiled by the plugin ----`, r.compiled.plugin || "(none)",
    `---- output, uncompiled (captureContext fallback) ----`, show(r.fallback),
    `---- output, compiled by the plugin ----`, show(r.plugin),
    ...(r.idempotence ? [`---- NOT IDEMPOTENT: the plugin run over its own output gives ----`, r.idempotence.twice] : []),
  ].join("\n");
}

module.exports = { compile, execute, differential, formatReport, PIPELINES, runtime };
