// `npm run test:slow`: the long forms of the checks `npm test` samples, one after the other, each with its time.
// CI runs it after the gate. Any step that fails fails the run; a scan that runs out of time fails too (a partial scan
// is not the full scan this tier promises).
//   node test/slow/run.mjs [--only fuzz,direct,soak,scan] [--fuzz-programs N]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const scanJson = "node_modules/.cache/unproxy-real-code/slow-scan.json";

// Sizes: 10,000 programs of fuzzing (2,109 programs took 94 s on two workers with the machine's load average at 8–12,
// 0 divergences), the soak at its full default size, and every file of node_modules within the scan's own time limit.
const args = { only: "fuzz,direct,soak,scan", "fuzz-programs": 10_000 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const key = argv[i].replace(/^--/, "");
  if (!(key in args)) {
    console.error(`test:slow: unknown option ${argv[i]} (--only fuzz,direct,soak,scan, --fuzz-programs N)`);
    process.exit(2);
  }
  args[key] = typeof args[key] === "number" ? Number(argv[++i]) : argv[++i];
}

const steps = {
  fuzz: {
    what: `differential fuzz, ${args["fuzz-programs"].toLocaleString("en")} programs on two workers`,
    command: ["test/fuzz/long-run.mjs", "--runs", String(args["fuzz-programs"]), "--workers", "2"],
  },
  direct: {
    // 3,750 programs and 150 module graphs found nothing after the two classes this fuzzer found were fixed (~4 min
    // at load 4); the gate runs 500 and 20.
    what: "direct-read differential fuzz, 3,000 programs and 120 module graphs",
    command: ["node_modules/jest/bin/jest.js", "test/fuzz/direct-read.test.ts"],
    env: { UNPROXY_DIRECT_RUNS: "3000" },
  },
  soak: {
    what: "load soak at full size (20,000 requests per scenario, 5 rounds, forced GC)",
    command: ["--expose-gc", "test/load/soak.mjs"],
  },
  scan: {
    what: "every source file of node_modules compiled with markAll",
    command: ["scripts/real-code/scan.mjs", "--workers", "2", "--json", scanJson],
    // The scan's exit status counts crashes; running out of time is a failure here as well.
    after: () => {
      const result = JSON.parse(readFileSync(path.join(root, scanJson), "utf8"));
      if (result.timedOut) return `the scan stopped at its time limit after ${result.read} of ${result.files} files`;
      return undefined;
    },
  },
};

function buildIsCurrent() {
  const built = path.join(root, "dist/cjs/plugin/index.js");
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const src = path.join(root, "src");
  return !readdirSync(src, { recursive: true }).some((file) => statSync(path.join(src, file)).mtimeMs > builtAt);
}

if (!buildIsCurrent()) {
  console.log("test:slow: building first (dist/ is missing or older than src/)");
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const results = [];
for (const name of args.only.split(",")) {
  const step = steps[name];
  if (!step) {
    console.error(`test:slow: no step "${name}" (fuzz, direct, soak, scan)`);
    process.exit(2);
  }
  console.log(`\n== test:slow: ${name} — ${step.what}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, step.command, { cwd: root, stdio: "inherit", env: { ...process.env, ...step.env } });
  const failure = run.status !== 0 ? `exit status ${run.status ?? run.signal}` : step.after?.();
  results.push({ name, seconds: Math.round((Date.now() - started) / 1000), failure });
}

console.log("\n== test:slow: summary");
for (const { name, seconds, failure } of results) console.log(`${name.padEnd(5)} ${String(seconds).padStart(5)} s  ${failure ? `FAILED: ${failure}` : "ok"}`);
process.exit(results.some((r) => r.failure) ? 1 : 0);
