// One test run: unit tests, integration tests (PGlite, and PostgreSQL when TEST_DATABASE_URL is set) and
// browser tests (Debian's Chromium). Two cores: files run in parallel forks, two at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30000,
    hookTimeout: 60000,
    reporters: ['default'],
  },
});
