// Every temporary folder a test run makes (synth outputs, config copies, Terraform working folders,
// plan files) goes under one run-specific folder, and the run removes it at the end: os.tmpdir()
// follows TMPDIR, which the test workers inherit from here.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The persistent store inside node_modules/.cache, like other tools' caches; npm ci starts it empty. */
const PERSISTENT_STORE = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'nhs-landing-zone', 'terraform-results');

/** Where this run's Terraform results are kept: the persistent store, a folder the user names, or the run's own folder. */
function terraformResultStore(setting, runRoot) {
  if (setting === 'off') return path.join(runRoot, 'terraform-results');
  if (setting) return path.resolve(setting);
  return PERSISTENT_STORE;
}

module.exports = async function globalSetup() {
  const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-test-run-'));
  process.env.LZ_TEST_RUN_TMP = runRoot;
  process.env.TMPDIR = runRoot;
  // Terraform results are shared by content (tools/terraform/result-store.ts): a stack that several test
  // files plan identically is validated and planned once, and the store outlives the run, so the next run
  // reads the result of an input, Terraform, provider and Terraform code it has already seen.
  // LZ_TERRAFORM_RESULT_STORE=off keeps results for this run only (CI does, on its clean clone).
  process.env.LZ_TERRAFORM_CHECK_CACHE = terraformResultStore(process.env.LZ_TERRAFORM_RESULT_STORE, runRoot);
  process.env.LZ_TERRAFORM_RESULT_LOG = path.join(runRoot, 'terraform-results.log');
  // No test may reach AWS: the SDK's credential chain must never try the instance metadata service
  // or a real profile (lz verify's tests use recorded responses).
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = '/dev/null';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  delete process.env.AWS_PROFILE;
};

module.exports.terraformResultStore = terraformResultStore;
module.exports.PERSISTENT_STORE = PERSISTENT_STORE;
