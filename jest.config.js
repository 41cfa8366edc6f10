// Unit tests live beside the code (src, *.spec.ts); integration tests (test/integration, *.int-spec.ts)
// run services and repositories against a real PostgreSQL; e2e tests (test/e2e) go through HTTP.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testTimeout: 60000,
  // Each e2e file boots the whole service: in one long-lived process (`--runInBand`) the suite
  // outgrew a 4 GB heap. The scripts run `--maxWorkers=1`: one file at a time, as before, in one
  // worker that Jest replaces once it holds more than this after a file (jestjs/jest#13846).
  workerIdleMemoryLimit: '1200MB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.int-spec.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      testTimeout: 60000,
    },
    {
      // Pages in a real browser (Debian's Chromium through playwright-core), axe on every page.
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.browser-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      testTimeout: 90000,
    },
  ],
};
