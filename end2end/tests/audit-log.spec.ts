// The audit log as an administrator uses it: a client added on the
// dashboard is in the log under its name; the log is narrowed by action and
// by who, keeps the filter in its address, and downloads the same rows as
// CSV — with JavaScript and without.
import * as fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, signIn, unique, waitForHydration } from './helpers';

async function addClientThenFindIt(page: Page, js: boolean): Promise<void> {
  const name = unique('Audited Client');
  await page.goto(firmUrl('harbor-law', '/'));
  if (js) await waitForHydration(page);
  await page.getByLabel('Client name').fill(name);
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();

  await page.goto(firmUrl('harbor-law', '/audit'));
  await page.getByLabel('Action').selectOption({ label: 'Added a client' });
  await page.getByLabel('Person or subject').fill(name);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/action=client\.added/);
  const rows = page.getByTestId('audit-events').getByRole('row');
  await expect(rows).toHaveCount(2); // the header and the one event
  await expect(rows.nth(1)).toContainText(`Added a client: ${name}`);
  await expect(rows.nth(1)).toContainText('harbor-law.example');
  await expect(rows.nth(1)).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d/);
  await expect(page.getByTestId('audit-zone')).toContainText('Times are in');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n').filter((line) => line.length > 0)).toHaveLength(2);
  expect(csv).toContain(`client.added,Added a client,${name}`);

  await page.getByLabel('Person or subject').fill('nobody-matches-this');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('audit-empty')).toHaveText('Nothing matches this filter.');
}

test('an added client is found in the log by action and name, and downloads as CSV', async ({ page }) => {
  await signIn(page, 'harbor-law', 'admin');
  await addClientThenFindIt(page, true);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false, acceptDownloads: true });

  test('the same with a plain GET form and links', async ({ page }) => {
    await signIn(page, 'harbor-law', 'admin');
    await addClientThenFindIt(page, false);
  });
});
