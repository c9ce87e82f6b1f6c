// Errors of the environment, not of the code: a full disk, a closed pipe, a symlink loop. Each is one coded line on
// stderr and a documented exit status (3 when writing failed part-way), never a stack trace, never exit 0.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MARKED_SOURCE, makeProject, repoRoot, runCli } from "./helpers";

const bin = join(repoRoot, "bin", "unproxy.cjs");

function enospc(): Error {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
}

describe("writing files fails part-way (exit 3)", () => {
  test("a full disk at the second file: a coded line saying how far it got, no stack, no torn file", async () => {
    const cwd = makeProject({ "src/a.ts": MARKED_SOURCE, "src/b.ts": MARKED_SOURCE, "src/c.ts": MARKED_SOURCE });
    let writes = 0;
    const run = await runCli(["transform", "src", "-d", "out"], {
      cwd,
      writeFile: (path, data) => {
        if (++writes === 2) throw enospc();
        writeFileSync(path, data);
      },
    });
    expect(run).toEqual({
      code: 3,
      stdout: "",
      stderr:
        'unproxy transform: [UNPROXY_C026] cannot write "out/b.js": no space left on device (ENOSPC). 1 of 3 files ' +
        "were written; the output is incomplete.\n",
    });
    expect(readdirSync(join(cwd, "out"))).toEqual(["a.js"]);
  });

  test("the source map's write fails: the message names the .map file", async () => {
    const cwd = makeProject({ "src/a.ts": MARKED_SOURCE });
    const run = await runCli(["transform", "src", "-d", "out", "-s"], {
      cwd,
      writeFile: () => {
        throw Object.assign(new Error("EROFS"), { code: "EROFS" });
      },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'unproxy transform: [UNPROXY_C026] cannot write "out/a.js.map": read-only file system (EROFS). 0 of 1 file ' +
        "was written; the output is incomplete.\n",
    );
  });

  test("the default writer leaves no temporary file behind when the write fails", async () => {
    const cwd = makeProject({ "src/a.ts": MARKED_SOURCE });
    // A directory where the output file belongs: the rename fails (EISDIR), the temporary file is removed.
    const run0 = await runCli(["transform", "src", "-d", "out"], { cwd });
    expect(run0.code).toBe(0);
    const cwd2 = makeProject({ "src/a.ts": MARKED_SOURCE, "out/a.js/keep": "" });
    const run = await runCli(["transform", "src", "-d", "out"], { cwd: cwd2 });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^unproxy transform: \[UNPROXY_C026\] cannot write "out\/a\.js": .* \(E[A-Z]+\)\. 0 of 1 file was written; the output is incomplete\.\n$/);
    expect(readdirSync(join(cwd2, "out"))).toEqual(["a.js"]);
  });
});

describe("inputs the file system cannot give (exit 2)", () => {
  test("a symlink loop is reported as such, not as a missing file", async () => {
    const cwd = makeProject({});
    symlinkSync("loop", join(cwd, "loop"));
    const run = await runCli(["transform", "loop"], { cwd });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'unproxy: [UNPROXY_C025] cannot read "loop": too many levels of symbolic links (a symlink loop) (ELOOP).\n',
    });
    expect((await runCli(["explain", "loop/x.ts"], { cwd })).stderr).toBe(
      'unproxy: [UNPROXY_C025] cannot read "loop/x.ts": too many levels of symbolic links (a symlink loop) (ELOOP).\n',
    );
  });

  test("a path through a file: ENOTDIR, said in words", async () => {
    const cwd = makeProject({ "a.ts": MARKED_SOURCE });
    expect((await runCli(["transform", "a.ts/b.ts"], { cwd })).stderr).toBe(
      'unproxy: [UNPROXY_C025] cannot read "a.ts/b.ts": a part of the path is a file, not a directory (ENOTDIR).\n',
    );
  });
});

describe("the installed command, in a real process", () => {
  function sh(script: string, cwd: string) {
    const result = spawnSync("bash", ["-c", script], { cwd, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  // More output than a pipe holds (64 KiB), so the writer is still writing when `head` has gone.
  const big = Array.from({ length: 3000 }, (_, i) => `export const value${i} = ${i};`).join("\n") + "\n";

  test("stdout closed by `| head -1`: one coded line, exit 3, no stack", () => {
    const cwd = makeProject({ "src/big.ts": big, "src/later.ts": MARKED_SOURCE });
    const run = sh(`node ${JSON.stringify(bin)} transform src | head -1; echo "status=\${PIPESTATUS[0]}" >&2`, cwd);
    expect(run.stdout).toBe("// src/big.ts\n");
    expect(run.stderr).toBe(
      "unproxy: [UNPROXY_C027] cannot write to stdout: the reading end of the pipe was closed (EPIPE); the output is " +
        "incomplete.\nstatus=3\n",
    );
  });

  test("stdout and stderr both closed (`2>&1 | head -1`): still exit 3, no crash", () => {
    const cwd = makeProject({ "src/big.ts": big, "src/later.ts": MARKED_SOURCE });
    const run = sh(`node ${JSON.stringify(bin)} transform src 2>&1 | head -1; echo "status=\${PIPESTATUS[0]}" >&2`, cwd);
    expect(run).toEqual({ status: 0, stdout: "// src/big.ts\n", stderr: "status=3\n" });
  });

  test("stdout to a full device (/dev/full): ENOSPC, exit 3", () => {
    if (!existsSync("/dev/full")) return;
    const cwd = makeProject({ "src/later.ts": MARKED_SOURCE });
    const run = sh(`node ${JSON.stringify(bin)} transform src > /dev/full`, cwd);
    expect(run).toEqual({
      status: 3,
      stdout: "",
      stderr:
        "unproxy: [UNPROXY_C027] cannot write to stdout: no space left on device (ENOSPC); the output is incomplete.\n",
    });
  });

  test("explain's report to a closed pipe behaves the same", () => {
    // 200 files of 8 closures: a report of more than 64 KiB.
    const closures = Array.from({ length: 8 }, (_, i) => `export const later${i} = /* @unproxy */ () => [request.id, count];`);
    const source = MARKED_SOURCE + closures.join("\n") + "\n";
    const many: Record<string, string> = {};
    for (let i = 0; i < 200; i++) many[`src/f${i}.ts`] = source;
    const cwd = makeProject(many);
    const run = sh(`node ${JSON.stringify(bin)} explain src | head -1; echo "status=\${PIPESTATUS[0]}" >&2`, cwd);
    expect(run.stdout).toBe("src/f0.ts:4:37  @unproxy comment\n");
    expect(run.stderr).toMatch(/\[UNPROXY_C027\] cannot write to stdout: .*\(EPIPE\).*\nstatus=3\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
