// The example sources are what a newcomer reads first: they must type-check against the built package's
// declarations, through `import ... from "unproxy"`, like a user's project (examples/tsconfig.json for the Node
// demo, examples/browser/tsconfig.json with the "browser" condition and the DOM library for the browser page).
import { execFile } from "node:child_process";
import { join } from "node:path";

const PROJECTS = ["examples/tsconfig.json", "examples/browser/tsconfig.json"];
const root = join(__dirname, "..", "..");
const tsc = require.resolve("typescript/bin/tsc");
let results: Record<string, { output: string; failed: boolean }>;

beforeAll(async () => {
  // Both projects at once.
  const checks = PROJECTS.map((project) => new Promise<[string, { output: string; failed: boolean }]>((resolve) => {
    execFile(process.execPath, [tsc, "-p", project], { cwd: root }, (error, stdout, stderr) =>
      resolve([project, { output: stdout + stderr, failed: error !== null }]));
  }));
  results = Object.fromEntries(await Promise.all(checks));
}, 60_000);

test.each(PROJECTS)("%s type-checks against the package", (project) => {
  expect(results[project]).toEqual({ output: "", failed: false });
});
