/**
 * Tests run through SWC (no type-checking: `npm run typecheck` does that), which keeps a cold run fast.
 * Two workers match the 2-core CI machines; a worker past 300 MB after a file is recycled, which keeps
 * the suite's summed peak memory under the 1.5 GB budget (bench/results.json).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  setupFiles: ['<rootDir>/jest.setup.js'],
  maxWorkers: 2,
  workerIdleMemoryLimit: '300MB',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotFormat: { printBasicPrototype: false },
  reporters: ['default', '<rootDir>/.ci/results-reporter.js'],
};
