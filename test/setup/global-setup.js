// Every temporary folder a test run makes (synth outputs, config copies, Terraform working folders,
// plan files) goes under one run-specific folder, and the run removes it at the end: os.tmpdir()
// follows TMPDIR, which the test workers inherit from here.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The persistent stores live inside node_modules/.cache, like other tools' caches; npm ci starts them empty. */
const PERSISTENT_STORE = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'nhs-landing-zone');

/**
 * Where this run keeps Terraform results and syntheses (ADR 0014): in the persistent store, in a folder
 * LZ_TEST_STORE names, or, with LZ_TEST_STORE=off, in the run's own folder (removed at the end).
 */
function testStores(setting, runRoot) {
  if (setting === 'off') return { terraformResults: path.join(runRoot, 'terraform-results'), syntheses: path.join(runRoot, 'synth-cache') };
  const root = setting ? path.resolve(setting) : PERSISTENT_STORE;
  return { terraformResults: path.join(root, 'terraform-results'), syntheses: path.join(root, 'syntheses') };
}

module.exports = async function globalSetup() {
  const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-test-run-'));
  process.env.LZ_TEST_RUN_TMP = runRoot;
  process.env.TMPDIR = runRoot;
  // Terraform results and syntheses are shared by content (tools/terraform/result-store.ts,
  // test/helpers/synth.ts): what several test files need is produced once, and the stores outlive the run,
  // so the next run reads what it has already produced from the same input and the same program.
  // LZ_TEST_STORE=off keeps them for this run only (CI does, on its clean clone).
  const stores = testStores(process.env.LZ_TEST_STORE, runRoot);
  process.env.LZ_TERRAFORM_CHECK_CACHE = stores.terraformResults;
  process.env.LZ_SYNTH_STORE = stores.syntheses;
  process.env.LZ_TEST_STORE_LOG = path.join(runRoot, 'test-store.log');
  // No test may reach AWS: the SDK's credential chain must never try the instance metadata service
  // or a real profile (lz verify's tests use recorded responses).
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_CONFIG_FILE = '/dev/null';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  delete process.env.AWS_PROFILE;
};

module.exports.testStores = testStores;
module.exports.PERSISTENT_STORE = PERSISTENT_STORE;
