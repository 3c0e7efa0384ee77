// Each firm on its own host, in its own colours; unknown hosts told nothing;
// a firm created from the CLI is served at once.
import { expect, test } from '@playwright/test';
import { firmUrl, pespro, unique } from './helpers';
import { port } from '../playwright.config';

test('two firm hosts render two different names and colours', async ({ page }) => {
  await page.goto(firmUrl('ledgerline'));
  await expect(page.getByTestId('firm-name')).toHaveText('Ledgerline Accounting');
  await expect(page).toHaveTitle('Ledgerline Accounting · PesPro');
  await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(30, 58, 138)');

  await page.goto(firmUrl('northstar'));
  await expect(page.getByTestId('firm-name')).toHaveText('Northstar Creative');
  await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(190, 24, 93)');
});

test('the first paint is already branded: colours arrive in the HTML itself', async ({ request }) => {
  const html = await (
    await request.get(`http://127.0.0.1:${port}/sign-in`, { headers: { host: `harbor-law.localhost:${port}` } })
  ).text();
  expect(html).toContain('--brand-primary:#14532d');
  expect(html).toContain('Harbor &amp; Finch Law');
});

test('an unknown host gets a 404 that names no firm', async ({ page }) => {
  const response = await page.goto(`http://nobody.localhost:${port}/`);
  expect(response?.status()).toBe(404);
  const text = (await page.textContent('body')) ?? '';
  for (const name of ['Ledgerline', 'Northstar', 'Harbor']) expect(text).not.toContain(name);
});

test('a firm created with the CLI is served without restarting the server', async ({ page }) => {
  const slug = `e2e-${Date.now().toString(36)}`;
  const name = unique('Fresh Firm');
  pespro('tenant', 'create', '--slug', slug, '--name', name, '--primary', '#7c3aed');

  await expect(async () => {
    const response = await page.goto(firmUrl(slug));
    expect(response?.status()).toBe(200);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('firm-name')).toHaveText(name);
  await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(124, 58, 237)');
});
