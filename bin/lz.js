#!/usr/bin/env node
// The landing-zone command-line tool. It runs the compiled program (npm ci builds it); when any
// TypeScript source is newer than dist/, it builds first, or refuses with LZ_NO_AUTO_BUILD set.
const path = require('node:path');
const status = require('./stale-build.js').ensureFreshBuild(path.resolve(__dirname, '..'));
if (status !== undefined) {
  process.exitCode = status;
} else {
  require('../dist/cli/main.js')
    .run(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
}
