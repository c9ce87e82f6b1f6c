// Smoke test of `npm run demo`: a small run of every scenario but pg (test/demo/pg.test.ts), asserting behaviour —
// who leaks, who loses the request, who is right — never timing.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demo, demoAsync, demoJsonAsync } from "./run-demo";

// What each library does without a capture on this Node (pinned versions: package.json devDependencies).
const LEAKS = ["generic-pool-2", "dataloader", "p-limit-4", "p-queue-9", "work-queue", "event-emitter", "thenable"];
const LOSES = ["request-body-end"];
const RIGHT = ["generic-pool", "p-limit", "p-queue", "http-agent", "set-timeout"];
const SCENARIOS = [...LEAKS, ...LOSES, ...RIGHT];
const VARIANTS = ["proxy-only", "als-bind", "plugin"];

// The three runs overlap: each spends most of its time waiting on its own loopback server.
let smoke: Awaited<ReturnType<typeof demoJsonAsync>>;
let shown: Awaited<ReturnType<typeof demoAsync>>;
let noOp: Awaited<ReturnType<typeof demoJsonAsync>>;

beforeAll(async () => {
  // A Babel plugin that does nothing: marker comments are left alone, so those callbacks capture nothing.
  const dir = mkdtempSync(join(tmpdir(), "unproxy-demo-"));
  writeFileSync(join(dir, "no-op-plugin.cjs"), "module.exports = () => ({ visitor: {} });\n");
  [smoke, shown, noOp] = await Promise.all([
    demoJsonAsync(["--requests", "40", "--concurrency", "20", "--scenarios", SCENARIOS.join(",")]),
    demoAsync(["--show", "--requests", "20", "--concurrency", "10", "--scenarios", "p-limit-4,p-limit"]),
    demoJsonAsync(["--requests", "60", "--concurrency", "30", "--plugin", join(dir, "no-op-plugin.cjs"),
      "--scenarios", "work-queue,event-emitter,request-body-end"]),
  ]);
}, 120_000);

describe("npm run demo", () => {
  const row = (scenario: string, variant: string) => smoke.rows.find((r) => r.scenario === scenario && r.variant === variant)!;

  test("every scenario runs under every variant, every request answered, rows grouped by scenario", () => {
    const { rows } = smoke;
    expect(smoke.status).toBe(0);
    // In the order asked for, each scenario under the three variants.
    expect(rows.map((r) => `${r.scenario}/${r.variant}`)).toEqual(SCENARIOS.flatMap((s) => VARIANTS.map((v) => `${s}/${v}`)));
    for (const r of rows) {
      expect(r.ok + r.leaks + r.lost + r.errors).toBe(40);
      expect(r.errors).toBe(0);
      expect(r.captureNs).toBeGreaterThan(0);
      expect(r.cpuUsPerRequest).toBeGreaterThan(0);
    }
  });

  test("rows name the library versions that ran, including the pinned old releases behind aliases", () => {
    expect(row("p-limit-4", "plugin").library).toBe("p-limit 4.0.0");
    expect(row("p-queue-9", "plugin").library).toBe("p-queue 9.3.5");
    expect(row("generic-pool-2", "plugin").library).toBe("generic-pool 2.5.4");
    expect(row("p-queue", "plugin").library).toMatch(/^p-queue (\d+)\./);
    expect(Number(row("p-queue", "plugin").library.split(" ")[1]!.split(".")[0])).toBeGreaterThanOrEqual(10);
    expect(row("request-body-end", "plugin").library).toBe(`http (node ${process.versions.node})`);
  });

  test.each(SCENARIOS)("%s: the plugin and AsyncLocalStorage.bind neither leak nor lose the request", (scenario) => {
    for (const variant of ["plugin", "als-bind"]) {
      expect({ variant, leaks: row(scenario, variant).leaks, lost: row(scenario, variant).lost }).toEqual({
        variant, leaks: 0, lost: 0,
      });
    }
  });

  test.each(LEAKS)("%s: without capture, responses carry another request's data", (scenario) => {
    expect(row(scenario, "proxy-only").leaks).toBeGreaterThan(0);
  });

  test("req.on(\"end\") without capture: the listener finds no request at all (lost, not leaked)", () => {
    expect(row("request-body-end", "proxy-only")).toMatchObject({ leaks: 0, lost: 40 });
  });

  test.each(RIGHT)("%s: this version is right without capture (the control cases)", (scenario) => {
    expect(row(scenario, "proxy-only")).toMatchObject({ leaks: 0, lost: 0 });
  });
});

describe("demo output and flags", () => {
  test("the table streams a row per measurement; --show prints one short before/after example first", () => {
    const run = shown;
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    const header = lines.findIndex((line) => /^\| library +\| hand-off +\| variant +\| +leaked \| +lost \|/.test(line));
    expect(header).toBeGreaterThan(0);
    // The example: the hand-off as written, then as each variant compiled it; short enough to read at a glance.
    const show = run.stdout.slice(run.stdout.indexOf("── examples/scenarios/p-limit-4.ts, as written ──"));
    expect(show.split("\n").findIndex((line) => line.startsWith("| library"))).toBeLessThan(40);
    expect(show).toContain("return /* @unproxy */ async () => {");
    expect(show).toContain("── compiled: proxy only ──\nexport function createCallback(reply) {\n  return async () => {");
    expect(show).toContain("── compiled: ALS.bind ──\nexport function createCallback(reply) {\n  return _AsyncLocalStorage.bind(async () => {");
    // The plugin's output is the plugin's business (its fixtures pin it); here: the request is resolved at creation.
    expect(show).toMatch(/── compiled: plugin ──\nexport function createCallback\(reply\) \{\n[^─]*\b_unproxy\(request\)/);
    const table = lines.slice(header + 2, header + 8);
    expect(table.map((line) => line.split("|")[3]!.trim())).toEqual(["proxy only", "ALS.bind", "plugin", "proxy only", "ALS.bind", "plugin"]);
    expect(table[0]).toMatch(/^\| p-limit 4\.0\.0 +\| limit\(job\) +\| proxy only \| +\d+ LEAKED \| +0 \| +0 \|/);
    expect(table[1]).toMatch(/^\| +\| +\| ALS\.bind/);
    expect(run.stdout).toMatch(/Needs a capture \(without one, requests leaked or were lost\):\n {2}p-limit 4\.0\.0 limit\(job\)\n/);
    expect(run.stdout).toMatch(/Right without one \(the marker is still harmless there\):\n {2}p-limit \d+\.\d+\.\d+ limit\(job\)\n/);
  });

  test("a plugin variant that leaks makes the demo exit 1, naming the scenarios (the CI smoke guard)", () => {
    const run = noOp;
    expect(run.status).toBe(1);
    const failures = run.stderr.split("\n").filter((line) => line.startsWith("demo: FAIL"));
    expect(failures.map((line) => line.replace(/: \d+ leaks.*/, ""))).toEqual([
      "demo: FAIL plugin variant on work-queue",
      "demo: FAIL plugin variant on request-body-end",
    ]);
    expect(failures[1]).toContain(": 0 leaks, 60 lost, 0 errors");
    // The emitter scenario's captureContext() call was left for the runtime's fallback, which snapshots instead.
    expect(run.rows.find((r) => r.scenario === "event-emitter" && r.variant === "plugin")!.leaks).toBe(0);
  });

  test("bad values are usage errors", () => {
    const run = demo(["--requests", "0"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^demo: --requests must be an integer between 1 and 1000000, got "0"\nusage: /);
    const unknown = demo(["--scenarios", "p-limit,nope"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^demo: --scenarios takes names from: pg-pool-query, .*; got "nope"\nusage: /);
  });
});
