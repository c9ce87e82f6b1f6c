// The data the plugin's stages hand each other: analysis (markers, free-variables, classify) produces it without
// touching the tree, validation decides from it what is refused, the apply step edits the tree from it.
import type { NodePath, types as t } from "@babel/core";
import type { Binding } from "@babel/traverse";
import type { ErrorKey, messages, Reason } from "./messages.js";

export type ClosurePath = NodePath<t.ArrowFunctionExpression | t.FunctionExpression>;

/** A closure to compile, as the marker scan found it. */
export interface Marked {
  fn: ClosurePath;
  marker: "comment" | "call" | "all";
  /** Names listed in the marker, or null to capture every candidate. */
  names: string[] | null;
  /** The captureContext(fn) call that disappears, when marked by a call. */
  call?: NodePath<t.CallExpression>;
  /** Its marker comments, consumed by the apply step once the closure is compiled. */
  comments: t.Comment[];
}

/**
 * A refusal as analysis found it: the catalogue entry and its arguments, the node its code frame points at, and the
 * function it concerns (where markAll reports it). Validation turns it into an error, or a skipped function.
 */
export type Problem = {
  [K in ErrorKey]: { key: K; args: Parameters<(typeof messages)[K]>; at: NodePath; fn: NodePath };
}[ErrorKey];

/** A marker comment no function took: where it is (the node carrying it, if any) for the E001 code frame. */
export interface StrayMarker {
  carrier: NodePath | undefined;
  loc: t.SourceLocation | null | undefined;
}

/** What the marker scan finds in a file, in source order. */
export interface MarkerScan {
  marked: Marked[];
  /** Markers that cannot be honoured: on a declaration or method, a malformed list, two markers on one function. */
  problems: Problem[];
  /** The first marker comment that marks nothing. */
  stray: StrayMarker | undefined;
  /** Direct eval() calls and `with` statements anywhere in the file. */
  evals: NodePath[];
  withs: NodePath<t.WithStatement>[];
  /** captureContext(handler) calls whose function is not inline: the plugin cannot see what it reads. */
  leftToRuntime: NodePath<t.CallExpression>[];
}

export interface FreeName {
  name: string;
  /** undefined for a global (no declaration in scope). */
  binding: Binding | undefined;
  /** The closure assigns to it (`x = …`, `x++`, destructuring, `for (x of …)`). */
  written: boolean;
}

export interface Classification {
  captured: string[];
  live: { name: string; reason: Reason }[];
  /** Names the marker lists that cannot be captured, with why (validation refuses the closure: E006). */
  unfit: { name: string; reason: Reason }[];
}

/** Everything analysis knows about one marked closure. */
export interface ClosureFacts {
  item: Marked;
  free: Map<string, FreeName>;
  classification: Classification;
  /** A `with` statement around the closure or inside it. */
  within: NodePath<t.WithStatement> | undefined;
  /** Why the closure's name cannot be kept by a wrapper (E010), when a run-time computed key names it. */
  nameProblem: Problem | undefined;
  loc: { line: number; column: number } | undefined;
}

export interface Analysis extends MarkerScan {
  closures: ClosureFacts[];
}

/** A closure validation accepted: the apply step wraps it, the report step describes it. */
export interface Plan {
  item: Marked;
  free: Map<string, FreeName>;
  captured: string[];
  live: Classification["live"];
  loc: ClosureFacts["loc"];
}
