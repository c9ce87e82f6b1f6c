// Babel 8 and the built plugin, resolved from this nested package so that nothing falls back to the root's Babel 7.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.resolve(here, "../..");
// run.mjs hands over a private copy of dist/ so that a concurrent `npm run build` cannot remove it mid-run.
export const distDir = path.resolve(process.env.UNPROXY_DIST_DIR ?? path.join(repoRoot, "dist"));
export const pluginCjsFile = path.join(distDir, "cjs/plugin/index.js");
export const pluginEsmFile = path.join(distDir, "esm/plugin/index.js");
export const runtimeCjsFile = path.join(distDir, "cjs/runtime/index.js");

const requireHere = createRequire(path.join(here, "package.json"));
export const babel = requireHere("@babel/core");

/** The CJS build exactly as `require("unproxy/babel")` returns it (Babel unwraps `__esModule` + `default` itself). */
export function loadPluginModule() {
  return createRequire(import.meta.url)(pluginCjsFile);
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

// Babel 7 treats a transform without a `caller` as a tool that cannot load ES modules, so preset-env's
// `modules: "auto"` compiles to CommonJS; Babel 8 assumes the opposite and keeps ESM. The fixtures were written for
// the Babel 7 reading, so the Babel 8 run states those assumptions as an explicit caller (both now mean the same).
const fixtureCaller = {
  name: "unproxy-fixtures",
  supportsStaticESM: false,
  supportsDynamicImport: false,
  supportsExportNamespaceFrom: false,
  supportsTopLevelAwait: false,
};
export const babelForFixtures = {
  version: babel.version,
  // envName "test" as under jest (NODE_ENV=test): preset-react's `development` default follows it.
  transformSync: (code, options) => babel.transformSync(code, { caller: fixtureCaller, envName: "test", ...options }),
};

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
