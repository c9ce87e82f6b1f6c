// Progress on stderr for long runs: redrawn in place on a terminal; on a pipe or CI log, a line at every tenth of
// the way, and only for trees of more than 50 files (a short run needs no progress in a log).
import type { CliIO } from "./io.js";
import { notes } from "./messages.js";

export const PROGRESS_THRESHOLD = 50;

export interface Progress {
  tick(): void;
  done(): void;
}

export function createProgress(io: CliIO, command: string, total: number): Progress {
  const inPlace = io.stderrIsTTY && total > 1;
  const lines = !io.stderrIsTTY && total > PROGRESS_THRESHOLD;
  let done = 0;
  let lastStep = 0;
  return {
    tick() {
      done += 1;
      if (inPlace) io.stderr(`\r${notes.progress(command, done, total)}`);
      else if (lines) {
        const step = Math.floor((done * 10) / total);
        if (step > lastStep) {
          lastStep = step;
          io.stderr(notes.progress(command, done, total) + "\n");
        }
      }
    },
    done() {
      // Erase the in-place line so the report that follows starts clean.
      if (inPlace) io.stderr("\r\x1b[K");
    },
  };
}
