// Marked closures, compiled by the unproxy Babel plugin when the bench starts (bench/lib/compile-sources.mjs).
// Each factory has an unmarked twin with the same body in plain.mjs (the "plain closure" limit).
// Factories take their captured values as parameters: called with context proxies they time capture of
// proxies; called with plain objects they time the unproxy() pass-through for non-proxy constants.
import { captureContext } from "unproxy";

export function marked1(v0) {
  return /* @unproxy */ () => v0.user.id;
}

export function marked4(v0, v1, v2, v3) {
  return /* @unproxy */ () => v0.user.id + v1.user.id + v2.user.id + v3.user.id;
}

export function marked16(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15) {
  return /* @unproxy */ () => v0.user.id + v1.user.id + v2.user.id + v3.user.id + v4.user.id + v5.user.id + v6.user.id + v7.user.id + v8.user.id + v9.user.id + v10.user.id + v11.user.id + v12.user.id + v13.user.id + v14.user.id + v15.user.id;
}

// The call-marker form: compiled, the captureContext call disappears.
export function viaCall1(v0) {
  return captureContext(() => v0.user.id);
}

// Reads a captured proxy n times inside one closure: the "inside a captured closure" access case.
export function markedReader(request) {
  return /* @unproxy */ (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += request.user.id;
    return s;
  };
}
