// The pg scenario against a real PostgreSQL: .ci/services.sh starts one on 127.0.0.1 (or set UNPROXY_DEMO_PG).
// Under CI an unreachable server fails this test; elsewhere the test is skipped and the reason printed.
import { spawnSync } from "node:child_process";
import { demoJsonAsync, root } from "./run-demo";

const probe = spawnSync(process.execPath, ["--input-type=module", "-e",
  'import { probePostgres } from "./examples/lib/postgres.mjs"; console.log(JSON.stringify(await probePostgres()));'],
{ cwd: root, encoding: "utf8", timeout: 30_000 });
const reachable: { ok: boolean; reason?: string } = probe.status === 0
  ? JSON.parse(probe.stdout)
  : { ok: false, reason: `the probe failed: ${probe.stderr}` };
const ci = !!process.env.CI && process.env.CI !== "0" && process.env.CI !== "false";
if (!reachable.ok && !ci) console.warn(`pg scenario test skipped: ${reachable.reason}`);

// Both runs at once: they overlap, each mostly waiting on its own server.
let pgRun: Awaited<ReturnType<typeof demoJsonAsync>> | undefined;
let withoutPg: Awaited<ReturnType<typeof demoJsonAsync>>;
beforeAll(async () => {
  [pgRun, withoutPg] = await Promise.all([
    reachable.ok ? demoJsonAsync(["--requests", "100", "--concurrency", "50", "--scenarios", "pg-pool-query"]) : undefined,
    demoJsonAsync(["--requests", "5", "--concurrency", "5", "--scenarios", "pg-pool-query,set-timeout"],
      { ...process.env, UNPROXY_DEMO_PG: "postgres://nobody:nothing@127.0.0.1:9/none" }),
  ]);
}, 90_000);

(reachable.ok || ci ? test : test.skip)("pg pool.query(sql, cb) on a real PostgreSQL: leaks without capture, never with", () => {
  expect(reachable.reason).toBeUndefined();
  const run = pgRun!;
  expect(run.skipped).toEqual([]);
  expect(run.status).toBe(0);
  const rows = Object.fromEntries(run.rows.map((r) => [r.variant, r]));
  expect(rows["proxy-only"]!.library).toMatch(/^pg 8\.\d+\.\d+$/);
  expect(rows["proxy-only"]!.leaks).toBeGreaterThan(0);
  for (const variant of ["als-bind", "plugin"]) {
    expect({ variant, ok: rows[variant]!.ok, errors: rows[variant]!.errors }).toEqual({ variant, ok: 100, errors: 0 });
  }
});

test("without PostgreSQL the demo runs the rest and says in one line how to enable pg", () => {
  const run = withoutPg;
  expect(run.status).toBe(0);
  expect(run.rows.map((r) => r.scenario)).toEqual(["set-timeout", "set-timeout", "set-timeout"]);
  expect(run.skipped).toEqual([{
    scenario: "pg-pool-query",
    reason: "no PostgreSQL at postgres://nobody:***@127.0.0.1:9/none (ECONNREFUSED); to include it, run " +
      "`sudo bash .ci/services.sh` (Debian: installs and starts one on 127.0.0.1) or set " +
      "UNPROXY_DEMO_PG=postgres://user:password@host:port/database",
  }]);
});
