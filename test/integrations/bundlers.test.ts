// Real builds with the tools users run: each builds a small app where a callback created in request A runs during
// request B, with and without the tool's unproxy plugin, runs the bundle, and reads the source map back. Needs the
// build (npm test builds first): the builds load "unproxy/<tool>" from dist as users do.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const lib = join(__dirname, "lib");
import { makeProject, MARKED_LINE, removeProject } from "./lib/project";

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

describe.each(TOOLS)("unproxy/%s", (tool, source) => {
  test("the bundle's callback sees request A with the plugin, request B without; the source map points at the marked line", () => {
    const result = buildAndRun(tool);
    expect(result.with.printed).toEqual(["A:seen"]);
    expect(result.without.printed).toEqual(["B:seen"]);
    // The rewrite adds an import line above: without a chained map the bundle's map would be a line off.
    expect(result.with.mapsTo).toEqual({ source, line: MARKED_LINE });
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
