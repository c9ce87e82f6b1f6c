// Compiles the example sources (examples/app, examples/scenarios) once per variant into
// node_modules/.cache/unproxy-demo/run-XXXX/<variant>/ (one fresh directory per run, so concurrent runs such as a
// test and a manual demo never share files), as ES modules that import "unproxy" exactly as a user's code would.
// "unproxy" resolves to a tiny linked package in the cache whose entry re-exports the entry this repository's own
// package.json `exports` selects for node + import (dist/esm/runtime), so every variant runs against the real build.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import variantPlugin, { MARKER } from "./variant-plugin.mjs";

const require = createRequire(import.meta.url);
const examplesDir = fileURLToPath(new URL("..", import.meta.url));
const repoDir = join(examplesDir, "..");
export const cacheDir = join(repoDir, "node_modules", ".cache", "unproxy-demo");

export const VARIANTS = {
  "proxy-only": {
    label: "proxy only",
    how: "preset-typescript only; the demo strips the markers (captureContext(fn) -> fn), so nothing captures",
    plugins: () => [[variantPlugin, { mode: "strip" }]],
  },
  "als-bind": {
    label: "ALS.bind",
    how: "each marked callback wrapped in AsyncLocalStorage.bind(...) at its hand-off point",
    plugins: () => [[variantPlugin, { mode: "bind" }]],
  },
  plugin: {
    label: "plugin",
    how: "compiled by @babel/core with preset-typescript + unproxy/babel",
    // Resolved through this package's own `exports` (self-reference), as a user's babel.config.js would.
    plugins: (override) => [override ?? require.resolve("unproxy/babel")],
  },
};

/** The example sources: examples/app/*.ts and the scenarios (all, or the named ones). */
export function exampleSources(scenarios) {
  const files = [];
  for (const sub of ["app", "scenarios"]) {
    for (const name of readdirSync(join(examplesDir, sub)).sort()) {
      if (!name.endsWith(".ts")) continue;
      if (sub === "scenarios" && scenarios && !scenarios.includes(name.slice(0, -3))) continue;
      files.push(`${sub}/${name}`);
    }
  }
  return files.map((rel) => ({ rel, source: readFileSync(join(examplesDir, rel), "utf8") }));
}

// A run interrupted by Ctrl-C leaves its directory behind; anything older than an hour is not in use any more.
function removeStaleRuns() {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (name.startsWith("run-") && Date.now() - statSync(path).mtimeMs > 3_600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

function linkRuntime(runDir) {
  // import.meta.resolve applies the package's `exports` with Node's own conditions; it is unflagged from Node 20.6.
  const runtimeUrl = import.meta.resolve?.("unproxy") ?? pathToFileURL(join(repoDir, "dist/esm/runtime/index.js")).href;
  const dir = join(runDir, "node_modules", "unproxy");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "unproxy", type: "module", exports: "./index.js" }));
  writeFileSync(join(dir, "index.js"), `export * from ${JSON.stringify(runtimeUrl)};\n`);
  writeFileSync(join(runDir, "package.json"), JSON.stringify({ private: true, type: "module" }));
}

/**
 * Compiles every example source for each variant (or only app/ and the named `scenarios`). `plugin` (a path or
 * module name) replaces unproxy/babel in the plugin variant, to try another build of the plugin.
 * Returns { runDir, variants: { [variant]: { dir, files: [{ rel, source, code }] } }, cleanup() }.
 */
export async function compileExamples(variantNames = Object.keys(VARIANTS), { plugin, scenarios } = {}) {
  for (const variant of variantNames) {
    if (!VARIANTS[variant]) throw new Error(`unknown variant "${variant}" (known: ${Object.keys(VARIANTS).join(", ")})`);
  }
  const babel = require("@babel/core");
  const sources = exampleSources(scenarios);
  mkdirSync(cacheDir, { recursive: true });
  removeStaleRuns();
  const runDir = mkdtempSync(join(cacheDir, "run-"));
  const cleanup = () => rmSync(runDir, { recursive: true, force: true });
  try {
    linkRuntime(runDir);
    const compiled = {};
    for (const variant of variantNames) {
      const files = [];
      for (const { rel, source } of sources) {
        const result = await babel.transformAsync(source, {
          filename: join(examplesDir, rel),
          configFile: false,
          babelrc: false,
          presets: [require.resolve("@babel/preset-typescript")],
          plugins: VARIANTS[variant].plugins(plugin),
          // Output lines stay on their source lines, so --show can print source and output side by side.
          retainLines: true,
        });
        const out = join(runDir, variant, rel.replace(/\.ts$/, ".js"));
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, result.code + "\n");
        files.push({ rel, source, code: result.code });
      }
      if (variant === "proxy-only") assertNoCapture(babel, files);
      compiled[variant] = { dir: join(runDir, variant), files };
    }
    return { runDir, variants: compiled, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

// The "no capture" variant must really have none: no marker comment left, and no captureContext / unproxy binding
// imported from the runtime (checked on the output's syntax tree, so comments that mention them do not count).
function assertNoCapture(babel, files) {
  for (const { rel, code } of files) {
    const ast = babel.parseSync(code, { sourceType: "module", configFile: false, babelrc: false });
    const marker = ast.comments.find((comment) => MARKER.test(comment.value));
    const capturing = ast.program.body.some((node) => node.type === "ImportDeclaration" &&
      node.source.value === "unproxy" &&
      node.specifiers.some((s) => s.type !== "ImportSpecifier" || /^(captureContext|unproxy)/.test(s.imported.name)));
    if (marker || capturing) {
      throw new Error(`unproxy demo: the proxy-only build of ${rel} still captures something:\n${code}`);
    }
  }
}

export function relativeToRepo(path) {
  return relative(repoDir, path);
}
