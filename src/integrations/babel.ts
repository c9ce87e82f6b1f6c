// @babel/core is a peer dependency: loaded on first use, once, with a coded error when it is missing.
import type * as BabelCore from "@babel/core";
import { integrationMessages } from "./messages.js";

export type Babel = typeof BabelCore;

let loading: Promise<Babel> | undefined;

export function loadBabel(entry: string): Promise<Babel> {
  loading ??= import("@babel/core").then(
    // CommonJS interop: an ESM import of @babel/core may put the API on `default`.
    (mod) => (typeof mod.transformAsync === "function" ? mod : (mod as { default: Babel }).default),
    () => {
      loading = undefined;
      throw codedError(integrationMessages.I001_NO_BABEL(entry));
    },
  );
  return loading;
}

/** An Error whose `code` is the catalogue code at the start of its message, like Babel's own parser errors. */
export function codedError(message: string): Error & { code: string } {
  const error = new Error(message) as Error & { code: string };
  error.code = /\[(UNPROXY_[A-Z]\d+)\]/.exec(message)![1];
  return error;
}
