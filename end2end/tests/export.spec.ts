// An administrator takes the firm's data away: the Export page, reached
// from the main navigation, downloads one zip (a plain link, so it works
// without JavaScript too). A manager has no such link.
import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import { firmUrl, followNav, navLink, signIn } from './helpers';

async function downloadExport(page: Page): Promise<Buffer> {
  await followNav(page, 'Export');
  await expect(page.getByRole('heading', { name: "Export the firm's data" })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download everything (zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('northstar-export.zip');
  return fs.readFileSync(await download.path());
}

test('an administrator downloads all of the firm\'s data as a zip', async ({ page }) => {
  await signIn(page, 'northstar', 'admin');
  const zip = await downloadExport(page);
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.includes(Buffer.from('clients.csv'))).toBe(true);
});

test('a manager has no export link and the page says why', async ({ page }) => {
  await signIn(page, 'northstar', 'manager');
  await expect(navLink(page, 'Export')).toHaveCount(0);
  await page.goto(firmUrl('northstar', '/settings/export'));
  await expect(page.getByText("Only the firm's administrators export its data")).toBeVisible();
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the download is a plain link', async ({ page }) => {
    await signIn(page, 'northstar', 'admin');
    const zip = await downloadExport(page);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
  });
});
