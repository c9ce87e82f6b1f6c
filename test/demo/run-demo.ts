// Runs examples/demo.mjs in a child process, as `npm run demo -- …` would.
import { spawn, spawnSync } from "node:child_process";
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

/** The same as demo(), without blocking: several runs can overlap (each is mostly waiting on its own server). */
export function demoAsync(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ReturnType<typeof demo>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "examples/demo.mjs"), ...args], { cwd: root, env, timeout: 120_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function parseJson(run: ReturnType<typeof demo>) {
  let parsed: { rows: Row[]; skipped: Skip[] } | undefined;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`demo printed no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, rows: parsed!.rows, skipped: parsed!.skipped };
}

export function demoJson(args: string[], env?: NodeJS.ProcessEnv) {
  return parseJson(demo([...args, "--json"], env));
}

export async function demoJsonAsync(args: string[], env?: NodeJS.ProcessEnv) {
  return parseJson(await demoAsync([...args, "--json"], env));
}
