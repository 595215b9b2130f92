// Browser tests against the real server binary, a fresh database and Debian's Chromium.
import { defineConfig, devices } from '@playwright/test';

const port = process.env.E2E_PORT || '18080';
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  // One browser at a time per server: tests share its data (the live board would otherwise
  // re-render under a test's drag when another test moves a card). scripts/test runs the two
  // projects side by side, each against its own server (E2E_PORT) and database.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.E2E_OUTPUT || '../target/e2e-results',
  use: {
    baseURL,
    locale: 'nl-NL',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'phone', use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: 'bash ../scripts/e2e-server',
    url: `${baseURL}/api/ready`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
