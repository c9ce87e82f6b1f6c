// Runs compiled fixture code with a private CommonJS registry per fixture, so module state in the runtime (one-time
// warnings, context stacks) never leaks from one fixture into the next.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { babel, execTransformOptions, pluginCjsFile, repoRoot, runtimeCjsFile } from "./babel.mjs";

const distRoot = path.join(repoRoot, "dist") + path.sep;
const EXTENSIONS = ["", ".ts", ".tsx", ".js", "/index.ts", "/index.js"];

/** TypeScript/JSX/ESM source to CommonJS for this Node, with Babel 8's presets. */
export function compileToCommonJs(code, filename) {
  return babel.transformSync(code, execTransformOptions(filename)).code;
}

/**
 * A module registry: `virtualModules` maps absolute filenames (extension included) to CommonJS code and wins over the
 * disk, `globals` are free variables every module sees (e.g. `expect`). "unproxy" and "unproxy/babel" resolve to the
 * repo's CJS build; other relative TypeScript files are compiled on the fly; packages come from Node.
 */
export function createRegistry({ globals = {}, virtualModules = {} } = {}) {
  const cache = new Map();
  const globalNames = Object.keys(globals);
  const globalValues = Object.values(globals);

  const evaluate = (filename, code) => {
    const module = { exports: {}, filename, id: filename, loaded: false };
    cache.set(filename, module);
    const params = ["exports", "require", "module", "__filename", "__dirname", ...globalNames];
    const fn = vm.compileFunction(code, params, { filename });
    fn(module.exports, makeRequire(filename), module, filename, path.dirname(filename), ...globalValues);
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

  const resolveRelative = (base) =>
    EXTENSIONS.map((suffix) => base + suffix).find(
      (file) => file in virtualModules || (existsSync(file) && statSync(file).isFile()),
    );

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
 * Compiles the plugin's output for a fixture and its exec file to CommonJS and runs the exec file, with
 * `import ... from "./output"` bound to the compiled output (not the output.ts on disk). Returns its module.exports.
 */
export function runExec({ outputCode, outputFilename, execFile, globals }) {
  const virtualModules = { [outputFilename]: compileToCommonJs(outputCode, outputFilename) };
  return createRegistry({ globals, virtualModules }).load(execFile);
}
