// `npm run test:babel7-min`: the fixtures on @babel/core 7.22.0, the oldest version the plugin accepts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "../lib/nested-package.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const installed = ensureInstalled(here, "Babel 7.22 run");
if (installed !== 0) process.exit(installed);
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", path.join(here, "fixtures.test.cjs")], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
