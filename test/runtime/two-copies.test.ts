// Two copies of the runtime in one process (the ESM and the CommonJS build) recognise each other's proxies.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ensureDist, root } from "./support/dist";

beforeAll(ensureDist);

test("the ESM and CommonJS builds share the protocol, the context registry and one store", () => {
  const output = execFileSync(process.execPath, [join(__dirname, "support", "two-copies.mjs"), root], {
    encoding: "utf8",
  });
  expect(JSON.parse(output)).toEqual({
    distinctCopies: true,
    recognised: [true, true],
    unproxied: [true, true],
    ifBound: [true, true],
    crossSource: "b",
    keptWhenUnbound: [true, true],
    unboundAcross: { isEsmError: true, code: "UNPROXY_UNBOUND", name: "esm-request" },
    snapshot: { "esm-request": { id: "a" }, "cjs-request": { id: "b" } },
    storesThatRan: 1,
  });
});
