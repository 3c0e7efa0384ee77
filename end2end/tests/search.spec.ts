// Quick search: `/` puts the cursor in the header's box, Enter lists what
// matches, and the results page answers as it is typed once hydrated; an
// engagement is found by its code. Without JavaScript the box is a plain
// GET form.
import { expect, test } from '@playwright/test';
import { firmUrl, signIn, waitForHydration } from './helpers';

test('the header box finds a client, and the results follow what is typed', async ({ page }) => {
  await signIn(page, 'northstar', 'manager');
  await waitForHydration(page);

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search clients, engagements and people').first()).toBeFocused();
  await page.keyboard.type('fjord');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(firmUrl('northstar', '/search?q=fjord'));
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('link', { name: 'Fjord Outdoor Gear' })).toBeVisible();
  await expect(results.getByRole('link', { name: 'FJD-LAUNCH Spring campaign launch' })).toHaveCount(0);

  await waitForHydration(page);
  await page.locator('#search-page-q').fill('glo-br');
  await expect(results.getByRole('link', { name: 'GLO-BRAND Brand refresh' })).toBeVisible();
  await expect(results.getByRole('link', { name: 'Fjord Outdoor Gear' })).toHaveCount(0);
  await page.locator('#search-page-q').fill('no such thing here');
  await expect(page.getByTestId('search-nothing')).toHaveText('Nothing found for \u201cno such thing here\u201d.');
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the header box is a plain form that lists engagements by code', async ({ page }) => {
    await signIn(page, 'northstar', 'manager');
    await page.locator('#quick-search').fill('FJD-SOC');
    await page.locator('#quick-search').press('Enter');

    await expect(page.getByTestId('search-results').getByRole('link', { name: 'FJD-SOCIAL Social retainer' })).toHaveAttribute(
      'href',
      /\/engagements\/\d+$/,
    );
  });
});
