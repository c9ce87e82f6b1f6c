// The example sources are what a newcomer reads first: they must type-check against the built package's
// declarations, through `import ... from "unproxy"`, like a user's project (examples/tsconfig.json).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

test("examples/app and examples/scenarios type-check against the package", () => {
  const root = join(__dirname, "..", "..");
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "examples/tsconfig.json"], { cwd: root, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 60_000);
