// Runs compiled fixture code with a private CommonJS registry per fixture, so module state in the runtime (one-time
// warnings, context stacks) never leaks from one fixture into the next.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { babel, distDir, execTransformOptions, harness, pluginCjsFile, runtimeCjsFile } from "./babel.mjs";

const distRoot = distDir + path.sep;
const EXTENSIONS = ["", ".ts", ".tsx", ".js", "/index.ts", "/index.js"];

/** TypeScript/JSX/ESM source to CommonJS for this Node, with Babel 8's presets. */
export function compileToCommonJs(code, filename) {
  return babel.transformSync(code, execTransformOptions(filename)).code;
}

/**
 * A module registry: `virtualModules` maps absolute filenames (extension included) to CommonJS code and wins over the
 * disk. "unproxy" and "unproxy/babel" resolve to the repo's CJS build (as jest maps them to the sources); other
 * relative TypeScript files are compiled on the fly; packages and node: modules come from Node.
 */
export function createRegistry({ virtualModules = {} } = {}) {
  const cache = new Map();

  const evaluate = (filename, code) => {
    const module = { exports: {}, filename, id: filename, loaded: false };
    cache.set(filename, module);
    const params = ["exports", "require", "module", "__filename", "__dirname"];
    const fn = vm.compileFunction(code, params, { filename });
    fn(module.exports, makeRequire(filename), module, filename, path.dirname(filename));
    module.loaded = true;
    return module.exports;
  };

  const load = (filename) => {
    const cached = cache.get(filename);
    if (cached) return cached.exports;
    if (filename in virtualModules) return evaluate(filename, virtualModules[filename]);
    const source = readFileSync(filename, "utf8");
    // dist/ is already CommonJS; anything else reached by a relative path is fixture TypeScript.
    return evaluate(filename, filename.startsWith(distRoot) ? source : compileToCommonJs(source, filename));
  };

  // Virtual modules first: `./output` is the plugin's actual output, never the expected output.ts beside it.
  const resolveRelative = (base) => {
    const candidates = EXTENSIONS.map((suffix) => base + suffix);
    return (
      candidates.find((file) => file in virtualModules) ??
      candidates.find((file) => existsSync(file) && statSync(file).isFile())
    );
  };

  const makeRequire = (fromFile) => {
    const hostRequire = createRequire(fromFile);
    return (specifier) => {
      if (specifier === "unproxy") return load(runtimeCjsFile);
      if (specifier === "unproxy/babel") return load(pluginCjsFile);
      if (specifier.startsWith(".")) {
        const local = resolveRelative(path.resolve(path.dirname(fromFile), specifier));
        if (local) return load(local);
      }
      return hostRequire(specifier);
    };
  };

  return { load, evaluate };
}

/**
 * As the jest runner does: compiles the plugin's output for a fixture (as TS/TSX by the input's extension) and
 * exec.ts to CommonJS, runs exec.ts with `import ... from "./output"` bound to that output (not the output.ts on
 * disk) in a fresh registry, and awaits a default-exported function.
 */
export async function runExec(fixture, outputCode) {
  const outputFile = path.join(fixture.dir, "output.js");
  // A script runs as written: the CommonJS transform would make it strict, changing what `arguments` does.
  const script = fixture.options.sourceType === "script";
  const compiled = script ? outputCode : harness.withHelpers(babel, fixture, compileToCommonJs(outputCode, fixture.input));
  const virtualModules = { [outputFile]: compiled };
  const exported = createRegistry({ virtualModules }).load(path.join(fixture.dir, "exec.ts"));
  if (typeof exported.default === "function") await exported.default();
}
