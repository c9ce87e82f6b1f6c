// require() on Node versions without module.registerHooks: wraps the CommonJS loader's .js handler (which Node also
// uses for .cjs, .ts and .cts when it has no handler of their own) to compile marked files before they run.
import * as nodeModule from "node:module";
import { readFileSync } from "node:fs";
import { compileMarked, compileTypeScript, needsOwnTypeScript, packageType } from "./load-core.js";

interface CommonJSModule {
  _compile(code: string, filename: string): unknown;
}
type Handler = (module: CommonJSModule, filename: string) => void;

const SCRIPT = /\.[cm]?[jt]s$/;

export function hookRequire(): void {
  const extensions = (nodeModule as unknown as { Module: { _extensions: Record<string, Handler> } }).Module._extensions;
  for (const ext of [".js", ".cjs", ".ts", ".cts"]) {
    const original = extensions[ext] ?? extensions[".js"]!;
    extensions[ext] = function unproxyRequireHook(module, filename) {
      // ES modules reached by require() (require(esm)) stay with Node's own handler.
      if (!SCRIPT.test(filename) || /[\\/]node_modules[\\/]/.test(filename) || isModule(filename)) {
        return original(module, filename);
      }
      if (needsOwnTypeScript(filename)) {
        module._compile(compileTypeScript(filename).source, filename);
        return;
      }
      const compiled = compileMarked(filename, readFileSync(filename, "utf8"));
      if (compiled === undefined) return original(module, filename);
      module._compile(compiled, filename);
    };
  }
}

function isModule(filename: string): boolean {
  if (/\.m[jt]s$/.test(filename)) return true;
  if (/\.c[jt]s$/.test(filename)) return false;
  return packageType(filename) === "module";
}
