// The installed command: bin/unproxy.cjs in a real process (exit statuses, missing Babel pieces).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { MARKED_SOURCE, makeProject, repoRoot } from "./helpers";

const bin = join(repoRoot, "bin", "unproxy.cjs");

function unproxy(args: string[], cwd: string, hide = "") {
  const result = spawnSync(process.execPath, ["-r", join(__dirname, "hide-modules.cjs"), bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, UNPROXY_TEST_HIDE: hide },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("bin/unproxy.cjs", () => {
  const cwd = makeProject({ "src/later.ts": MARKED_SOURCE, "src/bad.ts": "let = ;\n", "ok.js": "export {};\n" });

  test("exit statuses: 0 success, 1 a file with errors, 2 usage", () => {
    expect(unproxy(["explain", "ok.js"], cwd).status).toBe(0);
    expect(unproxy(["explain", "src"], cwd).status).toBe(1);
    expect(unproxy(["explain", "--nope"], cwd)).toEqual({
      status: 2,
      stdout: "",
      stderr: 'unproxy explain: [UNPROXY_C002] unknown option "--nope". Run "unproxy explain --help" for the options.\n',
    });
  });

  test("without @babel/core: says how to install it, exit 2", () => {
    expect(unproxy(["transform", "src/later.ts"], cwd, "@babel/core")).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "unproxy: [UNPROXY_C007] @babel/core is not installed. Install it next to unproxy: " +
        "npm install --save-dev @babel/core\n",
    });
  });

  test("a .ts file, no Babel config and no @babel/preset-typescript: says how to fix it, exit 2", () => {
    expect(unproxy(["transform", "src/later.ts"], cwd, "@babel/preset-typescript")).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "unproxy: [UNPROXY_C008] @babel/preset-typescript is needed to compile src/later.ts without a Babel " +
        "config. Install it (npm install --save-dev @babel/preset-typescript) or add a babel.config.js.\n",
    });
  });
});
