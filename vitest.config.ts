import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

// chDB segfaults on exit under worker threads: every test file runs in its own forked process,
// which also gives each file its own embedded stores (one chDB path per process).
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
})
