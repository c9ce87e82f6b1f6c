// Plugin behaviour that fixtures cannot express: option validation, the explain report, the bail-out.
import * as babel from "@babel/core";
import plugin from "../../src/plugin/index";
import type { Options, ReportEntry } from "../../src/plugin/index";

function transform(code: string, options: Options = {}, extra: babel.TransformOptions = {}) {
  return babel.transformSync(code, {
    filename: "/project/src/handler.ts",
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript", "jsx"] },
    plugins: [[plugin, options]],
    ...extra,
  })!;
}

describe("options are validated when the plugin loads", () => {
  test.each([
    [{ captur: "auto" }, "unproxy: [UNPROXY_E011] unknown option .captur. Did you mean .capture?"],
    [{ runtme: "x" }, "unproxy: [UNPROXY_E011] unknown option .runtme. Did you mean .runtime?"],
    [{ capture: "all" }, 'unproxy: [UNPROXY_E012] .capture must be "auto" or "known"'],
    [{ unbound: "ignore" }, 'unproxy: [UNPROXY_E012] .unbound must be "throw" or "keep"'],
    [{ runtime: "" }, "unproxy: [UNPROXY_E012] .runtime must be a non-empty module name"],
    [{ runtimeAliases: "#unproxy" }, "unproxy: [UNPROXY_E012] .runtimeAliases must be an array of non-empty module names"],
    [{ runtimeAliases: [""] }, "unproxy: [UNPROXY_E012] .runtimeAliases must be an array of non-empty module names"],
    [{ knownProxies: [{ module: "./ctx" }] }, "unproxy: [UNPROXY_E012] .knownProxies must be an array of { module, export } strings"],
    [{ onReport: true }, "unproxy: [UNPROXY_E012] .onReport must be a function"],
    [{ markAll: "yes" }, "unproxy: [UNPROXY_E012] .markAll must be a boolean"],
  ])("%j", (options, message) => {
    expect(() => transform("x", options as Options)).toThrow(message);
  });
});

describe("the explain report", () => {
  test("gives file, position, captured names and live names with the reason", () => {
    const entries: ReportEntry[] = [];
    transform(
      [
        'import { request } from "./context";',
        "let count = 0;",
        "count++;",
        "const label = 'x';",
        "queue.push(/* @unproxy */ () => audit(request.id, count, label, window));",
      ].join("\n"),
      { onReport: (entry) => entries.push(entry) },
    );
    expect(entries).toEqual([
      {
        file: "/project/src/handler.ts",
        line: 5,
        column: 27,
        marker: "comment",
        captured: ["request"],
        live: [
          { name: "count", reason: "it is reassigned, so a snapshot could differ from what the closure reads later" },
          {
            name: "label",
            reason: "it cannot hold a proxy (initialised with a literal, function, class, object or array)",
          },
        ],
      },
    ]);
  });
});

describe("files without markers", () => {
  test.each([
    'import { request } from "./context";\nsetTimeout(() => request.id, 1);',
    "// a comment mentioning unproxy\nexport const x = (a: number) => a;",
  ])("print exactly what Babel prints without the plugin: %#", (code) => {
    const without = babel.transformSync(code, {
      filename: "/project/src/handler.ts",
      configFile: false,
      babelrc: false,
      parserOpts: { plugins: ["typescript", "jsx"] },
    })!.code;
    expect(transform(code).code).toBe(without);
  });
});

test("markAll treats every function expression as marked and skips what it would refuse", () => {
  const code = 'import { request } from "./context";\nconst a = () => request.id;\nfunction f() { return eval("1"); }';
  expect(transform(code, { markAll: true }).code).toBe(
    'import { request } from "./context";\nconst a = () => request.id;\nfunction f() {\n  return eval("1");\n}',
  );
  expect(transform('import { request } from "./context";\nfunction h() { run(() => request.id); }', { markAll: true }).code).toBe(
    'import { unproxy as _unproxy } from "unproxy";\nimport { request } from "./context";\nfunction h() {\n  run((request => () => request.id)(_unproxy(request)));\n}',
  );
});

test("a marker that attaches to nothing is refused with a code frame", () => {
  expect(() => transform("run(() => 1 /* @unproxy */);")).toThrow(
    "[UNPROXY_E001] @unproxy marks a function, but it is attached to no code (a marker must come before the function it marks).",
  );
});
