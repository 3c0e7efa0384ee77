// `make first-load`: a measurement, not a test. The same server and
// browser as the end-to-end suite (playwright.config.ts), one worker so the
// numbers are not shared with anything else, and only the measurement.
import { defineConfig } from '@playwright/test';
import config from './playwright.config';

export default defineConfig({
  ...config,
  testDir: './measure',
  testMatch: /.*\.measure\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
});
