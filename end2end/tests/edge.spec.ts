// Custom domains through the real edge. A firm admin adds a domain on the
// domains page, creates the DNS records the page shows (published by a real
// dnsmasq), presses Check now and sees it verified; Caddy, asking PesPro
// before each certificate, gets one from Pebble (the ACME test CA) for that
// name, and Chromium loads the firm's branded page on it over HTTPS. A name
// that points here but was never proven gets no certificate. Without
// JavaScript the page refuses a bad name at its field, keeping it, and adds
// and removes a good one. Serial: one dnsmasq, Caddy and Pebble at a time.
import { expect, test } from '@playwright/test';
import { certificateFor, publishDns, startEdge, stopAll } from '../edge/peers';
import { edge } from '../playwright.config';
import { firmUrl, firmWithAdmin, signInAsFreshAdmin, waitForHydration } from './helpers';

test.describe.configure({ mode: 'serial' });
test.afterAll(stopAll);

function freshFirm(): string {
  return firmWithAdmin('dom', 'Harbour Law', '#0f766e', '#fde68a');
}

test('a domain proven through DNS is served over HTTPS through Caddy with the firm\'s look; an unproven one gets no certificate', async ({ browser, page }) => {
  test.setTimeout(90_000);
  const slug = freshFirm();
  const domain = `time.${slug}.test`;
  const unproven = `nope.${slug}.test`;
  await signInAsFreshAdmin(page, slug);
  await page.goto(firmUrl(slug, '/settings/domains'));
  await waitForHydration(page);
  await expect(page.getByTestId('no-domains')).toContainText(`${slug}.localhost`);

  for (const name of [domain.toUpperCase(), unproven]) {
    await page.getByLabel('Add a domain').fill(name);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.locator(`[data-hostname="${name.toLowerCase()}"]`)).toBeVisible();
  }
  const row = page.locator(`[data-hostname="${domain}"]`);
  await expect(row.getByTestId('domain-status')).toHaveText('Waiting for DNS');
  const txt = row.getByTestId('record-txt');
  await expect(txt).toContainText(`_pespro-challenge.${domain}`);
  const value = (await txt.locator('td').nth(2).innerText()).trim();
  expect(value).toMatch(/^pespro-verify=[0-9a-f]{32}$/);
  await expect(row.getByTestId('record-cname')).toContainText('edge.pespro.test');

  // The admin creates the records at "their DNS provider"; the other name
  // points here too, without its TXT record.
  await publishDns([
    { txt: [`_pespro-challenge.${domain}`, value] },
    { host: [domain, '127.0.0.1'] },
    { host: [unproven, '127.0.0.1'] },
  ]);
  await row.getByRole('button', { name: 'Check now' }).click();
  await expect(row.getByTestId('domain-status')).toHaveText('Verified');
  const other = page.locator(`[data-hostname="${unproven}"]`);
  await other.getByRole('button', { name: 'Check now' }).click();
  await expect(other.getByTestId('domain-reason')).toHaveText(`No TXT record at _pespro-challenge.${unproven} yet.`);

  const root = await startEdge();
  const certificate = await certificateFor(domain, root);
  expect(certificate.subjectaltname).toContain(`DNS:${domain}`);
  expect(certificate.issuer.CN).toContain('Pebble');
  await expect(certificateFor(unproven, root)).rejects.toThrow();

  // A visitor who never signed in: the firm's page, in its colours, over HTTPS.
  // (The certificate was checked against Pebble's root just above; Chromium
  // has no way to be given that root, so it is told to accept it.)
  const visitor = await browser.newContext({ ignoreHTTPSErrors: true });
  const visit = await visitor.newPage();
  const response = await visit.goto(`https://${domain}:${edge.https}/sign-in`);
  expect(response?.status()).toBe(200);
  expect(visit.url()).toMatch(/^https:/);
  await expect(visit.locator('header')).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await expect(visit.getByTestId('firm-name')).toHaveText('Harbour Law');
  await expect(visit.goto(`https://${unproven}:${edge.https}/sign-in`)).rejects.toThrow();
  await visitor.close();

  await page.reload();
  await waitForHydration(page);
  await expect(row.getByTestId('domain-status')).toHaveText('Active (certificate issued)');
  // Hydrated, the choice is a server function: this page stays where it is.
  // (As a plain form post, its answer would lead to the new primary, where
  // this browser is not signed in yet.)
  await row.getByRole('button', { name: 'Make primary' }).click();
  await expect(page.getByTestId('primary-address')).toContainText(domain);
  await expect(page).toHaveURL(firmUrl(slug, '/settings/domains'));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a bad name is refused at its field and kept; a good one is added and removed', async ({ page }) => {
    const slug = freshFirm();
    await signInAsFreshAdmin(page, slug);
    await page.goto(firmUrl(slug, '/settings/domains'));
    await page.getByLabel('Add a domain').fill('https://time.example-firm.test/login');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('hostname-problem')).toHaveText('type the name only, without http:// or a path: like time.your-firm.com');
    await expect(page.getByLabel('Add a domain')).toHaveValue('https://time.example-firm.test/login');
    await expect(page.getByTestId('no-domains')).toBeVisible();

    await page.getByLabel('Add a domain').fill(`books.${slug}.test`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.locator(`[data-hostname="books.${slug}.test"]`);
    await expect(row.getByTestId('domain-status')).toHaveText('Waiting for DNS');
    await row.getByRole('button', { name: `Remove books.${slug}.test` }).click();
    await expect(page.getByTestId('no-domains')).toBeVisible();
  });
});
