import { createContext, contextProxy, unproxy, unproxyIfBound, isContextProxy, captureContext, UnboundContextError, configure } from "../../src/runtime/index";
test("smoke", async () => {
  const ctx = createContext<{ user: { id: number }; m: Map<string, number> }>("request");
  const request = contextProxy(ctx);
  expect(() => request.user).toThrow(UnboundContextError);
  await ctx.run({ user: { id: 1 }, m: new Map([["a", 1]]) }, async () => {
    await null;
    expect(request.user.id).toBe(1);
    expect(unproxy(request)).toBe(ctx.get());
    expect(isContextProxy(request)).toBe(true);
    expect(JSON.stringify(request)).toBe('{"user":{"id":1},"m":{}}');
    expect({ ...request }.user.id).toBe(1);
    configure({ warnings: false });
    const f = captureContext(() => request.user.id);
    await ctx.run({ user: { id: 2 }, m: new Map() }, () => expect(f()).toBe(1));
  });
  expect(unproxyIfBound(request)).toBe(request);
});
