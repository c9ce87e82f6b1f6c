#!/usr/bin/env node
"use strict";
require("../dist/cjs/cli/index.js").main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`unproxy: ${error && error.stack ? error.stack : error}\n`); process.exitCode = 2; },
);
