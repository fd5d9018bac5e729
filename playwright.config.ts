import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/fixtures/config";
import { OIDC } from "./e2e/fixtures/oidc";

/**
 * Browser tests against the real portal: `scripts/start.ts` on its own embedded PostgreSQL in a
 * fresh data folder, served by `next start`'s production server, driven in Debian's chromium.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/.artifacts/results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "e2e/.artifacts/report" }]],
  globalSetup: "./e2e/fixtures/global-setup.ts",
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: "portal-wide/**" },
    // Tests that change a setting for the whole portal (two-factor required of admins) run alone, after the rest.
    {
      name: "portal-wide",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: "portal-wide/**/*.spec.ts",
      dependencies: ["chromium"],
    },
  ],
  webServer: [
    {
      // A real OpenID provider on loopback, for the single sign-on journeys (e2e/sso.spec.ts).
      command: "node --import tsx e2e/fixtures/oidc-provider.ts",
      url: `${OIDC.issuer}/test/ready`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { E2E_PORT: String(E2E.port), E2E_OIDC_PORT: String(OIDC.port) },
    },
    {
      // The server's output is kept too (e2e/.artifacts/server.log): tests search it for secrets.
      command: `rm -rf ${E2E.dataDir} && mkdir -p e2e/.artifacts && node --import tsx scripts/start.ts 2>&1 | tee ${E2E.serverLog}`,
      url: `${E2E.baseURL}/sign-in`,
      timeout: 300_000,
      reuseExistingServer: false,
      // The request log is kept in that file (tee), not repeated into the test report.
      stdout: "ignore",
      env: E2E.serverEnv,
    },
  ],
});
