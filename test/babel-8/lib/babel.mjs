// Babel 8 and the built plugin, resolved from this nested package so that nothing falls back to the root's Babel 7.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.resolve(here, "../..");
export const pluginCjsFile = path.join(repoRoot, "dist/cjs/plugin/index.js");
export const pluginEsmFile = path.join(repoRoot, "dist/esm/plugin/index.js");
export const runtimeCjsFile = path.join(repoRoot, "dist/cjs/runtime/index.js");

const requireHere = createRequire(path.join(here, "package.json"));
export const babel = requireHere("@babel/core");

/** The CJS build exactly as `require("unproxy/babel")` returns it (Babel unwraps `__esModule` + `default` itself). */
export function loadPluginModule() {
  return createRequire(import.meta.url)(pluginCjsFile);
}

/** Until the lead's plugin lands, dist holds a placeholder with no default export: the suite skips instead of failing. */
export function pluginIsBuilt() {
  if (!existsSync(pluginCjsFile)) return false;
  const mod = loadPluginModule();
  return typeof (mod && mod.__esModule ? mod.default : mod) === "function";
}

// Fixtures may name presets/plugins the way Babel does ("@babel/env" for "@babel/preset-env"); resolve every name to
// a file inside test/babel-8/node_modules, which Babel then loads, so a Babel 7 copy at the root is never picked up.
function resolveBabelName(name, kind) {
  const tries = [name];
  const short = /^@babel\/(?!preset-|plugin-)(.+)$/.exec(name);
  if (short) tries.push(`@babel/${kind}-${short[1]}`);
  if (!name.startsWith("@") && !name.startsWith(".") && !name.startsWith(`babel-${kind}-`)) {
    tries.push(`babel-${kind}-${name}`);
  }
  for (const candidate of tries) {
    try {
      return requireHere.resolve(candidate);
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`Babel 8 run: cannot resolve ${kind} "${name}"; add it to test/babel-8/package.json`);
}

function resolveItems(items, kind) {
  return (items ?? []).map((item) => {
    if (typeof item === "string") return resolveBabelName(item, kind);
    if (Array.isArray(item) && typeof item[0] === "string") return [resolveBabelName(item[0], kind), ...item.slice(1)];
    return item;
  });
}

/** The lead's shared fixture harness (listing, option merging, transform, expected file, normalising). */
export const harness = createRequire(import.meta.url)(path.join(repoRoot, "test/plugin/fixture-harness.cjs"));

/** A fixture whose preset/plugin names point into test/babel-8/node_modules, ready for harness.transformFixture. */
export function forBabel8(fixture) {
  const { options } = fixture;
  return {
    ...fixture,
    options: {
      ...options,
      presets: options.presets && resolveItems(options.presets, "preset"),
      plugins: options.plugins && resolveItems(options.plugins, "plugin"),
      pluginsBefore: options.pluginsBefore && resolveItems(options.pluginsBefore, "plugin"),
    },
  };
}

/**
 * How the jest runner compiles a fixture's output and exec.ts to CommonJS (TypeScript by file extension, then
 * modules-commonjs), with Babel 8: its preset-typescript dropped `allExtensions`/`isTSX` and picks TS or TSX from
 * the filename, which is what the jest runner asks Babel 7 for.
 */
export function execTransformOptions(filename) {
  return {
    filename,
    configFile: false,
    babelrc: false,
    parserOpts: { plugins: filename.endsWith(".js") ? ["jsx"] : ["typescript", "jsx"] },
    presets: resolveItems(["@babel/preset-typescript"], "preset"),
    plugins: resolveItems(["@babel/plugin-transform-modules-commonjs"], "plugin"),
  };
}
