// The free variables an exec file may use, mirroring what it sees under the Babel 7 jest runner.
import { createRequire } from "node:module";
import path from "node:path";
import { here } from "./babel.mjs";

const requireHere = createRequire(path.join(here, "package.json"));
// Jest's own matcher library, so exec files written against jest's `expect` behave the same here.
const { expect } = requireHere("expect");

export function execGlobals() {
  return { expect };
}
