// Removes the run's temporary folder (see global-setup.js); LZ_KEEP_TEST_TMP=1 keeps it for debugging.
// Before that it says how many Terraform results the run produced and how many it read from the result
// store, and keeps a persistent store bounded (tools/terraform/result-store.ts).
const fs = require('node:fs');
const path = require('node:path');

/** "Terraform: 3 results produced by real runs, 41 read from <store>", or nothing when no test asked for one. */
function terraformSummary(logFile, store, runRoot) {
  let events = [];
  try {
    events = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
  const produced = events.filter((event) => event === 'produced').length;
  const reused = events.length - produced;
  const persistent = !store.startsWith(runRoot);
  return (
    `Terraform: ${produced} result(s) produced by real runs, ${reused} read from the result store` +
    (persistent && reused > 0 ? ` ${store} (LZ_TERRAFORM_RESULT_STORE=off runs every one)` : '')
  );
}

/** Prunes the persistent store with the compiled store module, when this checkout has been built. */
function prune(store) {
  const compiled = path.join(__dirname, '..', '..', 'dist', 'tools', 'terraform', 'result-store.js');
  if (!fs.existsSync(compiled) || !fs.existsSync(store)) return;
  require(compiled).pruneResultStore(store);
}

module.exports = async function globalTeardown() {
  const runRoot = process.env.LZ_TEST_RUN_TMP;
  if (!runRoot) return;
  const store = process.env.LZ_TERRAFORM_CHECK_CACHE;
  const summary =
    process.env.LZ_TERRAFORM_RESULT_LOG && store ? terraformSummary(process.env.LZ_TERRAFORM_RESULT_LOG, store, runRoot) : undefined;
  if (summary) process.stdout.write(`\n${summary}\n`);
  if (store && !store.startsWith(runRoot)) prune(store);
  if (process.env.LZ_KEEP_TEST_TMP === '1') {
    process.stdout.write(`\nTest run temporary files kept in ${runRoot}\n`);
    return;
  }
  fs.rmSync(runRoot, { recursive: true, force: true });
};

module.exports.terraformSummary = terraformSummary;
