// The `unproxy` command (bin/unproxy.cjs calls main). Usage errors exit 2, files with errors exit 1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkCommand } from "./check.js";
import { explainCommand } from "./explain.js";
import { processIO, UsageError, type CliIO } from "./io.js";
import { cliMessages, HELP } from "./messages.js";
import { transformCommand } from "./transform.js";

export type { CliIO } from "./io.js";

function version(): string {
  // dist/<format>/cli/index.js → the package root. Only the CommonJS build (what the bin runs) has __dirname.
  if (typeof __dirname !== "string") return "unknown";
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
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
      default:
        throw new UsageError(
          command.startsWith("-") ? cliMessages.C002_UNKNOWN_OPTION("", command) : cliMessages.C001_UNKNOWN_COMMAND(command),
        );
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(error.message + "\n");
    return 2;
  }
}
