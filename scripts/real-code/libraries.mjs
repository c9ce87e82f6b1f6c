// Real libraries, every closure marked (issue 5, part 2): downloads npm tarballs that ship their sources and their test
// suites, runs each suite as published (baseline), compiles the library's sources and its tests with the plugin in
// markAll mode, and runs the suite again: the TAP counts must match and nothing may fail. No proxies are involved, so
// any difference is the plugin changing meaning.
//   node scripts/real-code/libraries.mjs [--only name]
// Third-party code lives only under node_modules/.cache/unproxy-real-code (gitignored). Needs a build.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");
const ROOT = resolve(import.meta.dirname, "../..");
const DIST = process.env.UNPROXY_DIST || join(ROOT, "dist");
const pluginModule = require(join(DIST, "cjs/plugin/index.js"));
const plugin = pluginModule.default || pluginModule;
const CACHE = join(ROOT, "node_modules/.cache/unproxy-real-code");

/**
 * Pinned versions; `compile`: the files and directories compiled (the library's sources and its tests); `testDeps`:
 * the devDependencies its tests require (lint, coverage and release tools left out).
 */
export const LIBRARIES = [
  { name: "minimist", version: "1.2.8", compile: ["index.js", "test"], tests: "test/*.js", testDeps: ["tape"] },
  {
    name: "qs", version: "6.17.1", compile: ["lib", "test"], tests: "test/*.js",
    testDeps: ["tape@^5.9.0", "es-value-fixtures", "for-each", "has-bigints", "has-override-mistake", "has-property-descriptors",
      "has-proto", "has-symbols", "iconv-lite", "mock-property", "object-inspect", "safer-buffer"],
  },
  {
    name: "object-inspect", version: "1.13.4", compile: ["index.js", "util.inspect.js", "test"], tests: "test/*.js",
    testDeps: ["tape", "error-cause", "es-value-fixtures", "for-each", "functions-have-names", "globalthis",
      "has-symbols", "has-tostringtag", "make-arrow-function", "mock-property", "semver", "string.prototype.repeat"],
  },
];

const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Downloads and unpacks the tarball, installs its runtime and test dependencies (no scripts run). */
function prepare(lib) {
  const dir = join(CACHE, `${lib.name}-${lib.version}`);
  const original = join(dir, "original");
  if (!existsSync(join(original, "node_modules"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(original, { recursive: true });
    const tgz = sh("npm", ["pack", `${lib.name}@${lib.version}`, "--silent", "--pack-destination", dir], dir).trim();
    sh("tar", ["xzf", join(dir, tgz.split("\n").pop()), "-C", original, "--strip-components=1"], dir);
    const pkg = JSON.parse(readFileSync(join(original, "package.json"), "utf8"));
    // "name@range" overrides the published range (when the registry lacks the newest release).
    const devDependencies = Object.fromEntries(lib.testDeps.map((d) => {
      const [name, range] = d.split(/(?!^)@/);
      return [name, range || pkg.devDependencies[name]];
    }));
    writeFileSync(join(original, "package.json"), JSON.stringify({ ...pkg, scripts: {}, devDependencies }, null, 2));
    sh("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"], original);
  }
  return { dir, original };
}

/** Runs the suite with tape; returns the TAP totals. */
function runTests(cwd, lib) {
  const files = readdirSync(join(cwd, "test")).filter((f) => f.endsWith(".js")).map((f) => join("test", f));
  let out;
  try {
    out = sh(process.execPath, [join(cwd, "node_modules/tape/bin/tape"), ...files], cwd);
  } catch (e) {
    out = String(e.stdout) + String(e.stderr);
  }
  const count = (label) => Number((new RegExp(`^# ${label}\\s+(\\d+)`, "m").exec(out) || [])[1] || 0);
  return { tests: count("tests"), pass: count("pass"), fail: count("fail"), tail: out.split("\n").slice(-15).join("\n") };
}

function jsFiles(path) {
  if (path.endsWith(".js")) return [path];
  return readdirSync(path, { recursive: true }).filter((f) => String(f).endsWith(".js")).map((f) => join(path, String(f)));
}

/** Compiles the listed files in place with markAll; returns how many closures were wrapped and names captured. */
function compileInPlace(cwd, lib) {
  let files = 0;
  let closures = 0;
  let captured = 0;
  for (const entry of lib.compile) {
    for (const file of jsFiles(join(cwd, entry))) {
      const reports = [];
      const { code } = babel.transformSync(readFileSync(file, "utf8"), {
        configFile: false, babelrc: false, filename: file, sourceType: "unambiguous",
        plugins: [[plugin, { markAll: true, onReport: (r) => reports.push(r) }]],
      });
      writeFileSync(file, code);
      files++;
      closures += reports.length;
      captured += reports.reduce((n, r) => n + r.captured.length, 0);
    }
  }
  return { files, closures, captured };
}

const only = process.argv.indexOf("--only") >= 0 ? process.argv[process.argv.indexOf("--only") + 1] : null;
const results = [];
for (const lib of LIBRARIES.filter((l) => !only || l.name === only)) {
  const { dir, original } = prepare(lib);
  const baseline = runTests(original, lib);
  const compiledDir = join(dir, "compiled");
  rmSync(compiledDir, { recursive: true, force: true });
  cpSync(original, compiledDir, { recursive: true });
  // The compiled code imports the runtime (unproxy() on captured names): resolve it to this repository's build.
  symlinkSync(ROOT, join(compiledDir, "node_modules/unproxy"), "dir");
  const compiled = compileInPlace(compiledDir, lib);
  const after = runTests(compiledDir, lib);
  const ok = baseline.fail === 0 && after.fail === 0 && after.pass === baseline.pass && after.tests === baseline.tests;
  results.push({ library: `${lib.name}@${lib.version}`, ok, ...compiled, baseline: { tests: baseline.tests, pass: baseline.pass,
    fail: baseline.fail }, compiledRun: { tests: after.tests, pass: after.pass, fail: after.fail } });
  if (!ok) console.error(`${lib.name}: compiled suite differs\n${after.tail}\n-- baseline --\n${baseline.tail}`);
}
writeFileSync(join(CACHE, "libraries.json"), JSON.stringify(results, null, 2) + "\n");
console.log(JSON.stringify(results, null, 2));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
