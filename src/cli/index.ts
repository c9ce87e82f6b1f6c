// The `unproxy` command (bin/unproxy.cjs calls main). Usage errors exit 2, files with errors exit 1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkCommand } from "./check.js";
import { explainCommand } from "./explain.js";
import { OutputError, processIO, UsageError, type CliIO } from "./io.js";
import { cliMessages, HELP } from "./messages.js";
import { transformCommand } from "./transform.js";
import { verifyCommand } from "./verify.js";

export type { CliIO } from "./io.js";

function version(): string {
  // dist/<format>/cli/index.js → the package root. Only the CommonJS build (what the bin runs) has __dirname.
  if (typeof __dirname !== "string") return "unknown";
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Exit statuses: 0 done; 1 a file had errors (the others were written); 2 a usage or setup problem, nothing written;
 * 3 writing failed part-way (stdout closed, disk full), the output is incomplete.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    const status = await runCommand(argv, io);
    await io.flush?.();
    return status;
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof OutputError)) throw error;
    io.stderr(error.message + "\n");
    return error instanceof OutputError ? 3 : 2;
  }
}

async function runCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr(HELP);
      return 2;
    case "-h":
    case "--help":
    case "help":
      io.stdout(HELP);
      return 0;
    case "-v":
    case "--version":
      io.stdout(version() + "\n");
      return 0;
    case "transform":
      return await transformCommand(rest, io);
    case "explain":
      return await explainCommand(rest, io);
    case "check":
      return await checkCommand(rest, io);
    case "verify":
      return await verifyCommand(rest, io);
    default:
      throw new UsageError(
        command.startsWith("-") ? cliMessages.C002_UNKNOWN_OPTION("", command) : cliMessages.C001_UNKNOWN_COMMAND(command),
      );
  }
}
