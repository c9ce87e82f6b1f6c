// Imported bindings in native ES modules, where imports are live bindings and an import cycle can leave one
// uninitialised: the plugin's decisions (README, "by design") run for real in Node, against the built runtime.
import { assertBuilt, runEsModules } from "../lib/es-modules";

function run(modules: Record<string, string>, compiled: boolean): unknown {
  const result = runEsModules(modules, compiled);
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

beforeAll(assertBuilt);

const context = `
import { createContext, contextProxy } from "unproxy";
export const ctx = createContext("request");
export const request = contextProxy(ctx);
export let counter = 0;
export function bump() { counter++; }
`;

test("an imported binding is read when the closure is created, like every captured name", () => {
  const modules = {
    "context.mjs": context,
    "handler.mjs": `
      import { request, counter } from "./context.mjs";
      export function make() { return /* @unproxy */ () => [request.id, counter]; }`,
    "main.mjs": `
      import { ctx, bump } from "./context.mjs";
      import { make } from "./handler.mjs";
      const cb = ctx.run({ id: "A" }, make);
      bump();
      console.log(JSON.stringify(ctx.run({ id: "B" }, cb)));`,
  };
  expect(run(modules, true)).toEqual(["A", 0]);
  expect(run(modules, false)).toEqual(["B", 1]);
});

test("a closure created during an import cycle, before an import it reads is initialised, does not throw", () => {
  // main imports a.mjs, which imports b.mjs first: b's top level runs while a's `settings` is uninitialised.
  const modules = {
    "context.mjs": context,
    "a.mjs": `
      import { onLoad } from "./b.mjs";
      export const settings = { mode: "ready" };
      export { onLoad };`,
    "b.mjs": `
      import { settings } from "./a.mjs";
      export const onLoad = /* @unproxy */ () => settings.mode;`,
    "main.mjs": `
      import { onLoad } from "./a.mjs";
      console.log(JSON.stringify(onLoad()));`,
  };
  expect(run(modules, false)).toBe("ready");
  expect(run(modules, true)).toBe("ready");
});

test("a closure created at module load reads an initialised import at creation", () => {
  const modules = {
    "context.mjs": context,
    "main.mjs": `
      import { ctx, request } from "./context.mjs";
      export const atLoad = /* @unproxy */ () => request.id;
      console.log(JSON.stringify(ctx.run({ id: "B" }, () => { try { return atLoad(); } catch (e) { return e.code; } })));`,
  };
  // Nothing is bound while main.mjs loads: reading the proxy at creation throws the runtime's unbound error.
  expect(() => run(modules, true)).toThrow(/UNPROXY_UNBOUND|not bound|unbound/);
  expect(run(modules, false)).toBe("B");
});
