// Unmarked twins of closures.mjs: the "plain closure" limit, and the inner function every peer wraps.
// Nothing here is marked, so the plugin must leave this file as it is (compile-sources checks it).

export function plain1(v0) {
  return () => v0.user.id;
}

export function plain4(v0, v1, v2, v3) {
  return () => v0.user.id + v1.user.id + v2.user.id + v3.user.id;
}

export function plain16(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15) {
  return () => v0.user.id + v1.user.id + v2.user.id + v3.user.id + v4.user.id + v5.user.id + v6.user.id + v7.user.id + v8.user.id + v9.user.id + v10.user.id + v11.user.id + v12.user.id + v13.user.id + v14.user.id + v15.user.id;
}

export function plainReader(request) {
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += request.user.id;
    return s;
  };
}

// A closure over a module constant: V8 may fold the whole read (a floor no captured closure can beat).
const MODULE_REQUEST = { user: { id: 1 } };
export function plainModuleConst() {
  return () => MODULE_REQUEST.user.id;
}
