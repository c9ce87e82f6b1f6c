// Runs examples/demo.mjs in a child process, as `npm run demo -- …` would.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const root = join(__dirname, "..", "..");

export interface Row {
  scenario: string;
  variant: string;
  library: string;
  requests: number;
  ok: number;
  leaks: number;
  lost: number;
  errors: number;
  cpuUsPerRequest: number;
  captureNs: number;
}

export interface Skip {
  scenario: string;
  reason: string;
}

export function demo(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [join(root, "examples/demo.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function demoJson(args: string[], env?: NodeJS.ProcessEnv) {
  const run = demo([...args, "--json"], env);
  let parsed: { rows: Row[]; skipped: Skip[] } | undefined;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`demo printed no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, rows: parsed!.rows, skipped: parsed!.skipped };
}
