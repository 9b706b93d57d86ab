// Jest runs the TypeScript sources through ts-jest (CommonJS output). MikroORM 7 is ESM-only, so
// `npm test` sets NODE_OPTIONS=--experimental-vm-modules, which lets Jest 30.4+ require() ESM.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['<rootDir>/test/harness/setup-runtime.ts'],
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
  testTimeout: 60_000,
  // Most suites wait on timers, Temporal and child processes rather than on the CPU: three workers
  // keep a 2-core machine busy (about 225 s for the suite instead of 345 s with two).
  maxWorkers: 3,
};
