// What the plugin should emit for known.mjs (proxies it proves are `contextProxy(requestContext)`), hand-written
// until it does: one direct read of the context, unproxyFrom(context, proxy), shared by every proxy of that context.
// The bench times these as "proposed plugin output" and uses the compiled known.mjs instead once the plugin emits
// unproxyFrom there. The proposedSite* factories are what it should emit for proxies it cannot tie to a context (here
// the same proxies, imported): unproxyAt(site, p), one site per captured binding at the top of the module. Not
// marked, so the plugin must leave this file as it is.
import { unproxyAt as _unproxyAt, unproxyFrom as _unproxyFrom, unproxySite as _unproxySite } from "unproxy";
import { requestContext, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15 } from "./known.mjs";

export function proposed1() {
  return ((r0) => () => r0.user.id)(_unproxyFrom(requestContext, r0));
}

export function proposed4() {
  let _v;
  return ((r0, r1, r2, r3) => () => r0.user.id + r1.user.id + r2.user.id + r3.user.id)((_v = _unproxyFrom(requestContext, r0)), _v, _v, _v);
}

export function proposed16() {
  let _v;
  return ((r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15) => () => r0.user.id + r1.user.id + r2.user.id + r3.user.id + r4.user.id + r5.user.id + r6.user.id + r7.user.id + r8.user.id + r9.user.id + r10.user.id + r11.user.id + r12.user.id + r13.user.id + r14.user.id + r15.user.id)((_v = _unproxyFrom(requestContext, r0)), _v, _v, _v, _v, _v, _v, _v, _v, _v, _v, _v, _v, _v, _v, _v);
}

const _site0 = _unproxySite();
const _site1 = _unproxySite();
const _site2 = _unproxySite();
const _site3 = _unproxySite();
const _site4 = _unproxySite();
const _site5 = _unproxySite();
const _site6 = _unproxySite();
const _site7 = _unproxySite();
const _site8 = _unproxySite();
const _site9 = _unproxySite();
const _site10 = _unproxySite();
const _site11 = _unproxySite();
const _site12 = _unproxySite();
const _site13 = _unproxySite();
const _site14 = _unproxySite();
const _site15 = _unproxySite();

export function proposedSite1() {
  return ((r0) => () => r0.user.id)(_unproxyAt(_site0, r0));
}

export function proposedSite4() {
  return ((r0, r1, r2, r3) => () => r0.user.id + r1.user.id + r2.user.id + r3.user.id)(_unproxyAt(_site0, r0), _unproxyAt(_site1, r1), _unproxyAt(_site2, r2), _unproxyAt(_site3, r3));
}

export function proposedSite16() {
  return ((r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15) => () => r0.user.id + r1.user.id + r2.user.id + r3.user.id + r4.user.id + r5.user.id + r6.user.id + r7.user.id + r8.user.id + r9.user.id + r10.user.id + r11.user.id + r12.user.id + r13.user.id + r14.user.id + r15.user.id)(_unproxyAt(_site0, r0), _unproxyAt(_site1, r1), _unproxyAt(_site2, r2), _unproxyAt(_site3, r3), _unproxyAt(_site4, r4), _unproxyAt(_site5, r5), _unproxyAt(_site6, r6), _unproxyAt(_site7, r7), _unproxyAt(_site8, r8), _unproxyAt(_site9, r9), _unproxyAt(_site10, r10), _unproxyAt(_site11, r11), _unproxyAt(_site12, r12), _unproxyAt(_site13, r13), _unproxyAt(_site14, r14), _unproxyAt(_site15, r15));
}
