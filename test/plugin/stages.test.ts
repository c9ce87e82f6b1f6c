// The plugin's stages on their own: analysis returns data and leaves the tree as it was; validation turns that data
// into refusals (thrown, or with markAll reported and skipped) and the closures to compile.
import * as babel from "@babel/core";
import type { NodePath, PluginPass, types as t } from "@babel/core";
import { analyse } from "../../src/plugin/analyse";
import { validateOptions, type Options } from "../../src/plugin/options";
import type { Analysis, Plan } from "../../src/plugin/types";
import { throwRefusal, validate, type RefusalPolicy } from "../../src/plugin/validate";

/** Runs `stage` on the parsed file, inside Babel (so errors get code frames), and returns what it returned. */
function inBabel<T>(code: string, stage: (program: NodePath<t.Program>, file: PluginPass["file"]) => T): T {
  let out: T | undefined;
  babel.transformSync(code, {
    filename: "/project/src/handler.ts",
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript"] },
    plugins: [{ pre(file) { out = stage(file.path as NodePath<t.Program>, file); }, visitor: {} }],
  });
  return out!;
}

const SOURCE = `import { request } from "./context";
let count = 0;
count++;
run(/* @unproxy */ () => [request.id, count]);
run(captureContext(handler));
/** @unproxy */ function declared() { return request.id; }
const stray = /* @unproxy */ 42;
import { captureContext } from "unproxy";
declare function run(f: unknown): void;
declare const handler: () => void;
`;

test("analysis returns plain data and makes no edit (markers stay, calls stay, comments are not consumed)", () => {
  const { before, after, analysis } = inBabel(SOURCE, (program, file) => {
    const before = JSON.stringify(file.ast);
    const analysis = analyse(babel.types, program, validateOptions({}));
    return { before, after: JSON.stringify(file.ast), analysis };
  });
  expect(after).toBe(before);
  expect(analysis.marked.map(({ marker, names }) => ({ marker, names }))).toEqual([{ marker: "comment", names: null }]);
  const [closure] = analysis.closures;
  expect([...closure.free.keys()]).toEqual(["request", "count"]);
  expect(closure.classification).toEqual({
    captured: ["request"],
    live: [{ name: "count", reason: "reassigned" }],
    unfit: [],
  });
  expect(analysis.problems.map(({ key, args }) => [key, args])).toEqual([["E002_FUNCTION_DECLARATION", ["declared"]]]);
  expect(analysis.stray?.carrier?.node.type).toBe("NumericLiteral");
  expect(analysis.leftToRuntime).toHaveLength(1);
  expect(analysis.evals).toEqual([]);
});

function validated(code: string, options: Options, refuse: RefusalPolicy): { analysis: Analysis; plans: Plan[] } {
  return inBabel(code, (program) => {
    const resolved = validateOptions(options);
    const analysis = analyse(babel.types, program, resolved);
    return { analysis, plans: validate(program, analysis, resolved.markAll, refuse) };
  });
}

const IMPORTS = 'import { request } from "./context";\n';

test("validation throws the first refusal, as a coded error with its frame", () => {
  expect(() => validated(SOURCE, {}, throwRefusal)).toThrow(
    expect.objectContaining({ code: "UNPROXY_E002", message: expect.stringContaining("[UNPROXY_E002] ") }),
  );
  expect(() => validated(IMPORTS + "run(/* @unproxy user */ () => request.id);", {}, throwRefusal)).toThrow(
    expect.objectContaining({ code: "UNPROXY_E006" }),
  );
});

test("with markAll, refusals are reported in source order and the refused closures are not planned", () => {
  const refused: string[] = [];
  const code = IMPORTS + [
    "run(/* @unproxy */ /* @unproxy */ () => request.id);",
    "run(/* @unproxy user */ () => request.id);",
    "run(() => request.id);",
  ].join("\n");
  const { plans } = validated(code, { markAll: true }, (error) => refused.push(error.code));
  expect(refused).toEqual(["UNPROXY_E008", "UNPROXY_E006"]);
  expect(plans.map(({ item, captured }) => [item.marker, captured])).toEqual([["all", ["request"]]]);
});

test("a direct eval refuses the whole file: nothing is planned", () => {
  const refused: string[] = [];
  const { analysis, plans } = validated(IMPORTS + 'run(() => request.id);\neval("1");', { markAll: true }, (error) =>
    refused.push(error.code));
  expect(analysis.closures).toHaveLength(1);
  expect(refused).toEqual(["UNPROXY_E004"]);
  expect(plans).toEqual([]);
});
