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
  maxWorkers: 2,
};
