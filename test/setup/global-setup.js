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
  // Terraform results are shared by stack content within this run (tools/terraform/check.ts): a stack
  // that several test files plan identically is validated and planned once.
  process.env.LZ_TERRAFORM_CHECK_CACHE = path.join(runRoot, 'terraform-check-cache');
  // No test may reach AWS: the SDK's credential chain must never try the instance metadata service
  // or a real profile (lz verify's tests use recorded responses).
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = '/dev/null';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  delete process.env.AWS_PROFILE;
};
