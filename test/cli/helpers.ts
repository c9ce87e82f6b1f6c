// Runs the built CLI in-process with captured output, inside throwaway project directories.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const repoRoot = join(__dirname, "..", "..");
// The CLI under test is the build (npm test builds first), the same file bin/unproxy.cjs runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(join(repoRoot, "dist/cjs/cli/index.js")) as {
  main(argv: string[], io?: unknown): Promise<number>;
};

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  tty?: boolean;
  /** Replaces the output file writer (e.g. to make a write fail with ENOSPC). */
  writeFile?: (path: string, data: string) => void;
}

export async function runCli(argv: string[], options: CliRunOptions): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await cli.main(argv, {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    stderrIsTTY: options.tty ?? false,
    cwd: options.cwd,
    ...(options.writeFile ? { writeFile: options.writeFile } : {}),
  });
  return { code, stdout, stderr };
}

/** A temporary project with the given files (path → contents) and a package.json bounding Babel's config search. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "unproxy-cli-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "cli-fixture", private: true }));
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

/** A small source with one marked closure that captures `request` and leaves the reassigned `count` live. */
export const MARKED_SOURCE = `import { request } from "./context";
let count = 0;
count += 1;
export const later = /* @unproxy */ () => [request.id, count];
`;
