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
      throw codedError("I001_NO_BABEL", entry);
    },
  );
  return loading;
}

type Key = keyof typeof integrationMessages;

/** The catalogue's error for `key`, with its code as a property (I001_NO_BABEL → `code: "UNPROXY_I001"`). */
export function codedError<K extends Key>(
  key: K,
  ...args: Parameters<(typeof integrationMessages)[K]>
): Error & { code: string } {
  const message = (integrationMessages[key] as (...values: typeof args) => string)(...args);
  const error = new Error(message) as Error & { code: string };
  error.code = `UNPROXY_${key.slice(0, key.indexOf("_"))}`;
  return error;
}
