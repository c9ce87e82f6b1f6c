// `node --import unproxy/register main.mjs` on Node 20 (this process's), 22 and 24 (fetched with npx): every file
// kind with a marker is compiled on load, files without markers load byte for byte, stack traces point at the source.
// Needs the build (npm test builds first).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { removeProject } from "./lib/project";
import { makeRegisterProject, THROW_LINE, UNTOUCHED } from "./lib/register-project";

let dir: string;
beforeAll(() => {
  dir = makeRegisterProject();
});
afterAll(() => removeProject(dir));

const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** The command running a given Node major: this process's own binary when it is that major, else npx node@major. */
function nodeCommand(major: number): string[] | undefined {
  if (Number(process.versions.node.split(".")[0]) === major) return [process.execPath];
  const probe = spawnSync(npx, ["-y", `node@${major}`, "-v"], { encoding: "utf8", timeout: 120_000 });
  if (probe.status === 0 && probe.stdout.startsWith(`v${major}.`)) return [npx, "-y", `node@${major}`];
  console.warn(
    `!!! SKIPPED: unproxy/register on Node ${major}: "npx -y node@${major}" could not fetch Node ${major} ` +
      `(status ${probe.status}):\n${probe.stderr}`,
  );
  return undefined;
}

test.each([20, 22, 24])("Node %i: marked .js/.mjs/.cjs/.ts/.mts/.cts files compiled on load, others untouched", (major) => {
  const command = nodeCommand(major);
  if (!command) return;
  const [bin, ...args] = command;
  const run = spawnSync(bin, [...args, "--import", "unproxy/register", "main.mjs"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`Node ${major} failed:\n${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  expect(result.seen).toEqual(["js:A", "mjs:A", "cjs:A", "ts:A", "mts:A", "cts:A"]);
  expect(result.untouched).toEqual(UNTOUCHED);
  expect(result.stack).toBe(`at fail (${join(dir, "thrower.ts")}:${THROW_LINE}:9)`);
}, 240_000);
