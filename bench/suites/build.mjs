// Build cost: Babel transform time with and without the plugin, same presets, on real marker-free code and
// on a marker-dense file; peak memory measured in one fresh child process per variant.
import { createRequire } from "node:module";
import { loadPlugin } from "../lib/compile-sources.mjs";
import { denseFile, realCorpus } from "../lib/corpus.mjs";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const presets = [
  // allowDeclareFields: the corpus has `declare` class fields (Babel 8's default behaviour).
  [require.resolve("@babel/preset-typescript"), { allowDeclareFields: true }],
  // A modern target keeps the presets' own work small, which makes the plugin's share look larger, not smaller.
  [require.resolve("@babel/preset-env"), { targets: { node: "20" } }],
];

function options(file, plugin) {
  return {
    filename: file.filename,
    configFile: false,
    babelrc: false,
    sourceType: "unambiguous",
    inputSourceMap: false,
    sourceMaps: false,
    presets,
    plugins: plugin ? [plugin] : [],
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// A plugin that does nothing: what Babel itself charges for one more plugin with a Program visitor. Its measured
// "overhead" is the noise floor of the run (and Babel's fixed cost), against which the plugin's figure is read.
const noopPlugin = () => ({ name: "bench-noop", visitor: { Program() {} } });
const VARIANTS = ["without", "noop", "with"];

/**
 * The variants run interleaved file by file (rotating which goes first), round after round; a round is one pass over
 * the input per variant. The machine is shared and often oversubscribed, so the headline is the process's CPU time
 * (user + system, all threads: GC helpers count) rather than wall time, which also counts time spent waiting for a
 * core: overhead = median over rounds of CPU(with) / CPU(without) − 1, with the rounds' min and max as its spread.
 * Wall-time figures (per-round median, and each file's fastest run) are kept as cross-checks.
 */
function timeInterleaved(files, plugin, rounds, repeat) {
  const pluginOf = { without: null, noop: noopPlugin, with: plugin };
  const best = Object.fromEntries(VARIANTS.map((v) => [v, files.map(() => Infinity)]));
  const wall = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const cpu = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  let outputBytes = 0;
  let k = 0;
  for (let r = -1; r < rounds; r++) {
    const acc = Object.fromEntries(VARIANTS.map((v) => [v, { wall: 0, cpu: 0 }]));
    for (let i = 0; i < repeat; i++) {
      files.forEach((file, f) => {
        const rot = k++ % VARIANTS.length;
        for (const v of [...VARIANTS.slice(rot), ...VARIANTS.slice(0, rot)]) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          outputBytes += babel.transformSync(file.code, options(file, pluginOf[v])).code.length;
          const t = performance.now() - t0;
          const c = process.cpuUsage(c0);
          acc[v].wall += t;
          acc[v].cpu += (c.user + c.system) / 1000;
          if (r >= 0) best[v][f] = Math.min(best[v][f], t); // round -1 only warms every variant up
        }
      });
    }
    if (r < 0) continue;
    for (const v of VARIANTS) {
      wall[v].push(acc[v].wall / repeat);
      cpu[v].push(acc[v].cpu / repeat);
    }
  }
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const ratios = (series, v) => series[v].map((x, i) => x / series.without[i] - 1);
  const fastest = Object.fromEntries(VARIANTS.map((v) => [v, sum(best[v])]));
  return {
    cpuMs: Object.fromEntries(VARIANTS.map((v) => [v, median(cpu[v])])),
    overhead: median(ratios(cpu, "with")),
    overheadRange: [Math.min(...ratios(cpu, "with")), Math.max(...ratios(cpu, "with"))],
    noopOverhead: median(ratios(cpu, "noop")),
    wallOverhead: median(ratios(wall, "with")),
    fastestWallMs: fastest,
    fastestWallOverhead: fastest.with / fastest.without - 1,
    rounds: { wallMs: wall, cpuMs: cpu },
    outputBytes,
  };
}

/** Drops corpus files Babel cannot compile even without the plugin; a failure only with it is reported. */
function usable(files, plugin, notes) {
  return files.filter((file) => {
    try {
      babel.transformSync(file.code, options(file, null));
    } catch (error) {
      notes.push(`corpus: skipped ${file.name} (Babel alone fails: ${error.message.split("\n")[0].slice(0, 80)})`);
      return false;
    }
    try {
      babel.transformSync(file.code, options(file, plugin));
    } catch (error) {
      notes.push(`PLUGIN FAILS on ${file.name}: ${error.message.split("\n")[0]}`);
      return false;
    }
    return true;
  });
}

/** CPU milliseconds (user + system, all threads) since `from`, a process.cpuUsage() reading. */
const cpuSince = (from) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/**
 * The plugin's own share: the same transforms with the plugin's hooks and visitor functions wrapped in a clock. It
 * leaves out what Babel charges for any extra plugin (the no-op variant estimates that). CPU time, like the overhead
 * figures: on a shared machine wall time also counts the waits for a core, which inflates both sides unevenly.
 */
function ownTime(files, plugin, repeat) {
  let inside = 0;
  const clocked = (fn) =>
    function (...args) {
      const c0 = process.cpuUsage();
      try {
        return fn.apply(this, args);
      } finally {
        inside += cpuSince(c0);
      }
    };
  const wrapped = (api, opts, dirname) => {
    const instance = plugin(api, opts, dirname);
    const visitor = {};
    for (const [key, value] of Object.entries(instance.visitor ?? {})) {
      visitor[key] =
        typeof value === "function"
          ? clocked(value)
          : Object.fromEntries(Object.entries(value).map(([k, f]) => [k, typeof f === "function" ? clocked(f) : f]));
    }
    const extra = {};
    for (const hook of ["pre", "post"]) if (instance[hook]) extra[hook] = clocked(instance[hook]);
    return { ...instance, ...extra, visitor };
  };
  let total = 0;
  for (let i = 0; i < repeat; i++) {
    for (const file of files) {
      const c0 = process.cpuUsage();
      babel.transformSync(file.code, options(file, wrapped));
      total += cpuSince(c0);
    }
  }
  return { insideMs: inside / repeat, totalMs: total / repeat, share: inside / (total - inside) };
}

export function runBuild({ quick }) {
  const notes = [];
  const loaded = loadPlugin();
  if (loaded.error) return { error: loaded.error, notes };
  const corpus = realCorpus(quick ? 100_000 : Infinity);
  const files = usable(corpus.files, loaded.plugin, notes);
  const dense = denseFile();
  const real = timeInterleaved(files, loaded.plugin, quick ? 2 : 10, 1);
  const denseRepeat = quick ? 2 : 5;
  const denseTimes = timeInterleaved([dense], loaded.plugin, quick ? 2 : 6, denseRepeat);
  real.own = ownTime(files, loaded.plugin, quick ? 1 : 2);
  denseTimes.own = ownTime([dense], loaded.plugin, quick ? 1 : 5);
  return {
    notes,
    presets: "preset-typescript (allowDeclareFields) + preset-env (targets node 20)",
    real: { ...real, files: files.length, bytes: files.reduce((n, f) => n + f.code.length, 0), packages: corpus.packages },
    dense: { ...denseTimes, repeat: denseRepeat, bytes: dense.code.length, closures: dense.code.split("@unproxy").length - 1 },
  };
}

/** One fresh process per variant: peak RSS of the whole process and peak heap growth while transforming. */
export function runBuildMemory({ quick, variant, input }) {
  const loaded = variant === "with" ? loadPlugin() : { plugin: null };
  if (loaded.error) return { error: loaded.error };
  const files = input === "dense" ? [denseFile()] : realCorpus(quick ? 100_000 : Infinity).files;
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const passes = (input === "dense" ? 5 : 2) - (quick ? 1 : 0);
  for (let p = 0; p < passes; p++) {
    for (const file of files) {
      try {
        babel.transformSync(file.code, options(file, loaded.plugin));
      } catch {
        // files Babel cannot compile are excluded from timing too (see usable())
      }
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
  }
  return {
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    heapPeakDeltaMB: (heapPeak - heapBefore) / 2 ** 20,
  };
}
