// Every plugin error carries its code as a property (`error.code === "UNPROXY_E004"`), as Babel's parser errors do,
// besides the `[UNPROXY_E004]` at the start of its message; Babel keeps the property when it prefixes the file name.
import * as babel from "@babel/core";
import plugin from "../../src/plugin/index";
import { messages } from "../../src/plugin/messages";
import type { Options } from "../../src/plugin/index";

const imports = 'import { request } from "./context";\n';

/** One input per catalogued error, in the order of the catalogue. */
const cases: Record<string, { code: string; script?: boolean; plugins?: babel.PluginItem[]; options?: Options }> = {
  UNPROXY_E001: { code: "run(() => 1 /* @unproxy */);" },
  UNPROXY_E002: { code: imports + "/* @unproxy */ function handler() { return request.id; }" },
  UNPROXY_E003: { code: imports + "const o = { /* @unproxy */ handler() { return request.id; } };" },
  UNPROXY_E004: { code: imports + 'run(/* @unproxy */ () => eval("request"));' },
  UNPROXY_E005: { code: "var request = make();\nwith (scope) { run(/* @unproxy */ () => request.id); }", script: true },
  UNPROXY_E006: { code: imports + "run(/* @unproxy user */ () => request.id);" },
  UNPROXY_E007: { code: imports + "run(/* @unproxy request.id */ () => request.id);" },
  UNPROXY_E008: { code: imports + "run(/* @unproxy */ /* @unproxy */ () => request.id);" },
  UNPROXY_E009: {
    code: 'import { captureContext } from "#unproxy";\nrun(captureContext(() => 1));',
    plugins: [["module-resolver", { alias: { "#unproxy": "unproxy" } }]],
  },
  UNPROXY_E010: { code: imports + "export function f(k, on = { [k]: /* @unproxy */ () => request.id }) { return on; }" },
  UNPROXY_E011: { code: "x;", options: { captur: "known" } as Options },
  UNPROXY_E012: { code: "x;", options: { capture: "all" } as unknown as Options },
};

// Option errors are thrown when Babel loads the plugin, with "unproxy: " before the code (Babel adds "[BABEL] file: ").
const OPTION_ERRORS = ["UNPROXY_E011", "UNPROXY_E012"];

function compile(code: string, script = false, options: Options = {}, plugins: babel.PluginItem[] = []) {
  return babel.transformSync(code, {
    filename: "/project/src/handler.ts",
    configFile: false,
    babelrc: false,
    sourceType: script ? "script" : "module",
    parserOpts: { plugins: ["typescript"] },
    plugins: [[plugin, options], ...plugins],
  });
}

const catalogued = Object.keys(messages)
  .filter((key) => /^E\d+_/.test(key))
  .map((key) => `UNPROXY_${key.slice(0, key.indexOf("_"))}`);

test("every catalogued plugin error has a case here", () => {
  expect(Object.keys(cases)).toEqual(catalogued);
});

test.each(catalogued)("%s is thrown with its code as a property", (code) => {
  const { code: input, script, plugins, options } = cases[code];
  let thrown: (Error & { code?: unknown }) | undefined;
  try {
    compile(input, script, options, plugins);
  } catch (error) {
    thrown = error as Error & { code?: unknown };
  }
  expect(thrown).toBeDefined();
  expect(thrown!.code).toBe(code);
  const where = OPTION_ERRORS.includes(code) ? "/project/src/handler.ts: unproxy: " : "/project/src/handler.ts: ";
  expect(thrown!.message).toContain(`${where}[${code}] `);
});

// A stray marker (E001) marks nothing, so markAll, which marks every function itself, does not look for strays. An
// alias of the runtime (E009) and the option errors are mistakes in the config, not closures markAll could skip.
const refusals = catalogued.filter((code) => !["UNPROXY_E001", "UNPROXY_E009", ...OPTION_ERRORS].includes(code));

test.each(refusals)("markAll skips %s instead of throwing, and reports it through onReport", (code) => {
  const { code: input, script } = cases[code];
  const reports: NonNullable<Options["onReport"]> extends (entry: infer E) => void ? E[] : never = [];
  const result = compile(input, script, { markAll: true, onReport: (entry) => reports.push(entry) });
  expect(result?.code).toBeDefined();
  const refused = reports.filter((entry) => entry.refused);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatchObject({ file: "/project/src/handler.ts", captured: [], live: [], marker: "all" });
  expect(refused[0].refused!.code).toBe(code);
  expect(refused[0].refused!.message.startsWith(`[${code}] `)).toBe(true);
});
