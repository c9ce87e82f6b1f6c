// Where the CLI reads and writes. main() takes it as a parameter so tests can capture output without a process.

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress is redrawn in place on a terminal and printed as lines elsewhere. */
  stderrIsTTY: boolean;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/** A usage error: printed as is, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
