// Real builds with the tools users run: each builds a small app where a callback created in request A runs during
// request B, with and without the tool's unproxy plugin, runs the bundle, and reads the source map back. Needs the
// build (npm test builds first): the builds load "unproxy/<tool>" from dist as users do.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const lib = join(__dirname, "lib");
import { makeProject, MARKED_LINE, removeProject, repoRoot } from "./lib/project";

let dir: string;
beforeAll(() => {
  dir = makeProject(mkdtempSync(join(tmpdir(), "unproxy-bundlers-")));
});
afterAll(() => removeProject(dir));

function buildAndRun(tool: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(lib, "build-and-run.mjs"), tool, dir, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${tool} build failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}

const TOOLS: [tool: string, source: string][] = [
  ["rollup", "src/app.js"],
  ["rolldown", "src/app.ts"],
  ["vite", "src/app.ts"],
  ["esbuild", "src/app.ts"],
  ["webpack", "src/app.js"],
  ["rspack", "src/app.ts"],
];

/** The built CLI, as CI runs it, from the project directory. */
function verify(...paths: string[]) {
  const run = spawnSync(process.execPath, [join(repoRoot, "bin/unproxy.cjs"), "verify", ...paths], { cwd: dir, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.each(TOOLS)("unproxy/%s", (tool, source) => {
  test("the bundle's callback sees request A with the plugin, request B without; the source map points at the marked line; unproxy verify tells the two builds apart", () => {
    const result = buildAndRun(tool);
    expect(result.with.printed).toEqual(["A:seen", "A:captured"]);
    expect(result.without.printed).toEqual(["B:seen", "A:captured"]);
    // The rewrite adds an import line above: without a chained map the bundle's map would be a line off.
    expect(result.with.mapsTo).toEqual({ source, line: MARKED_LINE });

    // captureContext keeps its name as an import of the external runtime, unminified.
    const clean = verify(`out-${tool}-with`);
    expect(clean).toMatchObject({ status: 0, stdout: expect.stringMatching(/^unproxy verify: no marker left in 1 file\n$/) });
    const leaked = verify(`out-${tool}-without`);
    expect(leaked.status).toBe(1);
    const findings = leaked.stdout.match(/^\S+: \[UNPROXY_C013\] .*$/gm)!;
    for (const finding of findings) {
      expect(finding).toMatch(/^out-\S+-without\/app\.c?m?js:\d+:\d+: \[UNPROXY_C013\] .* left in built output: the unproxy plugin did not compile this file\.$/);
    }
    // In bundle order, which differs between tools.
    const kinds = findings.map((finding) => /\] (.*) left in built output/.exec(finding)![1]).sort();
    // Rolldown (and Vite 8 on it) keep only legal, annotation and JSDoc comments: a plain /* @unproxy */ is gone
    // from their output, so verify sees the captureContext call there (docs/integrations.md says so).
    const commentsKept = tool !== "rolldown" && tool !== "vite";
    expect(kinds).toEqual([...(commentsKept ? ["@unproxy comment"] : []), "captureContext(function) call"]);
    expect(leaked.stdout).toContain(
      `unproxy verify: ${kinds.length} ${kinds.length === 1 ? "marker" : "markers"} left in 1 of 1 file: add unproxy to the build`,
    );
  });
});

describe("compile errors reach the tool with the code and the code frame", () => {
  const frame = expect.stringMatching(/> 4 \|\s+eval\("request\.id"\);\n\s+\|\s+\^+/);

  test("rollup: pluginCode and frame, as its CLI prints them", () => {
    const error = buildAndRun("rollup", "--broken");
    expect(error.message).toContain("src/broken.js: [UNPROXY_E004] A direct eval()");
    expect(error.pluginCode).toBe("UNPROXY_E004");
    expect(error.frame).toEqual(frame);
  });

  // vite and rolldown report like rollup; esbuild and rspack like webpack (checked by hand, not here, to save time).
  test("webpack: in the message, with the frame", () => {
    const error = buildAndRun("webpack", "--broken");
    expect(error.message).toContain("src/broken.js: [UNPROXY_E004] A direct eval()");
    expect(error.message).toEqual(frame);
    // Babel's own stack frames are not the user's business.
    expect(error.message).not.toContain("gensync");
  });
});
