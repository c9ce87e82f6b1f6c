// The integrations' messages, exact text, and the two a user meets first: no @babel/core, a wrong filter option.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { integrationMessages } from "../../src/integrations/messages";
import { repoRoot } from "./lib/project";

test("catalogue texts", () => {
  expect(integrationMessages.I001_NO_BABEL("unproxy/vite")).toBe(
    "unproxy/vite: [UNPROXY_I001] @babel/core is not installed; unproxy compiles marked files with it. " +
      "Install it next to unproxy: npm install --save-dev @babel/core",
  );
  expect(integrationMessages.I002_FILTER_OPTION("unproxy/rollup", "include")).toBe(
    "unproxy/rollup: [UNPROXY_I002] .include must be a glob string, a RegExp, or an array of them",
  );
  expect(integrationMessages.I003_NO_TYPESCRIPT("/app/server.ts", "20.5.0")).toBe(
    "unproxy/register: [UNPROXY_I003] Node 20.5.0 cannot run TypeScript by itself (type stripping needs Node 22.6 " +
      "or later), so unproxy/register compiles /app/server.ts with @babel/preset-typescript, which is not installed. " +
      "Install it (npm install --save-dev @babel/preset-typescript) or use Node 22.18 or later.",
  );
  expect(integrationMessages.I004_NO_REGISTER("20.5.0")).toBe(
    "unproxy/register: [UNPROXY_I004] Node 20.5.0 has no module.register(); unproxy/register needs Node 20.6 or " +
      "later. Compile with a bundler plugin or the Babel plugin instead.",
  );
});

/** Runs a snippet with the built package, optionally with modules made unresolvable (see test/cli/hide-modules.cjs). */
function node(code: string, hide = ""): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ["-r", join(repoRoot, "test/cli/hide-modules.cjs"), "-e", code], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, UNPROXY_TEST_HIDE: hide },
  });
}

test("without @babel/core the build fails at its start with I001, even before a marked file", () => {
  const { stdout } = node(
    `const { rollup } = require("rollup");
     rollup({ input: "package.json", plugins: [require("unproxy/rollup")()] })
       .then(() => console.log("built"), (error) => console.log(error.pluginCode + " " + error.message));`,
    "@babel/core",
  );
  expect(stdout.trim()).toBe(`UNPROXY_I001 ${integrationMessages.I001_NO_BABEL("unproxy/rollup")}`);
});

test("a plugin option the Babel plugin rejects fails the build at its start", () => {
  const { stdout } = node(
    `const { rollup } = require("rollup");
     rollup({ input: "package.json", plugins: [require("unproxy/rollup")({ captur: "known" })] })
       .then(() => console.log("built"), (error) => console.log(error.message));`,
  );
  expect(stdout).toContain("unproxy: [UNPROXY_E011] unknown option .captur. Did you mean .capture?");
});

test("include/exclude of the wrong type throw I002 when the plugin is created", () => {
  const { stdout } = node(
    `try { require("unproxy/rollup")({ exclude: [/x/, 42] }) } catch (error) { console.log(error.code + " " + error.message) }`,
  );
  expect(stdout.trim()).toBe(`UNPROXY_I002 ${integrationMessages.I002_FILTER_OPTION("unproxy/rollup", "exclude")}`);
});
