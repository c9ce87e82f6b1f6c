// Meaning-preservation fuzz (see meaning.cjs): with every context bound to one value throughout, a marked closure must
// do exactly what it does unmarked. Each random program is run as written and as compiled by the plugin; the printed
// results, including every property read a user's Proxy saw, must be equal. UNPROXY_MEANING_RUNS widens the run.
import * as babel from "@babel/core";
import fc from "fast-check";
import vm from "node:vm";
import plugin from "../../src/plugin/index";
import { assertBuilt, runEsModules } from "../lib/es-modules";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { programArb, modulesArb } = require("./meaning.cjs");

const SEED = 20261204;
const RUNS = Number(process.env.UNPROXY_MEANING_RUNS ?? 150);

function compile(code: string, kind: string, withPlugin: boolean): string {
  const ts = kind === "ts";
  return babel.transformSync(code, {
    filename: ts ? "program.ts" : "program.js",
    configFile: false,
    babelrc: false,
    sourceType: ts ? "module" : "script",
    presets: ts ? ["@babel/preset-typescript"] : [],
    plugins: [...(withPlugin ? [plugin] : []), ...(ts ? ["@babel/plugin-transform-modules-commonjs"] : [])],
  })!.code!;
}

/** Runs CommonJS or script code in a fresh context; returns what it printed, or the error it threw. */
function execute(code: string): string {
  const printed: string[] = [];
  const sandbox = { console: { log: (line: string) => printed.push(line) }, require, module: { exports: {} } };
  try {
    vm.runInNewContext(`(function (exports) {\n${code}\n})(module.exports);`, sandbox, { timeout: 2000 });
  } catch (error) {
    printed.push(`threw ${(error as Error).constructor?.name}: ${(error as Error).message}`);
  }
  return printed.join("\n");
}

function runModules(modules: Record<string, string>, withPlugin: boolean): string {
  const result = runEsModules(modules, withPlugin);
  return result.status === 0 ? result.stdout : `exit ${result.status}: ${result.stderr.split("\n")[0]}`;
}

describe.each(["js", "sloppy", "ts"])("%s programs", (kind) => {
  test(`compiled and original print the same (${RUNS} programs, seed ${SEED})`, () => {
    let rewritten = 0;
    fc.assert(
      fc.property(programArb(kind), ({ code }: { code: string }) => {
        const compiled = compile(code, kind, true);
        if (compiled.includes("_unproxy")) rewritten++;
        const original = execute(compile(code, kind, false));
        expect({ code, result: execute(compiled) }).toEqual({ code, result: original });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(rewritten).toBeGreaterThan(RUNS / 2); // the programs do exercise the rewrite
  });
});

test("modules: re-exports, live exports and import cycles print the same compiled", () => {
  assertBuilt();
  fc.assert(
    fc.property(modulesArb(), ({ modules }: { modules: Record<string, string> }) => {
      expect(runModules(modules, true)).toBe(runModules(modules, false));
    }),
    { seed: SEED, numRuns: 8 },
  );
}, 60_000);
