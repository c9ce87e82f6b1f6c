// The report step: what onReport hears (unproxy explain prints it), one entry per compiled closure, and with markAll
// one per function it skipped, with the refusal's code.
import type { NodePath, PluginPass } from "@babel/core";
import { reasons, type PluginError } from "./messages.js";
import type { ResolvedOptions } from "./options.js";
import type { Plan } from "./types.js";

export function reportRefusal(error: PluginError, at: NodePath, state: PluginPass, options: ResolvedOptions): void {
  const start = at.node.loc?.start;
  options.onReport?.({
    file: state.filename,
    line: start?.line,
    column: start === undefined ? undefined : start.column + 1,
    marker: "all",
    captured: [],
    live: [],
    refused: { code: error.code, message: error.message.split("\n")[0] },
  });
}

export function report(plans: readonly Plan[], state: PluginPass, options: ResolvedOptions): void {
  if (!options.onReport) return;
  for (const { item, captured, live, loc: start } of plans) {
    options.onReport({
      file: state.filename,
      line: start?.line,
      column: start === undefined ? undefined : start.column + 1,
      marker: item.marker,
      captured,
      live: live.map(({ name, reason }) => ({ name, reason: reasons[reason] })),
    });
  }
}
