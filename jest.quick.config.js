// `npm run test:quick`: the inner loop. Every test file except those that run real Terraform or prove
// behaviour at scale (test/setup/slow-test-files.json). `npm test` runs everything, and CI runs `npm test`.
const base = require('./jest.config');
const { files: SLOW_FILES } = require('./test/setup/slow-test-files.json');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...Object.keys(SLOW_FILES).map((file) => `<rootDir>/${escape(file)}$`)],
};
