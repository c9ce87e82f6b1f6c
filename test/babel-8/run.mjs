// `npm run test:babel8`: runs on the root's Node 20, makes sure test/babel-8 has its locked Babel 8 installed, then
// runs the Babel 8 suite under Node >= 22.18 (Babel 8's floor): this Node if it qualifies, otherwise `npx -y node@22`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "../lib/nested-package.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const testFiles = ["fixtures.test.mjs", "plugin-loading.test.mjs", "plugin-behaviour.test.mjs", "node-walk.test.mjs"].map((file) => path.join(here, file));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// Babel 8's engines field: ^22.18.0 || >=24.11.0.
function nodeSupportsBabel8(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return (major === 22 && minor >= 18) || (major === 24 && minor >= 11) || major >= 25;
}

// Babel 8 declares engines ^22.18; installing from Node 20 only warns, and npm is kept quiet about it.
const installed = ensureInstalled(here, "Babel 8 run");
if (installed !== 0) process.exit(installed);

const distEntries = ["cjs/plugin/index.js", "esm/plugin/index.js", "cjs/runtime/index.js", "esm/runtime/index.js"];
const distIsComplete = (dir) => distEntries.every((entry) => existsSync(path.join(dir, entry)));

if (!distIsComplete(path.join(repoRoot, "dist"))) {
  console.log("Babel 8 run: dist/ is missing, building first");
  const status = run("npm", ["run", "build", "--silent"], { cwd: repoRoot });
  if (status !== 0) process.exit(status);
}

// `npm test` builds first; a direct `npm run test:babel8` after editing src/ would test the old build, so say so.
function newestSourceIsAfterBuild() {
  const built = statSync(path.join(repoRoot, "dist/cjs/plugin/index.js")).mtimeMs;
  const src = path.join(repoRoot, "src");
  return readdirSync(src, { recursive: true }).some((file) => statSync(path.join(src, file)).mtimeMs > built);
}
if (newestSourceIsAfterBuild()) console.warn("Babel 8 run: warning: src/ changed after the last build; run `npm run build`");

// The suite reads a private copy of dist/ (one per run): `npm run build` deletes dist/ first, and a build started
// elsewhere while this suite runs would otherwise make it fail at random. The copy stays under the root's
// node_modules so the plugin's own dependencies (@babel/helper-*) resolve from the root, as they do for a user.
const snapshotRoot = path.join(repoRoot, `node_modules/.cache/unproxy-babel-8/${process.pid}`);
function snapshotDist() {
  const snapshot = path.join(snapshotRoot, "dist");
  for (let attempt = 0; attempt < 10; attempt++) {
    rmSync(snapshot, { recursive: true, force: true });
    try {
      cpSync(path.join(repoRoot, "dist"), snapshot, { recursive: true });
      if (distIsComplete(snapshot)) return snapshot;
    } catch {
      // dist/ changed under us: a build is running, try again shortly
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  }
  throw new Error("Babel 8 run: dist/ kept changing while it was being copied (is a build running?)");
}
const distDir = snapshotDist();

const babelVersion = JSON.parse(readFileSync(path.join(here, "node_modules/@babel/core/package.json"), "utf8")).version;
const [command, prefix] = nodeSupportsBabel8(process.version)
  ? [process.execPath, []]
  : ["npx", ["-y", "node@22"]];
console.log(
  `Babel 8 run: @babel/core ${babelVersion} under ${command === "npx" ? "npx -y node@22" : `Node ${process.version}`}`,
);
// NODE_ENV=test as under jest: presets read it (preset-react's `development` default follows Babel's env).
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "test", UNPROXY_DIST_DIR: distDir };
const args = [...prefix, "--test", "--test-reporter=spec", ...testFiles];
const status = run(command, args, { cwd: repoRoot, env });
rmSync(snapshotRoot, { recursive: true, force: true });
process.exit(status);
