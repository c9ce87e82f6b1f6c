// A short soak in npm test (the full one, `node --expose-gc test/load/soak.mjs`, runs in `npm run test:slow`): the
// demo server compiled by the plugin answers every request with its own data through the queue, emitter and thenable
// hand-offs, and the request objects its callbacks captured are collected afterwards. Runs in a child process
// because it needs --expose-gc.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Sizes for the gate; the slow tier (`npm run test:slow`) runs the full soak (20,000 requests per scenario, 5 rounds).
const REQUESTS = 600;
const PROBE = 200;

test(`plugin variant: no cross-request data, captured requests released (${REQUESTS} requests per scenario)`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "unproxy-soak-"));
  const json = path.join(dir, "soak.json");
  try {
    try {
      execFileSync(
        process.execPath,
        ["--expose-gc", "test/load/soak.mjs", "--requests", `${REQUESTS}`, "--concurrency", "200", "--rounds", "2", "--probe", `${PROBE}`],
        { cwd: path.resolve(__dirname, "../.."), env: { ...process.env, SOAK_JSON: json }, stdio: "pipe" },
      );
    } catch {
      // A non-zero exit still writes the report; the assertions below say what failed.
    }
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.scenarios.map((s: { scenario: string }) => s.scenario)).toEqual(["work-queue", "event-emitter", "thenable"]);
    for (const s of report.scenarios) {
      expect({ scenario: s.scenario, leaks: s.leaks, errors: s.errors, requests: s.requests }).toEqual({
        scenario: s.scenario, leaks: 0, errors: 0, requests: REQUESTS,
      });
      expect(s.probe).toEqual({ created: PROBE, replied: PROBE, wrongReplies: 0, released: PROBE });
    }
    // The control run shows the check can fail: without capture, the queue hands most requests another's data.
    const queue = report.control.find((c: { scenario: string }) => c.scenario === "work-queue");
    expect(queue.leaks).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
