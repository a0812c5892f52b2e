// Removes the run's temporary folder (see global-setup.js); LZ_KEEP_TEST_TMP=1 keeps it for debugging.
// Before that it says how many Terraform results and syntheses the run produced and how many it read
// from its stores, and keeps persistent stores bounded (tools/terraform/result-store.ts, ADR 0014).
const fs = require('node:fs');
const path = require('node:path');

/**
 * What the run produced and what it read from its stores, from the events the Terraform result store and
 * the synth helper log: "Terraform: 3 result(s) produced by real runs, 41 read from the result store <folder>
 * (...)" and "Syntheses: 2 made, 9 reused (store <folder>)", or nothing when no test asked for either.
 */
function storeSummary(logFile, stores, runRoot) {
  let events = [];
  try {
    events = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
  const count = (event) => events.filter((line) => line === event).length;
  const persistent = (store) => !store.startsWith(runRoot);
  const lines = [];
  const [produced, reused] = [count('produced'), count('reused')];
  if (produced + reused > 0) {
    lines.push(
      `Terraform: ${produced} result(s) produced by real runs, ${reused} read from the result store` +
        (persistent(stores.terraformResults) && reused > 0 ? ` ${stores.terraformResults} (LZ_TEST_STORE=off runs every one)` : ''),
    );
  }
  const [made, read] = [count('synthesized'), count('synthesis-reused')];
  if (made + read > 0) {
    lines.push(
      `Syntheses: ${made} made, ${read} reused` + (persistent(stores.syntheses) && read > 0 ? ` (store ${stores.syntheses})` : ''),
    );
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** Prunes the persistent store with the compiled store module, when this checkout has been built. */
function prune(store, maxBytes) {
  const compiled = path.join(__dirname, '..', '..', 'dist', 'tools', 'terraform', 'result-store.js');
  if (!fs.existsSync(compiled) || !fs.existsSync(store)) return;
  const { pruneResultStore, DEFAULT_PRUNE_LIMITS } = require(compiled);
  pruneResultStore(store, { ...DEFAULT_PRUNE_LIMITS, maxBytes });
}

module.exports = async function globalTeardown() {
  const runRoot = process.env.LZ_TEST_RUN_TMP;
  if (!runRoot) return;
  const stores = { terraformResults: process.env.LZ_TERRAFORM_CHECK_CACHE ?? runRoot, syntheses: process.env.LZ_SYNTH_STORE ?? runRoot };
  const summary = process.env.LZ_TEST_STORE_LOG ? storeSummary(process.env.LZ_TEST_STORE_LOG, stores, runRoot) : undefined;
  if (summary) process.stdout.write(`\n${summary}\n`);
  // Bounded: plans are small, a synthesis of a 500-account estate is tens of megabytes.
  if (!stores.terraformResults.startsWith(runRoot)) prune(stores.terraformResults, 512 * 1024 * 1024);
  if (!stores.syntheses.startsWith(runRoot)) prune(stores.syntheses, 2 * 1024 * 1024 * 1024);
  if (process.env.LZ_KEEP_TEST_TMP === '1') {
    process.stdout.write(`\nTest run temporary files kept in ${runRoot}\n`);
    return;
  }
  fs.rmSync(runRoot, { recursive: true, force: true });
};

module.exports.storeSummary = storeSummary;
