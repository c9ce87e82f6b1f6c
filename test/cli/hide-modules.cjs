// Preloaded with `node -r` by bin.test.ts: makes the modules named in UNPROXY_TEST_HIDE unresolvable, to show what
// users without @babel/core or a preset see.
"use strict";
const Module = require("node:module");
const hidden = new Set((process.env.UNPROXY_TEST_HIDE || "").split(",").filter(Boolean));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (hidden.has(request)) {
    const error = new Error(`Cannot find module '${request}'`);
    error.code = "MODULE_NOT_FOUND";
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
