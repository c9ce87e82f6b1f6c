// The analysis walks bare nodes and builds paths only where it needs scope data (src/plugin/node-walk.ts). These tests
// show, on every fixture input and on generated programs (their marked source, their captureContext() source and the
// plugin's own output, for a second pass), that this gives exactly what a path traversal gives: the marker scan's
// result from its candidates equals its result from every function, call and `with` of the file, and each function's
// free names from nodes equal its free names from a traversal (same names, order, bindings and writes).
import * as babel from "@babel/core";
import type { NodePath, types as t } from "@babel/core";
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { freeVariables } from "../../src/plugin/free-variables";
import { markerCandidates } from "../../src/plugin/marker-walk";
import { isMarkerComment, scan, scanPaths } from "../../src/plugin/markers";
import { PathFinder, type Step, walkDescendants } from "../../src/plugin/node-walk";
import type { ClosurePath, FreeName, MarkerScan } from "../../src/plugin/types";
import plugin from "../../src/plugin/index";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { programArb } = require("../fuzz/arbitrary.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { printProgram } = require("../fuzz/print.cjs");

const FIXTURES = path.resolve(__dirname, "../../fixtures");
const RUNTIMES = ["unproxy", "@acme/context"];

function fixtureInputs(dir = FIXTURES): { name: string; code: string; filename: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return fixtureInputs(full);
    if (!/^input\.(ts|tsx|js)$/.test(entry.name)) return [];
    return [{ name: path.relative(FIXTURES, full), code: fs.readFileSync(full, "utf8"), filename: full }];
  });
}

function generatedPrograms(): { name: string; code: string; filename: string }[] {
  const samples: { program: unknown }[] = fc.sample(programArb, { seed: 20261204, numRuns: 40 });
  return samples.flatMap(({ program }, i) =>
    (["plugin", "fallback"] as const).flatMap((variant) =>
      (["esm", "script"] as const).map((form) => ({
        name: `generated ${i} ${variant} ${form}`,
        code: printProgram(program, variant, form),
        filename: `/generated/${i}-${variant}.${form === "esm" ? "mjs" : "cjs"}`,
      }))));
}

/** The plugin's output for an input (what a second pass sees), or undefined when the plugin refuses it. */
function compiled(input: { code: string; filename: string }, markAll: boolean): string | undefined {
  try {
    return babel.transformSync(input.code, {
      filename: input.filename,
      configFile: false,
      babelrc: false,
      sourceType: "unambiguous",
      parserOpts: { plugins: input.filename.endsWith(".js") ? ["jsx"] : ["typescript", "jsx"] },
      plugins: [[plugin, { markAll }]],
    })?.code ?? undefined;
  } catch {
    return undefined;
  }
}

/** Runs `check` in the pre() of a Babel transform of `code`, with the program's path. */
function inBabel(code: string, filename: string, check: (program: NodePath<t.Program>) => void): void {
  babel.transformSync(code, {
    filename,
    configFile: false,
    babelrc: false,
    sourceType: "unambiguous",
    parserOpts: { plugins: filename.endsWith(".js") || /\.[cm]js$/.test(filename) ? ["jsx"] : ["typescript", "jsx"] },
    plugins: [{ pre(file) { check(file.path as NodePath<t.Program>); }, visitor: {} }],
  });
}

/** Every path the scan's visitor used to see: functions, calls and `with` statements, in traversal order. */
function everyScanPath(program: NodePath<t.Program>): NodePath[] {
  const paths: NodePath[] = [];
  program.traverse({
    "Function|CallExpression|WithStatement"(path: NodePath) {
      paths.push(path);
    },
  });
  return paths;
}

/** Numbers objects by identity, so results compare by which node, path or binding they hold, not by shape. */
function identities(): (value: object | null | undefined) => number | undefined {
  const ids = new Map<object, number>();
  return (value) => {
    if (value == null) return undefined;
    if (!ids.has(value)) ids.set(value, ids.size);
    return ids.get(value);
  };
}

/** A scan result as comparable data: nodes, paths and comments by identity. */
function summary(found: MarkerScan, id: (value: object | null | undefined) => number | undefined): unknown {
  return {
    marked: found.marked.map(({ fn, marker, names, call, comments }) =>
      ({ fn: id(fn), marker, names, call: id(call), comments: comments.map(id) })),
    problems: found.problems.map(({ key, args, at, fn }) => ({ key, args, at: id(at), fn: id(fn) })),
    stray: found.stray && { carrier: id(found.stray.carrier), loc: found.stray.loc },
    evals: found.evals.map(id),
    withs: found.withs.map(id),
    leftToRuntime: found.leftToRuntime.map(id),
  };
}

function freeSummary(free: Map<string, FreeName>, id: (value: object | null | undefined) => number | undefined): unknown {
  return [...free.values()].map(({ name, binding, written }) => ({ name, binding: id(binding), written }));
}

function parses(input: { code: string; filename: string }): boolean {
  try {
    inBabel(input.code, input.filename, () => {});
    return true;
  } catch {
    return false; // the fixture of Babel's own parse error
  }
}

// Shapes where a name's scope is easy to get wrong: shadowing in nested scopes and default parameters, type-only
// positions (annotations, `typeof x` types, `as`, generics, an enum and a namespace-like declare), JSX, computed keys,
// labels, catch clauses, `arguments`, writes through type wrappers, and a constructor parameter property.
const TRICKY = `import { request, other } from "./context";
declare const g: number;
let outer = 1, shadowed = 2;
const a = /* @unproxy */ (x = shadowed, { y } = request, ...rest: string[]) => {
  var shadowed = 3;
  const r: typeof request = request as typeof other;
  enum E { A = outer }
  label: for (const k of [x, y, rest]) { if (k) break label; }
  try { other.run<typeof outer>(E.A); } catch (request) { return request; }
  class C { [outer]() { return shadowed; } constructor(private p: number, q = other) { (q as any) = p; } }
  const f = function inner(this: any, z: number) { return [arguments[0], inner, z, this, g, <request.Comp />, <div />]; };
  outer!++;
  (shadowed as number) = 4;
  return () => { let other = 1; return other + shadowed + outer; };
};
const b = /* @unproxy */ function (...args: unknown[]) { return [args, arguments, b, (0, other)(request)]; };
`;

const inputs = [
  { name: "tricky scopes", code: TRICKY, filename: "/tricky.tsx" },
  ...fixtureInputs(),
  ...generatedPrograms(),
].filter(parses);
const corpus = [
  ...inputs,
  ...inputs.flatMap((input) => [false, true].flatMap((markAll) => {
    const code = compiled(input, markAll);
    return code === undefined ? [] : [{ ...input, name: `${input.name} compiled (markAll ${markAll})`, code }];
  })).filter(parses), // Babel prints some TypeScript it cannot parse back (`(x as T)++` as `x as T++`)
];

test("the corpus holds fixtures, generated programs and the plugin's own output", () => {
  expect(inputs.length).toBeGreaterThan(250);
  expect(corpus.length).toBeGreaterThan(inputs.length * 2);
});

test.each(corpus.map((input) => [input.name, input] as const))(
  "%s: the scan from candidates equals the scan of every path, free names from nodes equal a traversal's",
  (_name, input) => {
    inBabel(input.code, input.filename, (program) => {
      for (const markAll of [false, true]) {
        for (const runtime of [RUNTIMES[0], RUNTIMES]) {
          const fromCandidates = scan(babel.types, program, runtime, markAll);
          const fromEveryPath = scanPaths(program, runtime, markAll, everyScanPath(program));
          const id = identities();
          expect(summary(fromCandidates, id)).toEqual(summary(fromEveryPath, id));
        }
      }
      program.traverse({
        Function(fn: NodePath<t.Function>) {
          const closure = fn as unknown as ClosurePath;
          const id = identities();
          expect(freeSummary(freeVariables(closure, babel.types), id)).toEqual(freeSummary(freeVariables(closure), id));
        },
      });
    });
  },
);

test("a runtime name bound after the call that uses it is still found (the walk runs again knowing it)", () => {
  const code = `function later() { return cc(/* note */ () => request.id); }
const { captureContext: cc } = require("unproxy");
const request = {};`;
  inBabel(code, "/late.cjs", (program) => {
    const calls = markerCandidates(babel.types, program, "unproxy", false, isMarkerComment, () => {})
      .filter((p) => p.isCallExpression());
    // `require(…)` names no runtime binding; `cc` is one, bound by the declarator after the call.
    expect(calls.map((p) => ((p.node as t.CallExpression).callee as t.Identifier).name)).toEqual(["cc"]);
    expect(scan(babel.types, program, "unproxy", false).marked).toHaveLength(1);
  });
});

test("a path built from the walk's steps is Babel's own path for that node, with its scope", () => {
  const code = `const a = [1, () => { let x = 2; return [x, (y) => y]; }];`;
  inBabel(code, "/steps.js", (program) => {
    const finder = new PathFinder(program);
    const seen: NodePath[] = [];
    walkDescendants(babel.types.VISITOR_KEYS, program.node, (node, steps: readonly Step[], depth) => {
      const built = finder.pathAt(steps, depth);
      expect(built.node).toBe(node);
      seen.push(built);
    });
    const traversed: NodePath[] = [];
    program.traverse({ enter(p) { traversed.push(p); } });
    expect(seen.length).toBe(traversed.length);
    expect(seen.every((p, i) => p === traversed[i] && p.scope === traversed[i].scope)).toBe(true);
  });
});
