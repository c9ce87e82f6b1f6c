// The demo's sources as written (hand-offs marked) compiled by unproxy/babel with audit: true.
import { createRequire } from "node:module";

const unproxy = createRequire(import.meta.url)("unproxy/babel");

export default function markedAudit(api) {
  return unproxy(api, { audit: true }, process.cwd());
}
