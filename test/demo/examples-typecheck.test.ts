// The example sources are what a newcomer reads first: they must type-check against the built package's
// declarations, through `import ... from "unproxy"`, like a user's project (examples/tsconfig.json for the Node
// demo, examples/browser/tsconfig.json with the "browser" condition and the DOM library for the browser page).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

test.each(["examples/tsconfig.json", "examples/browser/tsconfig.json"])("%s type-checks against the package", (project) => {
  const root = join(__dirname, "..", "..");
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", project], { cwd: root, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 60_000);
