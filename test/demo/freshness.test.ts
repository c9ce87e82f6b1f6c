// `npm run demo` rebuilds dist/ only when a build input is newer than the build, and says which
// (examples/lib/freshness.mjs, an ES module: run in a child process).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const root = join(__dirname, "..", "..");
const OUTPUTS = ["dist/esm/runtime/index.js", "dist/esm/plugin/index.js", "dist/cjs/runtime/index.js", "dist/cjs/plugin/index.js"];

function staleReason(repo: string): string | null {
  const script = `import { staleReason } from "./examples/lib/freshness.mjs";
    console.log(JSON.stringify(staleReason(process.env.REPO) ?? null));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root, encoding: "utf8", env: { ...process.env, REPO: repo },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

function write(repo: string, rel: string, secondsAgo: number): void {
  const path = join(repo, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, "");
  const time = Date.now() / 1000 - secondsAgo;
  utimesSync(path, time, time);
}

test("dist/ missing, current, then older than a source file", () => {
  const repo = mkdtempSync(join(tmpdir(), "unproxy-freshness-"));
  try {
    write(repo, "src/runtime/index.ts", 300);
    write(repo, "tsconfig.json", 300);
    expect(staleReason(repo)).toBe("dist/esm/runtime/index.js is missing");
    for (const rel of OUTPUTS) write(repo, rel, 100);
    expect(staleReason(repo)).toBeNull();
    write(repo, "src/plugin/rewrite.ts", 10);
    expect(staleReason(repo)).toBe("src/plugin/rewrite.ts is newer than dist/");
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
