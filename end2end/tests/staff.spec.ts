// Platform staff: a password and a TOTP code on the admin host, then acting
// as a firm's person for support — with a banner on every page and a way
// back to the console.
import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { port } from '../playwright.config';
import { firmUrl, pesproWithInput, seriousViolations } from './helpers';

/** RFC 6238 (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it. */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const adminUrl = (path: string) => `http://admin.localhost:${port}${path}`;

// Every other spec signs in from 127.0.0.1 too, and a first sign-in from an
// address counts against that address's limit for unfamiliar accounts (30
// in 15 minutes, see docs/operations.md): late in a full run this staff
// member would meet it. The run's server trusts its proxy's
// X-Forwarded-For, so Sam signs in from a network of their own (the
// throttle itself is tested in server/tests/integration/staff.rs).
test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.24' } });

test('staff enrol TOTP, impersonate a person with a reason, see the banner and end it', async ({ page }) => {
  const email = `sam-${Date.now().toString(36)}@pespro.example`;
  pesproWithInput('staff passphrase here\n', 'staff', 'create', '--email', email, '--name', 'Sam Support');

  await page.goto(adminUrl('/'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('staff passphrase here');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Set up your authenticator' })).toBeVisible();
  await expect(page.locator('svg').first()).toBeVisible();
  await page.getByLabel('Six-digit code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  // A wrong code is refused; the key to enrol is still on the page.
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  await page.getByLabel('Six-digit code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();

  // The console's pages, as accessible as the firms' (see accessibility.spec.ts).
  await expect(page.getByRole('link', { name: 'Northstar Creative' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Northstar Creative' }).click();
  await expect(page.getByLabel('Reason for acting as Emery Employee')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Reason for acting as Emery Employee').fill('Ticket 4711: cannot see a client');
  await page.getByRole('button', { name: 'Impersonate Emery Employee' }).click();

  await expect(page).toHaveURL(firmUrl('northstar', '/'));
  const banner = page.getByTestId('impersonation-banner');
  await expect(banner).toContainText('You are signed in as Emery Employee by Sam Support');
  await page.getByRole('button', { name: 'End impersonation' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://admin\\.localhost:${port}/firms/northstar`));
  await expect(page.getByRole('status')).toContainText('Impersonation ended');
  await page.goto(firmUrl('northstar', '/'));
  await expect(page).toHaveURL(firmUrl('northstar', '/sign-in'));
});
