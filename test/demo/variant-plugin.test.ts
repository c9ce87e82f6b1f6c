// The demo's comparison variants are derived from the example sources by examples/lib/variant-plugin.mjs; if it
// missed a marker, a variant would silently differ from what the table claims. Run in a child process because the
// transform is an ES module.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

function transform(mode: string, source: string): { code?: string; error?: string } {
  const script = `
    import babel from "@babel/core";
    import plugin from "./examples/lib/variant-plugin.mjs";
    try {
      const { code } = babel.transformSync(process.env.SOURCE, {
        filename: "x.js", configFile: false, babelrc: false, plugins: [[plugin, { mode: process.env.MODE }]],
      });
      console.log(JSON.stringify({ code }));
    } catch (error) {
      console.log(JSON.stringify({ error: error.message }));
    }`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SOURCE: source, MODE: mode },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

const SOURCE = `import { captureContext, contextProxy } from "unproxy";
export const a = /* @unproxy */ () => request.id;
export const b = captureContext(() => request.user);
export const c = contextProxy(() => undefined);
`;

test('"strip" removes both kinds of marker and the captureContext import, keeps the rest', () => {
  expect(transform("strip", SOURCE).code).toBe(`import { contextProxy } from "unproxy";
export const a = () => request.id;
export const b = () => request.user;
export const c = contextProxy(() => undefined);`);
});

test('"bind" wraps every marked callback in AsyncLocalStorage.bind', () => {
  expect(transform("bind", SOURCE).code).toBe(`import { AsyncLocalStorage as _AsyncLocalStorage } from "node:async_hooks";
import { contextProxy } from "unproxy";
export const a = _AsyncLocalStorage.bind(() => request.id);
export const b = _AsyncLocalStorage.bind(() => request.user);
export const c = contextProxy(() => undefined);`);
});

test("a marker in a position the demo transform does not handle is refused, not ignored", () => {
  const { error } = transform("bind", "/** @unproxy */ const f = () => 1;\n");
  expect(error).toContain("has an @unproxy comment in a position this transform does not handle");
});
