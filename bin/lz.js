#!/usr/bin/env node
// The landing-zone command-line tool. It runs the compiled program (npm ci builds it).
require('../dist/cli/main.js').run(process.argv).then((code) => {
  process.exitCode = code;
});
