// `npm run bench [-- --quick] [-- --all-nodes] [-- --nodes 20,22]`: runs every benchmark group in fresh child
// processes on each Node version, prints one Markdown section per version, writes bench/results/*.json.
// `--render <results.json…>` reprints saved results. `--child <job> --out <file>` is the child side, runnable by
// any Node: `npx -y node@22 bench/run.mjs --child core`.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag("quick");
/** How many contexts are created before the async-cost measurement (bench/suites/scale.mjs); quick: the ends only. */
const SCALE_COUNTS = quick ? [0, 10000] : [0, 1000, 10000];

async function child() {
  const job = value("child");
  const started = Date.now();
  let result;
  try {
    if (["core", "zone", "cls", "access-clean"].includes(job)) {
      const { runRuntimeGroup } = await import("./suites/runtime.mjs");
      result = await runRuntimeGroup(job, { quick });
    } else if (job === "scale") {
      const { runScale } = await import("./suites/scale.mjs");
      result = await runScale({ quick, kind: value("kind"), counts: value("counts").split(",").map(Number) });
    } else if (job === "build") {
      result = (await import("./suites/build.mjs")).runBuild({ quick });
    } else if (job === "build-mem") {
      const { runBuildMemory } = await import("./suites/build.mjs");
      result = runBuildMemory({ quick, variant: value("variant"), input: value("input") });
    } else throw new Error(`unknown job ${job}`);
  } catch (error) {
    result = { error: error.message };
  }
  const { sinkValue } = await import("./lib/measure.mjs");
  result.sink = sinkValue();
  result.seconds = (Date.now() - started) / 1000;
  const out = value("out");
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
}

/** The node binary for a major version: this one, or the one `npx -y node@<major>` installs. */
function nodeBinary(major) {
  if (process.versions.node.split(".")[0] === String(major)) return process.execPath;
  return execFileSync("npx", ["-y", `node@${major}`, "-p", "process.execPath"], { encoding: "utf8", cwd: root }).trim();
}

function runChild(exe, job, extra = []) {
  const outDir = mkdtempSync(join(tmpdir(), "unproxy-bench-out-"));
  const out = join(outDir, "result.json");
  const args = ["--expose-gc", join(root, "bench/run.mjs"), "--child", job, "--out", out, ...extra];
  if (quick) args.push("--quick");
  const t0 = Date.now();
  const env = { ...process.env, UNPROXY_BENCH_ROOT: buildSnapshot };
  const res = spawnSync(exe, args, { cwd: root, env, encoding: "utf8", timeout: 15 * 60_000 });
  process.stderr.write(`  ${job} ${extra.join(" ")} ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
  try {
    return JSON.parse(readFileSync(out, "utf8"));
  } catch {
    const tail = (res.stderr || "").trim().split("\n").slice(-3).join(" / ");
    return { error: `child ${job} failed (exit ${res.status}): ${tail}` };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The placeholder shown in table cells where a compiled variant could not run; the full reason is in the notes. */
const shortReason = (note) => (/not built yet/.test(note) ? "plugin not built yet" : "plugin failed (see notes)");

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

let buildSnapshot;

async function parent() {
  const { snapshotBuild } = await import("./lib/build-root.mjs");
  buildSnapshot = snapshotBuild();
  process.on("exit", () => rmSync(buildSnapshot, { recursive: true, force: true }));
  const { renderNode, renderSummary } = await import("./lib/report.mjs");
  const thisMajor = process.versions.node.split(".")[0];
  const majors = value("nodes")?.split(",") ?? (quick && !flag("all-nodes") ? [thisMajor] : ["20", "22", "24"]);
  const date = new Date().toISOString().slice(0, 10);
  const sections = [];
  const all = [];
  let failed = false;
  for (const major of majors) {
    process.stderr.write(`node ${major}:\n`);
    let exe;
    try {
      exe = nodeBinary(major);
    } catch (error) {
      sections.push(`### Node ${major}\n\nCould not get Node ${major}: ${error.message.split("\n")[0]}`);
      failed = true;
      continue;
    }
    const probe = "JSON.stringify([process.version, process.versions.v8])";
    const [node, v8] = JSON.parse(execFileSync(exe, ["-p", probe], { encoding: "utf8" }));
    const cpu = `${cpus()[0]?.model} ×${cpus().length}`;
    const r = { node, v8, date: new Date().toISOString(), quick, commit: gitCommit(), cpu, runtime: {}, notes: [], sinks: {} };
    for (const group of ["core", "zone", "cls", "access-clean"]) {
      const g = runChild(exe, group);
      r.sinks[group] = g.sink;
      if (g.error) r.notes.push(`${group}: ${g.error}`);
      Object.assign(r.runtime, g.results ?? {});
      for (const n of g.notes ?? []) {
        if (/plugin/.test(n)) r.pluginMissing ??= shortReason(n);
        r.notes.push(`${group}: ${n}`);
      }
    }
    // Async cost after many contexts: a fresh process per kind, since what a context leaves behind is the question.
    for (const kind of ["runtime", "als"]) {
      // Creating 10,000 bare AsyncLocalStorages and timing the slowed awaits takes ~20 s: full runs only.
      const counts = quick && kind === "als" ? [0, 1000] : SCALE_COUNTS;
      const g = runChild(exe, "scale", ["--kind", kind, "--counts", counts.join(",")]);
      if (g.error) r.notes.push(`scale ${kind}: ${g.error}`);
      Object.assign(r.runtime, g.results ?? {});
    }
    r.build = runChild(exe, "build");
    if (r.build.error) r.pluginMissing ??= shortReason(r.build.error);
    r.buildMemory = {};
    // Memory needs a fresh process per variant and input (four Babel runs): full runs only, to keep --quick short.
    for (const input of quick ? [] : ["real", "dense"]) {
      for (const variant of ["without", "with"]) {
        r.buildMemory[`${input}/${variant}`] = runChild(exe, "build-mem", ["--variant", variant, "--input", input]);
      }
    }
    for (const note of r.build.notes ?? []) r.notes.push(`build: ${note}`);
    // The sinks hold every loop's results; a non-number means some loop's work was not observed.
    for (const [group, sink] of Object.entries(r.sinks)) {
      if (typeof sink !== "number" || !Number.isFinite(sink)) r.notes.push(`${group}: sink check failed (${sink})`);
    }
    const dir = join(root, "bench/results");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${date}-node${major}${quick ? ".quick" : ""}.json`);
    writeFileSync(file, JSON.stringify(r, null, 2) + "\n");
    sections.push(renderNode(r));
    all.push(r);
    process.stderr.write(`  wrote ${file}\n`);
  }
  const summary = all.length ? `### Goals per Node version\n\n${renderSummary(all)}\n\n` : "";
  console.log(`## Benchmarks\n\n${summary}${sections.join("\n\n")}\n`);
  if (failed) process.exitCode = 1;
}

/** `--render a.json b.json`: prints the Markdown of saved results without running anything (for the README). */
async function render() {
  const { renderNode, renderSummary } = await import("./lib/report.mjs");
  const results = argv.filter((a) => a.endsWith(".json")).map((f) => JSON.parse(readFileSync(f, "utf8")));
  console.log(`### Goals per Node version\n\n${renderSummary(results)}\n\n${results.map(renderNode).join("\n\n")}`);
}

await (flag("child") ? child() : flag("render") ? render() : parent());
