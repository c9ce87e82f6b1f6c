// unproxy/eslint as users load it: through the package's exports (the build), in a real ESLint run with a flat
// config, from both module systems.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

function node(args: string[], script: string): string {
  return execFileSync(process.execPath, [...args, "-e", script], { cwd: root, encoding: "utf8" });
}

const project = mkdtempSync(join(tmpdir(), "unproxy-eslint-"));
const LINT = `
  const { ESLint } = require("eslint");
  async function lint(plugin) {
    const eslint = new ESLint({
      cwd: ${JSON.stringify(project)}, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended], fix: true,
    });
    const [result] = await eslint.lintText(
      'import { request } from "./context";\\nsetTimeout(() => request.id);\\nqueue.push(() => 1);\\n',
      { filePath: ${JSON.stringify(join(project, "a.js"))} });
    return { output: result.output, remaining: result.messages.length };
  }`;

const EXPECTED = {
  output: 'import { request } from "./context";\nsetTimeout(/* @unproxy */ () => request.id);\nqueue.push(() => 1);\n',
  remaining: 0,
};

test('require("unproxy/eslint") is the plugin, and its recommended config fixes a hand-off', () => {
  const out = node([], `${LINT}
    const plugin = require("unproxy/eslint");
    lint(plugin).then((r) => console.log(JSON.stringify(r)));`);
  expect(JSON.parse(out)).toEqual(EXPECTED);
});

test('import("unproxy/eslint") default export is the same plugin', () => {
  const out = node([], `${LINT}
    import("unproxy/eslint").then(({ default: plugin }) => lint(plugin)).then((r) => console.log(JSON.stringify(r)));`);
  expect(JSON.parse(out)).toEqual(EXPECTED);
});
