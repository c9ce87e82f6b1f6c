// Finds fixtures and merges their options exactly as the Babel 7 jest runner does, so both Babel versions run the
// same cases: a fixture is any directory holding input.*, and every options.json between fixtures/ and it applies.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const INPUT_NAMES = ["input.ts", "input.tsx", "input.js"];

/** Reads a file's text, or undefined when it does not exist. */
export function readIfExists(file) {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** Child wins; pluginOptions is the one key merged one level deep, so a group can share plugin options. */
export function mergeOptions(parent, child) {
  const merged = { ...parent, ...child };
  if (parent.pluginOptions || child.pluginOptions) {
    merged.pluginOptions = { ...parent.pluginOptions, ...child.pluginOptions };
  }
  return merged;
}

function readOptions(dir) {
  const file = path.join(dir, "options.json");
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${error.message}`);
  }
}

/**
 * Every fixture under `root`, depth first in name order:
 * `{ name, dir, inputFile, input, options, expected, expectedFile, execFile }`.
 * On Babel 8, output.babel8.<ext> wins over output.<ext> (for formatting that genuinely differs between versions).
 */
export function findFixtures(root) {
  const found = [];
  const walk = (dir, inherited) => {
    const options = mergeOptions(inherited, readOptions(dir));
    const inputName = INPUT_NAMES.find((name) => existsSync(path.join(dir, name)));
    if (inputName) {
      found.push(describeFixture(root, dir, inputName, options));
      return;
    }
    for (const entry of readdirSync(dir).sort()) {
      const child = path.join(dir, entry);
      if (statSync(child).isDirectory()) walk(child, options);
    }
  };
  if (existsSync(root)) walk(root, {});
  return found;
}

function describeFixture(root, dir, inputName, options) {
  const inputFile = path.join(dir, inputName);
  const ext = path.extname(inputName);
  // The expected output normally keeps the input's extension; output.ts is accepted for any input as the brief names it.
  const candidates = [`output.babel8${ext}`, "output.babel8.ts", `output${ext}`, "output.ts"];
  const expectedFile = candidates.map((name) => path.join(dir, name)).find((file) => existsSync(file));
  const execFile = ["exec.ts", "exec.tsx", "exec.js"].map((name) => path.join(dir, name)).find((f) => existsSync(f));
  return {
    name: path.relative(root, dir).split(path.sep).join("/"),
    dir,
    inputFile,
    input: readFileSync(inputFile, "utf8"),
    options,
    expectedFile,
    expected: expectedFile && readFileSync(expectedFile, "utf8"),
    execFile,
  };
}

/** The comparison the brief fixes: trailing whitespace and newlines do not count (line endings normalised too). */
export function normalizeOutput(code) {
  return code
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trimEnd();
}
