// Off-thread hooks (module.register) for Node versions without module.registerHooks. They handle ES modules; every
// CommonJS file is left to Node's CommonJS loader, where require-hook.ts compiles it, so require() calls from it are
// seen too.
import { candidate, compileMarked, compileTypeScript, needsOwnTypeScript, sourceText } from "./load-core.js";

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context?: object) => Promise<LoadResult>;

export async function load(url: string, context: object, nextLoad: NextLoad): Promise<LoadResult> {
  const path = candidate(url);
  if (!path) return nextLoad(url, context);
  if (needsOwnTypeScript(path)) {
    const loaded = compileTypeScript(path);
    // No source: Node's CommonJS loader reads the file, through require-hook.ts.
    if (loaded.format === "commonjs") return { format: "commonjs", shortCircuit: true };
    return { ...loaded, shortCircuit: true };
  }
  const loaded = await nextLoad(url, context);
  if (String(loaded.format).startsWith("commonjs") || loaded.source == null) return loaded;
  const compiled = compileMarked(path, sourceText(loaded.source));
  return compiled === undefined ? loaded : { ...loaded, source: compiled, shortCircuit: true };
}
