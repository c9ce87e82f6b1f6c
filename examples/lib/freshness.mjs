// `npm run demo` runs against dist/. It rebuilds only when a source is newer than the build, and says so.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const defaultRepoDir = fileURLToPath(new URL("../..", import.meta.url));
// What the build reads (scripts/build.mjs: tsc over src/ with these configs) and what the demo loads from dist/.
const INPUTS = ["src", "tsconfig.json", "tsconfig.cjs.json", "scripts/build.mjs"];
const OUTPUTS = ["dist/esm/runtime/index.js", "dist/esm/plugin/index.js", "dist/cjs/runtime/index.js", "dist/cjs/plugin/index.js"];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let best = { path, mtimeMs: 0 };
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry));
    if (found.mtimeMs > best.mtimeMs) best = found;
  }
  return best;
}

/** Why dist/ must be rebuilt ("dist/ is missing", "src/x.ts is newer than dist/"), or undefined when it is current. */
export function staleReason(repoDir = defaultRepoDir) {
  const outputs = OUTPUTS.map((rel) => join(repoDir, rel));
  const missing = outputs.find((path) => !existsSync(path));
  if (missing) return `${relative(repoDir, missing)} is missing`;
  const built = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
  const changed = INPUTS.map((rel) => join(repoDir, rel)).filter((path) => existsSync(path)).map(newest)
    .find((found) => found.mtimeMs > built);
  return changed ? `${relative(repoDir, changed.path)} is newer than dist/` : undefined;
}

/** Rebuilds dist/ when stale, telling `log` why and how long it took. */
export function buildIfStale(log, repoDir = defaultRepoDir) {
  const reason = staleReason(repoDir);
  if (!reason) return;
  log(`demo: ${reason}; building it first (npm run build: tsc, for ESM and CommonJS)…`);
  const started = Date.now();
  execFileSync(process.execPath, [join(repoDir, "scripts/build.mjs")], { cwd: repoDir, stdio: ["ignore", "inherit", "inherit"] });
  log(`demo: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
