// unproxy/register: `node --import unproxy/register app.ts` compiles files with markers as Node loads them. Where Node
// has in-thread hooks (module.registerHooks: 22.15+, 23.5+) they cover import and require(); older Node gets
// off-thread hooks for ES modules (module.register, 20.6+) and a require() hook for CommonJS. Source maps are switched
// on so stack traces point at the source, as they would after a build.
import * as nodeModule from "node:module";
import { codedError } from "./babel.js";
import { candidate, compileMarked, compileTypeScript, needsOwnTypeScript, sourceText } from "./load-core.js";
import { hookRequire } from "./require-hook.js";

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}
interface RegisterHooks {
  registerHooks?: (hooks: {
    load: (url: string, context: object, nextLoad: (url: string, context?: object) => LoadResult) => LoadResult;
  }) => unknown;
}

const { registerHooks } = nodeModule as RegisterHooks;

process.setSourceMapsEnabled(true);
if (typeof registerHooks === "function") {
  registerHooks({
    load(url, context, nextLoad) {
      const path = candidate(url);
      if (!path) return nextLoad(url, context);
      if (needsOwnTypeScript(path)) return { ...compileTypeScript(path), shortCircuit: true };
      const loaded = nextLoad(url, context);
      if (loaded.source == null) return loaded;
      const compiled = compileMarked(path, sourceText(loaded.source));
      // The format stays Node's ("commonjs-typescript", "module-typescript"…): it strips the types after us.
      return compiled === undefined ? loaded : { ...loaded, source: compiled, shortCircuit: true };
    },
  });
} else if (typeof nodeModule.register === "function") {
  nodeModule.register("./hooks.js", import.meta.url);
  hookRequire();
} else {
  throw codedError("I004_NO_REGISTER", process.versions.node);
}
