// Every temporary folder a test run makes (synth outputs, config copies, Terraform working folders,
// plan files) goes under one run-specific folder, and the run removes it at the end: os.tmpdir()
// follows TMPDIR, which the test workers inherit from here.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalSetup() {
  const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-test-run-'));
  process.env.LZ_TEST_RUN_TMP = runRoot;
  process.env.TMPDIR = runRoot;
};
