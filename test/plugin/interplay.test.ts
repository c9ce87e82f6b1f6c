// The plugin among other plugins of one Babel config, in either order: coverage instrumentation (istanbul), module
// aliases (module-resolver), transforms that rewrite functions (preset-env for ES5, react-refresh). Each program runs
// for real against the built runtime.
import * as babel from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { SourceMapConsumer } from "source-map";
import plugin from "../../src/plugin/index";
import type { Options } from "../../src/plugin/index";

const root = path.resolve(__dirname, "../..");
const filename = path.join(root, "test/plugin/interplay-input.ts");
type PluginItem = babel.PluginItem;

beforeAll(() => {
  if (!fs.existsSync(path.join(root, "dist/cjs/runtime/index.js"))) throw new Error("run `npm run build` first");
});

function compile(code: string, before: PluginItem[], after: PluginItem[], options: Options = {}, extra: babel.TransformOptions = {}) {
  return babel.transformSync(code, {
    filename,
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript", "jsx"] },
    presets: [["@babel/preset-typescript", { isTSX: true, allExtensions: true }]],
    plugins: [...before, [plugin, options], ...after, "@babel/plugin-transform-modules-commonjs"],
    ...extra,
  })!;
}

/** Runs CommonJS output with `unproxy` resolving to the built runtime; returns its exports. */
function load(code: string): Record<string, any> {
  const module = { exports: {} as Record<string, any> };
  const requireHere = (id: string) => require(id === "unproxy" ? root : id);
  // react-refresh's output calls these globals; the stubs return the component untouched.
  const refreshSig = () => (type: unknown) => type;
  const refreshReg = () => {};
  vm.runInThisContext(`(function (require, module, exports, $RefreshSig$, $RefreshReg$) {${code}\n})`, {
    filename: "generated.js",
  })(requireHere, module, module.exports, refreshSig, refreshReg);
  return module.exports;
}

const istanbul = ["babel-plugin-istanbul", { include: ["**/*"], exclude: [], useInlineSourceMaps: false }];
const orders = { "coverage first": [[istanbul], []], "coverage last": [[], [istanbul]] } as const;

const coverageInput = `
import { createContext, contextProxy } from "unproxy";
export const ctx = createContext<{ id: string }>("request");
const request = contextProxy(ctx);
export class Job {
  handler = /* @unproxy */ () => request.id;
}
export function withDefault(cb = /* @unproxy */ () => request.id) {
  return cb;
}
export function pick(flag: boolean) {
  return flag ? /* @unproxy */ () => request.id : () => "other";
}
export function initialiser() {
  const cb = /* @unproxy */ () => request.id;
  return cb;
}`;

describe.each(Object.entries(orders))("istanbul %s", (_, [before, after]) => {
  test.each([["auto"], ["known"]] as const)("marked class fields, default values and ?: branches capture (capture: %s)", (capture) => {
    const out = load(compile(coverageInput, [...before], [...after], { capture }).code!);
    const made = out.ctx.run({ id: "A" }, () => [new out.Job().handler, out.withDefault(), out.pick(true), out.initialiser()]);
    expect(out.ctx.run({ id: "B" }, () => made.map((cb: () => string) => cb()))).toEqual(["A", "A", "A", "A"]);
  });

  test("coverage counts the same statements as without the plugin", () => {
    const statements = (plugins: PluginItem[]) => {
      const code = babel.transformSync(coverageInput, {
        filename,
        configFile: false,
        babelrc: false,
        presets: [["@babel/preset-typescript", { allExtensions: true }]],
        plugins: [...plugins, "@babel/plugin-transform-modules-commonjs"],
      })!.code!;
      const data = /var coverageData = (\{.*?\});\n/s.exec(code)![1];
      const map = new Function(`return ${data}`)().statementMap as Record<string, { start: { line: number } }>;
      return Object.values(map).map((s) => s.start.line).sort((a, b) => a - b);
    };
    const withPlugin = statements([...before.map(() => istanbul), [plugin, {}], ...after.map(() => istanbul)]);
    expect(withPlugin).toEqual(statements([istanbul]));
    expect(withPlugin).toContain(15); // `const cb = /* @unproxy */ () => request.id;`
  });
});

test("a contextProxy() initialiser instrumented in an earlier pass is still a known proxy", () => {
  const input = `
import { createContext, contextProxy, captureContext } from "unproxy";
export const ctx = createContext<{ id: string }>("request");
const request = contextProxy(ctx);
export const initialiser = () => captureContext(() => request.id);`;
  const instrumented = babel.transformSync(input, {
    filename,
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript"] },
    plugins: [istanbul],
  })!.code!;
  expect(instrumented).toMatch(/const request = \(cov_\w+\(\)\.s\[\d+\]\+\+, contextProxy\(ctx\)\);/);
  const out = load(compile(instrumented, [], [], { capture: "known" }).code!);
  const cb = out.ctx.run({ id: "A" }, () => out.initialiser());
  expect(out.ctx.run({ id: "B" }, cb)).toBe("A");
});

describe("a module alias of the runtime", () => {
  const resolver = ["module-resolver", { alias: { "#unproxy": "unproxy" } }];
  const input = `
import { createContext, contextProxy, captureContext } from "#unproxy";
export const ctx = createContext<{ id: string }>("request");
const request = contextProxy(ctx);
export const viaCall = () => captureContext(() => request.id);
export const viaComment = () => /* @unproxy */ () => request.id;`;

  test.each([
    ["before", [resolver], []],
    ["after", [], [resolver]],
  ] as const)("listed %s the plugin without runtimeAliases is refused with E009", (_, before, after) => {
    expect(() => compile(input, [...before], [...after], { capture: "known" })).toThrow(
      '[UNPROXY_E009] `#unproxy` is the unproxy runtime under another name: a later plugin (an alias, e.g. ' +
        "babel-plugin-module-resolver) rewrote it to `unproxy`, so captureContext and contextProxy imported from it " +
        "were not recognised. Add it to the plugin's options: `runtimeAliases: [\"#unproxy\"]`.",
    );
  });

  test.each([
    ["before", [resolver], []],
    ["after", [], [resolver]],
  ] as const)("listed %s the plugin, named in runtimeAliases, is the runtime", (_, before, after) => {
    const { code } = compile(input, [...before], [...after], { capture: "known", runtimeAliases: ["#unproxy"] });
    expect(code).not.toContain("captureContext)(");
    const out = load(code!);
    const made = out.ctx.run({ id: "A" }, () => [out.viaCall(), out.viaComment()]);
    expect(out.ctx.run({ id: "B" }, () => made.map((cb: () => string) => cb()))).toEqual(["A", "A"]);
  });

  test("an alias that imports nothing the plugin looks for is left alone", () => {
    const code = 'import { createContext } from "#unproxy";\nexport const f = /* @unproxy */ () => 1;';
    expect(() => compile(code, [resolver], [])).not.toThrow();
  });
});

describe("names survive later transforms", () => {
  const input = `
import { useState } from "react";
import { createContext, contextProxy } from "unproxy";
export const ctx = createContext<{ id: string }>("request");
const request = contextProxy(ctx);
export function make() {
  const cb = /* @unproxy */ () => request.id;
  const Profile = /* @unproxy */ () => {
    const [state] = useState(request.id);
    return state;
  };
  const holder = { onDone: /* @unproxy */ () => request.id };
  class Job {
    handle = /* @unproxy */ () => request.id;
  }
  return [cb, Profile, holder.onDone, new Job().handle];
}`;
  const expected = ["cb", "Profile", "onDone", "handle"];

  test("preset-env with ES5 targets (transform-parameters, arrows, classes)", () => {
    const code = babel.transformSync(input, {
      filename,
      configFile: false,
      babelrc: false,
      presets: [["@babel/preset-typescript", { allExtensions: true }], ["@babel/preset-env", { targets: "ie 11" }]],
      plugins: [plugin],
    })!.code!;
    expect(code).not.toContain("=>");
    const out = load(code);
    const made = out.ctx.run({ id: "A" }, out.make);
    expect(made.map((fn: () => string) => fn.name)).toEqual(expected);
    expect(out.ctx.run({ id: "B" }, () => made[0]())).toBe("A");
  });

  test.each([
    ["before", [["react-refresh/babel", { skipEnvCheck: true }]], []],
    ["after", [], [["react-refresh/babel", { skipEnvCheck: true }]]],
  ] as const)("react-refresh listed %s the plugin", (_, before, after) => {
    const { code } = compile(input, [...before], [...after]);
    expect(code).toContain("$RefreshSig$");
    const out = load(code!);
    const made = out.ctx.run({ id: "A" }, out.make);
    expect(made.map((fn: () => string) => fn.name)).toEqual(expected);
  });
});

test("a closure created while its proxy is unbound is reported at the closure's first line", async () => {
  const input = [
    'import { createContext, contextProxy } from "unproxy";',
    'export const ctx = createContext<{ id: string }>("request");',
    "const request = contextProxy(ctx);",
    "export function make() {",
    "  return /* @unproxy */ () => {",
    "    return request.id;",
    "  };",
    "}",
  ].join("\n");
  const result = compile(input, [], [], {}, { sourceMaps: true, sourceFileName: "handler.ts", retainLines: false });
  let stack = "";
  try {
    load(result.code!).make();
  } catch (error) {
    stack = (error as Error).stack!;
  }
  expect(stack).toContain("UnboundContextError: [UNPROXY_UNBOUND] ");
  const [, line, column] = /generated\.js:(\d+):(\d+)/.exec(stack)!.map(Number);
  await SourceMapConsumer.with(result.map as any, null, (consumer) => {
    // `vm` code is wrapped in a one-line function header: the generated line is the same.
    expect(consumer.originalPositionFor({ line, column: column - 1 })).toMatchObject({ source: "handler.ts", line: 5 });
  });
});
