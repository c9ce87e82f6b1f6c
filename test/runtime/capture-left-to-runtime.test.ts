// captureContextAtRuntime(fn): what the Babel plugin compiles `captureContext(handler)` into when the function is not
// inline (it cannot see what the function reads). Same fallback as captureContext, but its one-time warning says what
// happened (R027) instead of asking to add a plugin that did run (R010).
import { captureContext, captureContextAtRuntime, contextProxy, createContext } from "../../src/runtime/index";
import { pluginMissingMessage } from "../../src/runtime/errors";
import { state } from "../../src/runtime/state";

const LEFT_TO_RUNTIME =
  "[UNPROXY_R027] captureContext(fn) was given a function defined elsewhere, which the unproxy Babel plugin cannot see " +
  "into, so the plugin left the call to the runtime: fn runs in a snapshot of all contexts taken when " +
  "captureContext() was called. To capture at compile time, pass the function inline (captureContext(() => …)) or " +
  "mark it where it is defined (/* @unproxy */); silence this with configure({ warnings: false }) or " +
  "UNPROXY_NO_WARN=1.";
// R010's exact text is pinned in capture.test.ts.
const PLUGIN_MISSING = pluginMissingMessage().message;

const requestContext = createContext<{ id: number }>("request");
const request = contextProxy(requestContext);

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, "warn").mockImplementation(() => {});
  state.warned = false;
  state.warnedLeftToRuntime = false;
});
afterEach(() => warn.mockRestore());

test("runs fn in a snapshot taken at capture and warns once with R027, not R010", () => {
  const report = () => request.id;
  const captured = requestContext.run({ id: 1 }, () => captureContextAtRuntime(report));
  captureContextAtRuntime(() => 2);
  expect(requestContext.run({ id: 2 }, captured)).toBe(1);
  expect(warn.mock.calls).toEqual([[LEFT_TO_RUNTIME]]);
});

test("each warning is printed once, independently of the other", () => {
  captureContextAtRuntime(() => 1);
  captureContext(() => 1);
  captureContext(() => 1);
  captureContextAtRuntime(() => 1);
  expect(warn.mock.calls).toEqual([[LEFT_TO_RUNTIME], [PLUGIN_MISSING]]);
});
