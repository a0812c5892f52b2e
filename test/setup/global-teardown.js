// Removes the run's temporary folder (see global-setup.js); LZ_KEEP_TEST_TMP=1 keeps it for debugging.
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const runRoot = process.env.LZ_TEST_RUN_TMP;
  if (!runRoot) return;
  if (process.env.LZ_KEEP_TEST_TMP === '1') {
    process.stdout.write(`\nTest run temporary files kept in ${runRoot}\n`);
    return;
  }
  fs.rmSync(runRoot, { recursive: true, force: true });
};
