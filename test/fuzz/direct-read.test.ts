// Direct-read fuzz (issue 13): the plugin's fast paths — unproxyFrom(p, C) for a proven `const p = contextProxy(C)`,
// `unproxyOr(p, _v = unproxyValueOf(C))` for several proxies of one context, `unproxyIn(_s = unproxyScope(), x)` for
// several other module-level names — must mean exactly what unproxy() means. Each random program (direct-read.cjs) is
// compiled once and run twice: against the real runtime and against a reference runtime whose fast paths are their
// generic definitions (direct-read-run.cjs). Both must print the same: values and identities, thrown errors' name,
// code and message, and every getter and tryGet call in order. UNPROXY_DIRECT_RUNS widens the run (programs; module
// graphs are a 25th).
import fc from "fast-check";
import path from "node:path";
import plugin from "../../src/plugin/index";
import * as runtime from "../../src/runtime/index";
import { assertBuilt, runEsModules } from "../lib/es-modules";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { programArb, graphArb } = require("./direct-read.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const run = require("./direct-read-run.cjs");

const SEED = Number(process.env.UNPROXY_DIRECT_SEED ?? 20261205);
const RUNS = Number(process.env.UNPROXY_DIRECT_RUNS ?? 500);
const GRAPHS = Math.max(8, Math.round(RUNS / 25));
const root = path.resolve(__dirname, "../..");

runtime.configure({ warnings: false });
const reference = run.referenceRuntime(runtime);
afterAll(() => run.removeReferencePackage());

interface Stats {
  programs: number;
  refused: Map<string, number>;
  withFastPath: number;
  kinds: { from: number; valueOf: number; in: number };
}

const newStats = (): Stats => ({ programs: 0, refused: new Map(), withFastPath: 0, kinds: { from: 0, valueOf: 0, in: 0 } });

/** Counts the fast paths in one compiled program. */
function count(stats: Stats, code: string): void {
  const found = run.fastPaths(code);
  stats.programs++;
  if (found.from + found.valueOf + found.in > 0) stats.withFastPath++;
  for (const kind of ["from", "valueOf", "in"] as const) if (found[kind] > 0) stats.kinds[kind]++;
}

/** The plugin's output, or null when it refuses the program with a coded error (counted by code); a crash throws. */
function compileOrRefuse(stats: Stats, source: string, file: string, options: object, extra: unknown[] = []) {
  try {
    return run.compile(plugin, source, file, options, extra) as string;
  } catch (error) {
    const code = /\[(UNPROXY_E\d+)\]/.exec(String((error as Error).message))?.[1];
    if (code === undefined) {
      throw new Error(`the plugin crashed (options ${JSON.stringify(options)}):\n${(error as Error).message}\n${source}`);
    }
    stats.refused.set(code, (stats.refused.get(code) ?? 0) + 1);
    return null;
  }
}

function divergence(what: string, source: string, compiled: string, real: string, ref: string): Error {
  return new Error(
    [
      `${what}: the real runtime and the reference (generic fast paths) print differently (seed ${SEED})`,
      `---- source ----`, source,
      `---- compiled by the plugin ----`, compiled,
      `---- real runtime ----`, real,
      `---- reference runtime ----`, ref,
    ].join("\n"),
  );
}

function figures(stats: Stats): string {
  const share = (n: number) => `${n}/${stats.programs} (${Math.round((100 * n) / Math.max(1, stats.programs))}%)`;
  return (
    `${stats.programs} compiled; with a fast path ${share(stats.withFastPath)}: unproxyFrom ${share(stats.kinds.from)}, ` +
    `unproxyValueOf ${share(stats.kinds.valueOf)}, unproxyIn ${share(stats.kinds.in)}; refused ` +
    `${JSON.stringify(Object.fromEntries(stats.refused))}`
  );
}

/** The fast paths must actually be there: a fuzzer whose programs never reach them proves nothing. */
function expectExercised(stats: Stats): void {
  const refused = [...stats.refused.values()].reduce((a, b) => a + b, 0);
  expect(refused).toBeLessThan((stats.programs + refused) / 4);
  expect(stats.withFastPath / stats.programs).toBeGreaterThan(0.6);
  expect(stats.kinds.from / stats.programs).toBeGreaterThan(0.3);
  expect(stats.kinds.valueOf / stats.programs).toBeGreaterThan(0.1);
  expect(stats.kinds.in / stats.programs).toBeGreaterThan(0.1);
}

test(`single-module programs print the same on the real and the reference runtime (${RUNS} programs)`, async () => {
  const stats = newStats();
  await fc.assert(
    fc.asyncProperty(programArb(), async ({ source, options }: { source: string; options: object }) => {
      const compiled = compileOrRefuse(stats, source, "/fuzz/program.mjs", options);
      if (compiled === null) return;
      count(stats, compiled);
      const code = run.toCommonJs(compiled);
      const real = await run.executeInProcess(code, runtime);
      const ref = await run.executeInProcess(code, reference);
      if (real !== ref) throw divergence("program", source, compiled, real, ref);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  console.log(`direct-read fuzz, programs: ${figures(stats)}`);
  expectExercised(stats);
}, 240_000);

/** First line of an uncaught error, without the temp directories' names. */
function outcome(result: { status: number | null; stdout: string; stderr: string }): string {
  const error = /^\w*Error\b.*$/m.exec(result.stderr)?.[0] ?? result.stderr.split("\n")[0];
  return result.status === 0 ? result.stdout : `exit ${result.status}: ${error}\n${result.stdout}`;
}

test(`module graphs (imported contexts, live bindings, import cycles) print the same (${GRAPHS} graphs)`, () => {
  assertBuilt();
  // Graphs run on the built runtime, the single-module programs on src: a stale build would diverge for that alone.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dist = require(path.join(root, "dist/cjs/runtime/index.js"));
  const missing = Object.keys(runtime).filter((name) => !(name in dist));
  if (missing.length > 0) throw new Error(`dist lacks ${missing.join(", ")}: run \`npm run build\``);
  const referenceDir = run.referencePackage(root);
  const stats = newStats();
  fc.assert(
    fc.property(graphArb(), ({ modules, options }: { modules: Record<string, string>; options: object }) => {
      const compiled: Record<string, string> = { "prelude.mjs": run.PRELUDE_MODULE };
      for (const [file, source] of Object.entries(modules)) {
        const output = compileOrRefuse(stats, source, `/fuzz/${file}`, options);
        if (output === null) return;
        compiled[file] = output;
      }
      const all = Object.values(compiled).join("\n");
      count(stats, all);
      const real = outcome(runEsModules(compiled, false));
      const ref = outcome(runEsModules(compiled, false, referenceDir));
      if (real !== ref) {
        // prelude.mjs is the same in every graph: direct-read-run.cjs, makePrelude.
        const text = (files: Record<string, string>) =>
          Object.entries(files).filter(([f]) => f !== "prelude.mjs").map(([f, c]) => `//// ${f}\n${c}`).join("\n");
        throw divergence("module graph", text(modules), text(compiled), real, ref);
      }
    }),
    { seed: SEED, numRuns: GRAPHS },
  );
  console.log(`direct-read fuzz, module graphs: ${figures(stats)}`);
  expect(stats.withFastPath / stats.programs).toBeGreaterThan(0.6);
}, 240_000);

test("the oracle sees a wrong proof (every read turned into unproxyFrom(x, C1))", async () => {
  const stats = newStats();
  let diverging = 0;
  const samples = fc.sample(programArb(), { seed: SEED, numRuns: 60 }) as { source: string; options: object }[];
  for (const { source, options } of samples) {
    const compiled = compileOrRefuse(stats, source, "/fuzz/program.mjs", options, [run.wrongProofPlugin]);
    if (compiled === null) continue;
    const code = run.toCommonJs(compiled);
    if ((await run.executeInProcess(code, runtime)) !== (await run.executeInProcess(code, reference))) diverging++;
  }
  console.log(`direct-read fuzz, wrong proof: ${diverging} of ${samples.length} programs diverge`);
  expect(diverging).toBeGreaterThan(samples.length / 4);
}, 120_000);
