// What `npm publish` would ship, and that the package resolves the way users load it. Needs the build (npm test
// builds first). `npm pack` runs with --ignore-scripts so it does not rebuild dist under the other test files.
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require("../../package.json") as Record<string, any>;

function packedFiles(): string[] {
  const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" });
  return (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((file) => file.path);
}

/** Runs a snippet in a fresh node process from the package root, where "unproxy" resolves by self-reference. */
function node(args: string[], code: string): string {
  const result = spawnSync(process.execPath, [...args, "-e", code], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

/** Every file path package.json points at: main, module, types, browser map, bin, every exports target. */
function referencedPaths(): string[] {
  const paths: string[] = [pkg.main, pkg.module, pkg.types, ...Object.values<string>(pkg.bin)];
  for (const [from, to] of Object.entries<string>(pkg.browser ?? {})) paths.push(from, to);
  const walk = (value: unknown): void => {
    if (typeof value === "string") paths.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  return [...new Set(paths.map((path) => path.replace(/^\.\//, "")))];
}

const RUNTIME_EXPORTS = [
  "UnboundContextError",
  "captureContext",
  "contextProxy",
  "createContext",
  "isContextProxy",
  "unproxy",
  "unproxyIfBound",
];

describe("npm pack", () => {
  const files = packedFiles();

  test("ships the build, the bin, package.json, README.md and LICENSE", () => {
    expect(files).toContain("package.json");
    expect(files).toContain("bin/unproxy.cjs");
    for (const format of ["cjs", "esm"]) {
      for (const entry of ["runtime/index", "runtime/index.browser", "plugin/index", "cli/index"]) {
        expect(files).toContain(`dist/${format}/${entry}.js`);
        expect(files).toContain(`dist/${format}/${entry}.d.ts`);
      }
      // Marks each tree's module format; without it Node would read dist/esm as CommonJS.
      expect(files).toContain(`dist/${format}/package.json`);
    }
    expect(files).toContain("README.md");
    expect(files).toContain("LICENSE");
  });

  test("every file package.json points at is in the package", () => {
    const missing = referencedPaths().filter((path) => !files.includes(path));
    expect(missing).toEqual([]);
  });

  test("ships no sources, tests, fixtures, benchmarks, examples or tooling", () => {
    const unwanted = files.filter((path) =>
      /^(src|test|fixtures|bench|examples|scripts|docs|\.ci|node_modules)\//.test(path) || /^tsconfig/.test(path),
    );
    expect(unwanted).toEqual([]);
  });
});

test("publint reports no errors or warnings", () => {
  const script = `
    import { publint } from "publint";
    const { messages } = await publint({ pkgDir: ${JSON.stringify(root)}, level: "warning" });
    console.log(JSON.stringify(messages));`;
  const messages = JSON.parse(node(["--input-type=module"], script)) as { code: string; type: string }[];
  expect(messages.map((message) => `${message.type} ${message.code}`)).toEqual([]);
}, 60_000);

describe("resolution from a user's point of view", () => {
  test('require("unproxy") and require("unproxy/babel")', () => {
    const out = node([], `
      const runtime = require("unproxy");
      const babel = require("unproxy/babel");
      console.log(JSON.stringify({
        path: require.resolve("unproxy"),
        names: Object.keys(runtime).sort(),
        plugin: typeof (babel.default ?? babel),
      }));`);
    const { path, names, plugin } = JSON.parse(out);
    expect(path).toBe(join(root, "dist/cjs/runtime/index.js"));
    expect(names).toEqual(expect.arrayContaining(RUNTIME_EXPORTS));
    expect(plugin).toBe("function");
  });

  test('import("unproxy") and import("unproxy/babel")', () => {
    const out = node(["--input-type=module"], `
      const runtime = await import("unproxy");
      const babel = await import("unproxy/babel");
      console.log(JSON.stringify({
        url: import.meta.resolve("unproxy"),
        names: Object.keys(runtime),
        plugin: typeof babel.default,
      }));`);
    const { url, names, plugin } = JSON.parse(out);
    expect(url.endsWith("/dist/esm/runtime/index.js")).toBe(true);
    expect(names).toEqual(expect.arrayContaining(RUNTIME_EXPORTS));
    expect(plugin).toBe("function");
  });

  const TOOLS = ["vite", "rollup", "rolldown", "webpack", "rspack", "esbuild"];

  test('require("unproxy/babel") and require("unproxy/<bundler>") are the functions themselves, .default too', () => {
    const out = node([], `
      const entries = ["babel", ${TOOLS.map((tool) => JSON.stringify(tool)).join(", ")}];
      console.log(JSON.stringify(entries.map((entry) => {
        const fn = require("unproxy/" + entry);
        return [entry, typeof fn, fn.default === fn];
      })));`);
    expect(JSON.parse(out)).toEqual(["babel", ...TOOLS].map((entry) => [entry, "function", true]));
  });

  test('import("unproxy/<bundler>") default-exports a factory making the tool\'s plugin', () => {
    const out = node(["--input-type=module"], `
      const plugins = [];
      for (const tool of ${JSON.stringify(TOOLS)}) {
        const plugin = (await import("unproxy/" + tool)).default();
        plugins.push([tool, plugin.name ?? null, typeof plugin.apply]);
      }
      console.log(JSON.stringify(plugins));`);
    // webpack and rspack plugins are objects with apply(compiler); the others are named hook objects.
    expect(JSON.parse(out)).toEqual([
      ["vite", "unproxy", "undefined"],
      ["rollup", "unproxy", "undefined"],
      ["rolldown", "unproxy", "undefined"],
      ["webpack", null, "function"],
      ["rspack", null, "function"],
      ["esbuild", "unproxy", "undefined"],
    ]);
  });

  test('"unproxy/register" and "unproxy/testing" resolve to their builds', () => {
    const out = node(["--input-type=module"], `
      const testing = await import("unproxy/testing");
      console.log(JSON.stringify({
        register: import.meta.resolve("unproxy/register"),
        testing: [typeof testing.transform, typeof testing.transformFile],
        required: typeof (await import("node:module")).createRequire(import.meta.url)("unproxy/testing").transform,
      }));`);
    const { register, testing, required } = JSON.parse(out);
    expect(register.endsWith("/dist/esm/integrations/register.js")).toBe(true);
    expect(testing).toEqual(["function", "function"]);
    expect(required).toBe("function");
  });

  test("the browser condition selects the browser build and its backend", () => {
    const out = node(["--conditions=browser", "--input-type=module"], `
      const runtime = await import("unproxy");
      console.log(JSON.stringify({ url: import.meta.resolve("unproxy"), backend: runtime.backendKind }));`);
    const { url, backend } = JSON.parse(out);
    expect(url.endsWith("/dist/esm/runtime/index.browser.js")).toBe(true);
    expect(backend).not.toBe("async-local-storage");
  });

  test('"unproxy/package.json" is exported', () => {
    expect(node([], `console.log(require("unproxy/package.json").name)`)).toBe("unproxy");
  });
});
