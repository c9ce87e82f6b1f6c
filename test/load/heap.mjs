// Heap measurement and the release probe used by soak.mjs. Both need node --expose-gc.
import { setImmediate as immediate } from "node:timers/promises";

/** Forces full collections (with turns of the event loop in between, for finalizers and weak callbacks) and
 * returns the retained heap in MB. */
export async function gcAndMeasure() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await immediate();
  }
  return +(process.memoryUsage().heapUsed / 1048576).toFixed(2);
}

/**
 * Creates `count` request objects, hands one callback per request to the scenario's machinery inside that request's
 * context (exactly what the server does), waits until every callback replied, then checks with a FinalizationRegistry
 * that the request objects — which the plugin-compiled callbacks captured — are collected once nothing refers to them.
 * Returns { created, replied, wrongReplies, released }.
 */
export async function probeRelease(modules, scenario, count) {
  let released = 0;
  const registry = new FinalizationRegistry(() => {
    released++;
  });
  let replied = 0;
  let wrongReplies = 0;
  await new Promise((resolve) => {
    // In a function of its own so no request object stays reachable from this frame afterwards.
    (function start() {
      for (let i = 0; i < count; i++) {
        const id = `probe-${scenario}-${i}`;
        const req = { id, user: { id: `user-${id}` }, payload: new Array(64).fill(i) };
        registry.register(req, id);
        modules.context.requestContext.run(req, () =>
          modules.scenarios[scenario].handle((seen) => {
            if (seen.id !== id || seen.user !== `user-${id}`) wrongReplies++;
            if (++replied === count) resolve();
          }),
        );
      }
    })();
  });
  for (let attempt = 0; attempt < 20 && released < count; attempt++) await gcAndMeasure();
  return { created: count, replied, wrongReplies, released };
}
