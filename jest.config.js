/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Synthesizing stacks and running Terraform is slow on two cores; these are not unit timings.
  testTimeout: 600000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  // Slowest files first (test/setup/slow-test-files.json), so both workers finish together.
  testSequencer: '<rootDir>/test/setup/slow-first-sequencer.js',
};
