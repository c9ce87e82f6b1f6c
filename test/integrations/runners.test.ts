// Test runners and require hooks users already run, with the configs in examples/toolchains: Vitest through
// unproxy/vite, babel-jest and @babel/register through babel.config.cjs / .mjs, in a "type": "module" project.
// Each runs a test whose callback, created in request A, must see A when run during request B.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeProject, repoRoot } from "./lib/project";

const examples = join(repoRoot, "examples/toolchains");
// Under the repository's tmp/ (git-ignored) so the runners and presets resolve from its node_modules.
const base = join(repoRoot, "tmp", `runners-${process.pid}`);
afterAll(() => removeProject(base));

const CONTEXT = `import { contextProxy, createContext } from "unproxy";
export const requestContext = createContext("request");
export const request = contextProxy(requestContext);
`;

const TEST = (imports: string) => `${imports}
import { request, requestContext } from "./context.js";

test("a callback created in request A sees A during request B", () => {
  const later = requestContext.run({ id: "A" }, () => /* @unproxy */ () => request.id);
  expect(requestContext.run({ id: "B" }, later)).toBe("A");
});
`;

function project(name: string, files: Record<string, string>, copies: string[] = []): string {
  const dir = join(base, name);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(repoRoot, join(dir, "node_modules", "unproxy"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  for (const file of copies) copyFileSync(join(examples, file), join(dir, file));
  return dir;
}

function run(dir: string, args: string[]) {
  const env = { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" };
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env });
  return { status: result.status, output: result.stdout + result.stderr };
}

test("Vitest with unproxy/vite (vitest.config.mjs)", () => {
  const dir = project("vitest", { "context.js": CONTEXT, "capture.test.ts": TEST('import { expect, test } from "vitest";') });
  const vitest = join(repoRoot, "node_modules/vitest/vitest.mjs");
  const result = run(dir, [vitest, "run", "--config", join(examples, "vitest.config.mjs"), "--root", dir]);
  expect(result.output).toMatch(/Tests\s+1 passed/);
  expect(result.status).toBe(0);
}, 60_000);

test.each(["babel.config.cjs", "babel.config.mjs"])("babel-jest with %s", (config) => {
  const dir = project(`jest-${config.replace(/\W/g, "-")}`, { "context.js": CONTEXT, "capture.test.js": TEST("") }, [config]);
  const jest = join(repoRoot, "node_modules/jest/bin/jest.js");
  const result = run(dir, [jest, "--config", "{}", "--rootDir", dir]);
  expect(result.output).toMatch(/Tests:\s+1 passed, 1 total/);
  expect(result.status).toBe(0);
}, 60_000);

test("@babel/register with babel.config.cjs", () => {
  const dir = project(
    "register",
    {
      "context.cjs": `const { contextProxy, createContext } = require("unproxy");
exports.requestContext = createContext("request");
exports.request = contextProxy(exports.requestContext);
`,
      "app.cjs": `const { request, requestContext } = require("./context.cjs");
const later = requestContext.run({ id: "A" }, () => /* @unproxy */ () => request.id);
console.log("seen " + requestContext.run({ id: "B" }, later));
`,
    },
    ["babel.config.cjs"],
  );
  const result = run(dir, ["-r", "@babel/register", "app.cjs"]);
  expect(result.output.trim()).toBe("seen A");
});
