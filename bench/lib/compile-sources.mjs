// Compiles bench/sources/*.mjs with the real plugin (dist/cjs/plugin) into a temporary directory and imports
// them, so the "compiled" variants time exactly what the plugin emits — never a hand-written imitation.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildRoot, projectRoot } from "./build-root.mjs";

const require = createRequire(join(projectRoot, "package.json"));

/** The plugin from dist/cjs, or { error } saying why it cannot be used yet. */
export function loadPlugin() {
  const file = join(buildRoot, "dist/cjs/plugin/index.js");
  if (!existsSync(file)) return { error: "plugin not built yet (dist/cjs/plugin/index.js missing)" };
  try {
    const mod = require(file);
    const plugin = typeof mod === "function" ? mod : mod.default;
    if (typeof plugin !== "function") return { error: "plugin not built yet (no default export)" };
    return { plugin, file };
  } catch (error) {
    return { error: `plugin failed to load: ${error.message}` };
  }
}

/**
 * Returns { modules: { name: namespace }, outputs: { name: code } } or { error }.
 * The temporary directory gets node_modules/unproxy -> the build root, so the emitted `import … from "unproxy"`
 * resolves through package.json "exports" to the same dist/esm/runtime file (same realpath, same module
 * instance) the harness imports.
 */
export async function compileSources() {
  const loaded = loadPlugin();
  if (loaded.error) return { error: loaded.error };
  const babel = require("@babel/core");
  const dir = mkdtempSync(join(tmpdir(), "unproxy-bench-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(buildRoot, join(dir, "node_modules", "unproxy"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const srcDir = join(projectRoot, "bench/sources");
  const modules = {};
  const outputs = {};
  for (const name of readdirSync(srcDir).filter((f) => f.endsWith(".mjs")).sort()) {
    const filename = join(srcDir, name);
    const input = readFileSync(filename, "utf8");
    const options = { filename, configFile: false, babelrc: false, sourceType: "module" };
    let code;
    try {
      ({ code } = babel.transformSync(input, { ...options, plugins: [loaded.plugin] }));
    } catch (error) {
      return { error: `plugin failed on bench/sources/${name}: ${error.message.split("\n")[0]}` };
    }
    // A marked file must come out rewritten, an unmarked one exactly as Babel alone prints it.
    const untouched = babel.transformSync(input, options).code;
    if (input.includes("@unproxy") && code === untouched) {
      return { error: `plugin emitted no rewrite for bench/sources/${name}` };
    }
    if (!input.includes("@unproxy") && code !== untouched) {
      return { error: `plugin changed unmarked bench/sources/${name}` };
    }
    writeFileSync(join(dir, name), code);
    outputs[name] = code;
    modules[name.replace(/\.mjs$/, "")] = await import(pathToFileURL(join(dir, name)).href);
  }
  return { modules, outputs, dir };
}
