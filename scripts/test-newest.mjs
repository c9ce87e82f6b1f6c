// `npm run test:newest`: tests what a user installs today, not what our lockfile pins. A copy of the project is
// installed without package-lock.json (so npm picks the newest versions the package's ranges allow), then the plugin's
// suites run there: the fixtures with their exec tests, the plugin and runtime unit tests and the fuzz sample on the
// newest Babel 7, the Babel 8 suite on the newest Babel 8 (test/babel-8 without its lock), and the Babel 7.22 suite
// (pinned exactly: our floor) against the newest helper packages. Any failure is a failing exit status.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.argv.includes("--keep");
const work = mkdtempSync(path.join(os.tmpdir(), "unproxy-newest-"));
const SUITES = ["test/plugin", "test/fuzz", "test/runtime", "test/cli"];

function run(label, command, args, cwd) {
  console.log(`\n== newest: ${label}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, CI: "true" } });
  if (result.status !== 0) {
    console.error(`newest: ${label} failed (exit ${result.status ?? result.signal}); the copy is in ${work}`);
    process.exit(1);
  }
}

function versions(dir, names) {
  return names
    .map((name) => {
      try {
        return `${name} ${JSON.parse(readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version}`;
      } catch {
        return `${name} (not installed)`;
      }
    })
    .join(", ");
}

const ignored = new Set(["node_modules", "dist", ".git", "package-lock.json"]);
cpSync(root, work, {
  recursive: true,
  filter: (source) => {
    const relative = path.relative(root, source);
    const parts = relative.split(path.sep);
    if (parts.some((part) => part === "node_modules" || part === ".git")) return false;
    if (parts[0] === "dist" || relative.startsWith("dist.")) return false;
    return !(parts.length === 1 && ignored.has(parts[0])) && !(relative === "test/babel-8/package-lock.json");
  },
});

const npmInstall = ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock"];
run("install the newest versions the ranges allow", "npm", npmInstall, work);
const babel = ["@babel/core", "@babel/traverse", "@babel/parser", "@babel/types", "@babel/generator"];
console.log(`newest: Babel 7 line: ${versions(work, babel)}`);
run("build", "npm", ["run", "build", "--silent"], work);
run(`jest ${SUITES.join(" ")} on the newest Babel 7`, "npx", ["jest", ...SUITES], work);

run("install the newest Babel 8", "npm", npmInstall, path.join(work, "test/babel-8"));
console.log(`newest: Babel 8 line: ${versions(path.join(work, "test/babel-8"), babel)}`);
run("Babel 8 suite on the newest Babel 8", "node", ["test/babel-8/run.mjs"], work);

// Babel 7.22 is pinned exactly (our floor); run it here too, against the plugin's newest own dependencies.
run("Babel 7.22 suite with the newest helper packages", "node", ["test/babel-7-min/run.mjs"], work);

if (!keep) rmSync(work, { recursive: true, force: true });
console.log("\nnewest: all suites passed on the newest allowed versions");
