// Where the CLI reads and writes. main() takes it as a parameter so tests can capture output, or make a write fail,
// without a process.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { cliMessages } from "./messages.js";

export interface CliIO {
  /** Throws an OutputError once stdout has failed (closed pipe, full disk): there is no point writing on. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress is redrawn in place on a terminal and printed as lines elsewhere. */
  stderrIsTTY: boolean;
  cwd: string;
  /** Writes one output file (default: a temporary file renamed into place, so a failed write leaves no torn file). */
  writeFile?(path: string, data: string): void;
  /** Resolves when everything given to stdout() is written; rejects with an OutputError if stdout failed. */
  flush?(): Promise<void>;
}

export function processIO(): CliIO {
  let failure: Error | undefined;
  // Without a listener a closed pipe (`| head -1`, EPIPE) or a full disk (ENOSPC) crashes the process with a stack.
  process.stdout.on("error", (error) => {
    failure ??= error;
  });
  // stderr closed too (`2>&1 | head -1`): there is nowhere left to say anything, and the exit status still tells.
  process.stderr.on("error", () => {});
  return {
    stdout: (text) => {
      if (failure !== undefined) throw new OutputError(cliMessages.C027_STDOUT_FAILED(failure));
      process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    writeFile: writeFileAtomically,
    flush: () =>
      new Promise((resolve, reject) => {
        const settle = (error?: Error | null) => {
          failure ??= error ?? undefined;
          if (failure === undefined) resolve();
          else reject(new OutputError(cliMessages.C027_STDOUT_FAILED(failure)));
        };
        if (failure !== undefined) settle();
        else process.stdout.write("", settle);
      }),
  };
}

export function writeFileAtomically(path: string, data: string): void {
  const temporary = `${path}.unproxy-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A usage or setup problem found before anything was written: printed as is, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Writing failed part-way (stdout closed, disk full, permission denied): printed as is, exit status 3. */
export class OutputError extends Error {
  override name = "OutputError";
}

export const EXIT = { ok: 0, fileErrors: 1, usage: 2, output: 3 } as const;
