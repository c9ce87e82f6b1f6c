// Marked closures over context proxies declared in this file: `const rN = contextProxy(requestContext)`, which the
// plugin can prove read requestContext (issue 13's direct-read path: `_unproxyFrom(r0, requestContext)`, and one read
// shared by several proxies). Compiled by the plugin when the bench starts; the bench checks the output has it.
import { contextProxy, createContext } from "unproxy";

export const requestContext = createContext("request");
export const r0 = contextProxy(requestContext, { name: "r0" });
export const r1 = contextProxy(requestContext, { name: "r1" });
export const r2 = contextProxy(requestContext, { name: "r2" });
export const r3 = contextProxy(requestContext, { name: "r3" });
export const r4 = contextProxy(requestContext, { name: "r4" });
export const r5 = contextProxy(requestContext, { name: "r5" });
export const r6 = contextProxy(requestContext, { name: "r6" });
export const r7 = contextProxy(requestContext, { name: "r7" });
export const r8 = contextProxy(requestContext, { name: "r8" });
export const r9 = contextProxy(requestContext, { name: "r9" });
export const r10 = contextProxy(requestContext, { name: "r10" });
export const r11 = contextProxy(requestContext, { name: "r11" });
export const r12 = contextProxy(requestContext, { name: "r12" });
export const r13 = contextProxy(requestContext, { name: "r13" });
export const r14 = contextProxy(requestContext, { name: "r14" });
export const r15 = contextProxy(requestContext, { name: "r15" });

export function known1() {
  return /* @unproxy */ () => r0.user.id;
}

export function known4() {
  return /* @unproxy */ () => r0.user.id + r1.user.id + r2.user.id + r3.user.id;
}

export function known16() {
  return /* @unproxy */ () => r0.user.id + r1.user.id + r2.user.id + r3.user.id + r4.user.id + r5.user.id + r6.user.id + r7.user.id + r8.user.id + r9.user.id + r10.user.id + r11.user.id + r12.user.id + r13.user.id + r14.user.id + r15.user.id;
}
