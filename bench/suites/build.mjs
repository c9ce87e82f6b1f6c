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

function transformAll(files, plugin, repeat = 1) {
  let bytes = 0; // output size goes to the result, so the transforms are observably used
  for (let r = 0; r < repeat; r++) {
    for (const file of files) bytes += babel.transformSync(file.code, options(file, plugin)).code.length;
  }
  return bytes;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Interleaves rounds (ABBA order: without/with, then with/without) so drift — thermal, other processes,
 * JIT warm-up — falls on both variants alike; the overhead is the median of the per-round ratios.
 * Times are the process's CPU time (user + system, all threads, so GC helpers count), not wall time: the
 * machine is shared, and CPU time does not grow when another process takes the core. Wall medians are kept too.
 */
function timeInterleaved(files, plugin, rounds, repeat) {
  const cpu = { without: [], with: [] };
  const wall = { without: [], with: [] };
  const ratios = [];
  let outputBytes = 0;
  const once = (p) => {
    const c0 = cpuMs();
    const t0 = performance.now();
    outputBytes += transformAll(files, p, repeat);
    return { wall: performance.now() - t0, cpu: cpuMs() - c0 };
  };
  once(null); // warm-up of both variants, not recorded
  once(plugin);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ["with", "without"] : ["without", "with"];
    const t = {};
    for (const k of order) t[k] = once(k === "with" ? plugin : null);
    for (const k of order) {
      cpu[k].push(t[k].cpu);
      wall[k].push(t[k].wall);
    }
    ratios.push(t.with.cpu / t.without.cpu);
  }
  return {
    medianMs: { without: median(cpu.without), with: median(cpu.with) },
    medianWallMs: { without: median(wall.without), with: median(wall.with) },
    overhead: median(ratios) - 1,
    rounds: { cpuMs: cpu, wallMs: wall, ratios },
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

export function runBuild({ quick }) {
  const notes = [];
  const loaded = loadPlugin();
  if (loaded.error) return { error: loaded.error, notes };
  const corpus = realCorpus(quick ? 150_000 : Infinity);
  const files = usable(corpus.files, loaded.plugin, notes);
  const dense = denseFile();
  const real = timeInterleaved(files, loaded.plugin, quick ? 2 : 7, 1);
  const denseTimes = timeInterleaved([dense], loaded.plugin, quick ? 3 : 11, quick ? 1 : 4);
  return {
    notes,
    presets: "preset-typescript (allowDeclareFields) + preset-env (targets node 20)",
    real: { ...real, files: files.length, bytes: files.reduce((n, f) => n + f.code.length, 0), packages: corpus.packages },
    dense: { ...denseTimes, bytes: dense.code.length, closures: (dense.code.match(/@unproxy/g) || []).length },
  };
}

/** One fresh process per variant: peak RSS of the whole process and peak heap growth while transforming. */
export function runBuildMemory({ quick, variant, input }) {
  const loaded = variant === "with" ? loadPlugin() : { plugin: null };
  if (loaded.error) return { error: loaded.error };
  const files = input === "dense" ? [denseFile()] : realCorpus(quick ? 150_000 : Infinity).files;
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const passes = input === "dense" ? 5 : 2;
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
