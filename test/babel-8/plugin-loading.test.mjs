// How Babel 8 users get the plugin: by name (Babel's own loader), require() of the CJS build, import() of the ESM
// build; its version check; and the motivating bug compiled through the official presets in either order.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  babel,
  distDir,
  forBabel8,
  harness,
  loadPluginModule,
  pluginCjsFile,
  pluginEsmFile,
  repoRoot,
} from "./lib/babel.mjs";
import { createRegistry } from "./lib/exec.mjs";

const filename = path.join(repoRoot, "test/babel-8/inline-case.tsx");

// The motivating bug: a callback made while user A is current and run while user B is current must see A.
const motivating = `
import { createContext, contextProxy } from "unproxy";
interface User { id: string }
export const ctx = createContext<User>("user");
const user = contextProxy(ctx);
const h = (tag: string, props: { id: string } | null, ...children: unknown[]) => ({ tag, props, children });
export const makeArrow = () => /* @unproxy */ () => user.id;
export const makeAsync = () => /* @unproxy */ async (suffix: string) => user.id + suffix;
export const makeJsx = () => /* @unproxy */ () => <b id={user.id}>{\`hi \${user.id}\`}</b>;
`;

// Inline cases go through the same transform as fixtures (parser plugins, presets, our plugin's position).
function transform(code, plugin, { presets = [] } = {}) {
  return harness.transformFixture(babel, plugin, forBabel8({ input: filename, options: { presets } }), code);
}

const marked = 'import { request } from "./context";\nexport function make() {\n  return /* @unproxy */ () => request.id;\n}';
function assertRewritten(out) {
  assert.doesNotMatch(out, /@unproxy/, "the marker comment should be consumed");
  assert.match(out, /^import \{ unproxy as (\w+) \} from "unproxy";[^]*\(\1\(request\)\)/, "request captured");
}

test("Babel 8 loads the plugin by file name through its own loader", () => {
  assertRewritten(transform(marked, pluginCjsFile));
});

// What a user writes: `plugins: ["unproxy/babel"]` in a project where unproxy is installed; Babel 8 resolves the
// package's "./babel" export itself. A temporary project links the package (package.json + the dist under test).
test('Babel 8 resolves "unproxy/babel" through the package exports of an installed unproxy', (t) => {
  const project = mkdtempSync(path.join(os.tmpdir(), "unproxy-babel-8-"));
  t.after(() => rmSync(project, { recursive: true, force: true }));
  const installed = path.join(project, "node_modules/unproxy");
  mkdirSync(installed, { recursive: true });
  copyFileSync(path.join(repoRoot, "package.json"), path.join(installed, "package.json"));
  symlinkSync(distDir, path.join(installed, "dist"), "dir");
  const out = babel.transformSync(marked, {
    filename: path.join(project, "src/job.ts"),
    cwd: project,
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: ["typescript"] },
    plugins: ["unproxy/babel"],
  }).code;
  assertRewritten(out);
});

test("the CJS build (require) and the ESM build (import) give the same output on Babel 8", async () => {
  const cjs = createRequire(import.meta.url)(pluginCjsFile);
  const esm = await import(pathToFileURL(pluginEsmFile).href);
  assert.equal(typeof cjs.default, "function");
  assert.equal(typeof esm.default, "function");
  const presets = ["@babel/preset-typescript"];
  const fromCjs = transform(motivating, cjs, { presets });
  assert.equal(transform(motivating, esm.default, { presets }), fromCjs);
  assert.match(fromCjs, /from "unproxy"/, "the runtime import is injected");
});

test("api.assertVersion is given a range that Babel 8 accepts", () => {
  const plugin = loadPluginModule().default;
  const ranges = [];
  // Wrap the plugin so the range it asks for is recorded, then handed to Babel 8's real check.
  const spy = (api, options, dirname) => {
    const assertVersion = (range) => {
      ranges.push(range);
      return api.assertVersion(range);
    };
    return plugin({ ...api, assertVersion, version: api.version, types: api.types }, options, dirname);
  };
  // Babel 8's assertVersion throws for a range it does not satisfy, so getting output means the range was accepted.
  assert.equal(typeof transform("const f = /* @unproxy */ () => 1;", spy), "string");
  assert.ok(ranges.length > 0, "the plugin should call api.assertVersion");
});

const presetOrders = {
  "typescript, env, react": ["@babel/preset-typescript", "env", "@babel/preset-react"],
  "react, env, typescript": ["@babel/preset-react", "env", "@babel/preset-typescript"],
  "env, typescript, react": ["env", "@babel/preset-typescript", "@babel/preset-react"],
};
const presetWithOptions = {
  env: ["@babel/preset-env", { targets: { chrome: "40" }, modules: "commonjs" }],
  "@babel/preset-react": ["@babel/preset-react", { runtime: "classic", pragma: "h" }],
};
for (const [label, order] of Object.entries(presetOrders)) {
  test(`with presets ${label} (old targets, CommonJS) the callback sees the context of its creation`, async () => {
    const presets = order.map((name) => presetWithOptions[name] ?? name);
    const code = transform(motivating, loadPluginModule(), { presets });
    assert.doesNotMatch(code, /=>/, "preset-env should have compiled the arrows away");
    const out = createRegistry({ virtualModules: { [filename]: code } }).load(filename);
    const run = (id, fn) => out.ctx.run({ id }, fn);
    const arrow = run("A", () => out.makeArrow());
    const asyncFn = run("A", () => out.makeAsync());
    const jsx = run("A", () => out.makeJsx());
    assert.equal(run("B", () => arrow()), "A");
    assert.equal(await run("B", () => asyncFn("!")), "A!");
    assert.deepEqual(run("B", () => jsx()), { tag: "b", props: { id: "A" }, children: ["hi A"] });
  });
}
