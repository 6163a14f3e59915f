/**
 * Two test projects:
 *   unit       everything under tests/ except tests/extension, in Node (engine, CLI, content, unit-ext)
 *   extension  tests/extension: the built extension in a real Chromium; builds once first (global setup)
 * `npm test` runs both; `npx vitest run --project unit` runs only the fast ones.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/extension/**', '**/node_modules/**'],
          environment: 'node',
          // Generous: a test must never fail because the machine is busy (CLI tests spawn processes,
          // property tests run thousands of cases, browser tests start Chromium).
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'extension',
          include: ['tests/extension/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/extension/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
