// Where the benchmarked build lives. Others may run `npm run build` (which empties dist/) while a bench runs, so
// the parent copies dist/ once into a private snapshot and every child reads the runtime and the plugin from it.
import { cpSync, existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The snapshot passed down by the parent (UNPROXY_BENCH_ROOT), or the project itself for a standalone child. */
export const buildRoot = process.env.UNPROXY_BENCH_ROOT || projectRoot;

/** Imports the runtime's ESM build from the build root (the same file the compiled sources resolve to). */
export function importRuntime() {
  return import(pathToFileURL(join(buildRoot, "dist/esm/runtime/index.js")).href);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Copies dist/ and package.json to a temp dir (node_modules linked back); waits while a rebuild is underway. */
export function snapshotBuild() {
  const needed = ["dist/esm/package.json", "dist/cjs/package.json", "dist/esm/runtime/index.js", "dist/cjs/plugin/index.js"];
  const ready = () => needed.every((f) => existsSync(join(projectRoot, f)));
  for (let i = 0; i < 120 && !ready(); i++) sleep(500);
  const dir = mkdtempSync(join(tmpdir(), "unproxy-bench-build-"));
  cpSync(join(projectRoot, "dist"), join(dir, "dist"), { recursive: true });
  cpSync(join(projectRoot, "package.json"), join(dir, "package.json"));
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}
