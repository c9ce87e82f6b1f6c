// Marked closures over context proxies imported from another module, the usual case (`import { request } from
// "./context"`): the plugin cannot see which context they read, so it emits `_unproxy(p)`. Compiled by the plugin when
// the bench starts; known.mjs (compiled first: files compile in name order) declares the proxies.
import { r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15 } from "./known.mjs";

export function imported1() {
  return /* @unproxy */ () => r0.user.id;
}

export function imported4() {
  return /* @unproxy */ () => r0.user.id + r1.user.id + r2.user.id + r3.user.id;
}

export function imported16() {
  return /* @unproxy */ () => r0.user.id + r1.user.id + r2.user.id + r3.user.id + r4.user.id + r5.user.id + r6.user.id + r7.user.id + r8.user.id + r9.user.id + r10.user.id + r11.user.id + r12.user.id + r13.user.id + r14.user.id + r15.user.id;
}
