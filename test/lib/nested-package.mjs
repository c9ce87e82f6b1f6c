// Nested test packages (test/babel-8, test/babel-7-min) carry their own lock; this installs one when a fresh clone has
// no node_modules there, or when what is installed differs from the lock.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

// npm keeps node_modules/.package-lock.json in step with what is installed.
export function installIsStale(dir) {
  const lock = readJson(path.join(dir, "package-lock.json"));
  const installed = readJson(path.join(dir, "node_modules/.package-lock.json"));
  if (!lock || !installed) return true;
  return Object.entries(lock.packages).some(
    ([key, entry]) => key !== "" && !entry.optional && installed.packages?.[key]?.version !== entry.version,
  );
}

/** `npm ci` in dir when needed; returns the exit status (0 when nothing had to be done). */
export function ensureInstalled(dir, label) {
  // No lock beside an installed node_modules: a deliberate install of the newest versions (npm run test:newest).
  if (!existsSync(path.join(dir, "package-lock.json")) && existsSync(path.join(dir, "node_modules"))) return 0;
  if (!installIsStale(dir)) return 0;
  console.log(`${label}: installing ${path.basename(dir)} from its lock (npm ci)`);
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  return result.status ?? 1;
}
