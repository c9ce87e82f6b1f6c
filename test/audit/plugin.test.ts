// The plugin side of audit mode: what is instrumented, what is not, and that audit off changes nothing.
import * as babel from "@babel/core";
import plugin from "../../src/plugin/index";
import type { Options } from "../../src/plugin/index";

function transform(code: string, options: Options) {
  return babel.transformSync(code, {
    filename: "/project/src/handler.ts",
    cwd: "/project",
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript", "jsx"] },
    plugins: [[plugin, options]],
  })!.code!;
}

test("audit must be a boolean", () => {
  expect(() => transform("x", { audit: "yes" as never })).toThrow("unproxy: [UNPROXY_E012] .audit must be a boolean");
  expect(() => transform("x", { audt: true } as never)).toThrow("unproxy: [UNPROXY_E011] unknown option .audt. Did you mean .audit?");
});

test("instruments an unmarked closure in place: one import, the site, the names, the original function inside", () => {
  const code = `import { request } from "./context";
export const later = () => request.id;`;
  expect(transform(code, { audit: true })).toBe(`import { auditCall as _auditCall, auditCreate as _auditCreate } from "unproxy";
import { request } from "./context";
export const later = (_audit => ({
  later: () => (_auditCall(_audit), request.id)
}).later)(_auditCreate("src/handler.ts:2:22", "request", () => [request]));`);
});

test("leaves alone closures that read nothing capturable, marked closures and the plugin's own wrappers", () => {
  const code = `import { request } from "./context";
import { captureContext } from "unproxy";
let count = 0; count++;
const a = (x) => x + count + globalThis.y;
const b = /* @unproxy */ () => request.id;
const c = captureContext(() => () => request.id);`;
  const out = transform(code, { audit: true });
  expect(out).not.toContain("audit");
  expect(out).toBe(transform(code, {}));
});

test("with capture: \"known\", only closures reading known proxies are instrumented", () => {
  const code = `import { contextProxy, createContext } from "unproxy";
const request = contextProxy(createContext("request"));
export function f(reply) {
  setTimeout(() => reply(1));
  setTimeout(() => reply(request.id));
}`;
  const out = transform(code, { audit: true, capture: "known" });
  expect(out.match(/_auditCreate\(/g)).toHaveLength(1);
  expect(out).toContain(`_auditCreate("src/handler.ts:5:14", "request", () => [request])`);
});

test("a file with a direct eval or a with statement is left as it is", () => {
  const code = `import { request } from "./context";
export const a = () => request.id;
eval("1");`;
  expect(transform(code, { audit: true })).toBe(transform(code, {}));
});

test("markAll marks every closure, so audit has nothing to add", () => {
  const code = `import { request } from "./context";
export const a = () => request.id;`;
  expect(transform(code, { audit: true, markAll: true })).toBe(transform(code, { markAll: true }));
});

test("audit off: the output is the plugin's without audit (the fixtures in test/plugin pin it)", () => {
  const code = `import { request } from "./context";
export const later = () => request.id;
export const marked = /* @unproxy */ () => request.id;`;
  const off = transform(code, { audit: false });
  expect(off).toBe(transform(code, {}));
  expect(off).not.toContain("audit");
  expect(transform(code, { audit: true })).toContain("_auditCreate(");
});

test("leaves alone a closure named by a run-time computed key, whose name the audit wrapper would lose", () => {
  const code = `import { request } from "./context";
export const make = (k: string) => ({ [k]: () => request.id, plain: () => request.id });`;
  const out = transform(code, { audit: true });
  expect(out).toContain("[k]: () => request.id,");
  expect(out).toContain('plain: () => (_auditCall(_audit), request.id)');
});
