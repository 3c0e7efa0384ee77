// End-to-end tests: the real `pespro` binary (embedded PostgreSQL, demo firms)
// driven through Debian's Chromium. No browser is downloaded.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
export const port = Number(process.env.PESPRO_E2E_PORT ?? 3100);

/** The edge spec's peers (end2end/edge/peers.ts): DNS, Caddy's two ports, Pebble's two. */
export const edge = {
  dns: Number(process.env.PESPRO_E2E_DNS_PORT ?? 5354),
  https: Number(process.env.PESPRO_E2E_EDGE_HTTPS_PORT ?? 5001),
  http: Number(process.env.PESPRO_E2E_EDGE_HTTP_PORT ?? 5002),
  acme: Number(process.env.PESPRO_E2E_ACME_PORT ?? 14000),
  acmeManagement: Number(process.env.PESPRO_E2E_ACME_MANAGEMENT_PORT ?? 15000),
};

// Shared with tests that run the CLI against the same server.
export const serverEnv = {
  LEPTOS_OUTPUT_NAME: 'pespro',
  LEPTOS_SITE_ROOT: 'target/site',
  LEPTOS_SITE_PKG_DIR: 'pkg',
  LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
  PESPRO_DATA_DIR: 'target/e2e-data',
  // The run's OpenID provider listens on loopback.
  PESPRO_OIDC_ALLOW_INTERNAL: '127.0.0.1',
  // Mail goes to the run's real SMTP server (below), as in production.
  PESPRO_SMTP_URL: `smtp://127.0.0.1:${Number(process.env.PESPRO_E2E_SMTP_PORT ?? 2600)}`,
  // Custom domains are checked against the edge spec's dnsmasq, must point
  // at this machine, and reach the server through its Caddy.
  PESPRO_DNS_SERVER: `127.0.0.1:${edge.dns}`,
  PESPRO_EDGE_NAME: 'edge.pespro.test',
  PESPRO_EDGE_ADDRESSES: '127.0.0.1',
  PESPRO_TRUST_PROXY: 'true',
  RUST_LOG: 'warn',
};

/** The run's SMTP server (aiosmtpd, from `scripts/setup.sh test`) and the Maildir it writes. */
export const smtpPort = Number(process.env.PESPRO_E2E_SMTP_PORT ?? 2600);
export const maildir = path.join(root, 'target', 'e2e-mail');
const tools = process.env.PESPRO_TOOLS_DIR ?? path.join(os.homedir(), '.cache', 'pespro', 'tools');

/** The real OpenID provider the single sign-on spec signs in through. */
export const oidcPort = Number(process.env.PESPRO_E2E_OIDC_PORT ?? 4100);
export const ssoFirm = 'summit';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Firms live on <slug>.localhost and custom *.example and *.test names; all are this machine.
        '--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP *.example 127.0.0.1, MAP *.test 127.0.0.1',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: [{
    // A fresh database each run, the demo firms, then the server itself.
    command: 'rm -rf target/e2e-data && ./target/debug/pespro seed-demo && exec ./target/debug/pespro serve',
    cwd: root,
    env: serverEnv,
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  }, {
    // -n: stay the user we are (root in CI) rather than switching to nobody.
    command: `rm -rf ${maildir} && exec ${path.join(tools, 'mail-sink', 'bin', 'python')} -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c aiosmtpd.handlers.Mailbox ${maildir}`,
    cwd: root,
    port: smtpPort,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  }, {
    command: 'node end2end/oidc/provider.mjs',
    cwd: root,
    env: {
      OIDC_PORT: String(oidcPort),
      OIDC_REDIRECT_URIS: `http://${ssoFirm}.localhost:${port}/sso/callback`,
    },
    url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  }],
});
