// The dashboard works hydrated (instant filter, form without reload) and as
// plain HTML with JavaScript off (server-side filter, form posts).
import { expect, test } from '@playwright/test';
import { firmUrl, signIn, unique, waitForHydration } from './helpers';

test.describe('with JavaScript', () => {
  test('the filter narrows the list as you type, without a page load', async ({ page }) => {
    await signIn(page, 'ledgerline', 'employee');
    await waitForHydration(page);
    await page.evaluate(() => ((window as any).__samePage = true));

    await page.getByLabel('Filter').fill('brightwater');

    await expect(page.getByTestId('client-count')).toHaveText(/Showing 1 of \d+ clients/);
    await expect(page.getByTestId('client-list')).toContainText('Brightwater Bakery');
    await expect(page.getByTestId('client-list')).not.toContainText('Acme Holdings');
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
  });

  test('a new client appears without a page load', async ({ page }) => {
    const name = unique('Hydrated Client');
    await signIn(page, 'northstar', 'manager');
    await waitForHydration(page);
    await page.evaluate(() => ((window as any).__samePage = true));

    await page.getByLabel('Client name').fill(name);
    await page.getByLabel('Client name').press('Enter');

    await expect(page.getByRole('status')).toHaveText(`Added “${name}”.`);
    await expect(page.getByTestId('client-list')).toContainText(name);
    await expect(page.getByLabel('Client name')).toHaveValue('');
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
  });

  test('a blank name is flagged as you type, by the same rule the server uses', async ({ page }) => {
    await signIn(page, 'northstar', 'admin');
    await waitForHydration(page);

    await page.getByLabel('Client name').fill('   ');

    await expect(page.locator('#client-name-error')).toHaveText("enter the client's name");
    await expect(page.getByLabel('Client name')).toHaveAttribute('aria-invalid', 'true');
  });

  test('a duplicate name is refused with a message by the field, and the typed name is kept', async ({ page }) => {
    await signIn(page, 'ledgerline', 'manager');
    await waitForHydration(page);

    await page.getByLabel('Client name').fill('ACME HOLDINGS');
    await page.getByRole('button', { name: 'Add client' }).click();

    await expect(page.locator('#client-name-error')).toContainText('already exists');
    await expect(page.getByLabel('Client name')).toHaveValue('ACME HOLDINGS');
  });
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in, the page and the filter work on Enter', async ({ page }) => {
    await signIn(page, 'harbor-law', 'employee');
    await expect(page.getByTestId('firm-name')).toHaveText('Harbor & Finch Law');
    await expect(page.getByTestId('client-list')).toContainText('Marlow Shipping Ltd');

    await page.getByLabel('Filter').fill('probate');
    await page.getByLabel('Filter').press('Enter');

    await expect(page).toHaveURL(/\?q=probate/);
    // The box still says what the list is filtered by.
    await expect(page.getByLabel('Filter')).toHaveValue('probate');
    await expect(page.getByTestId('client-list')).toContainText('Estate of R. Whitaker');
    await expect(page.getByTestId('client-list')).not.toContainText('Marlow Shipping Ltd');
  });

  test('the add-client form posts and the new client is listed', async ({ page }) => {
    const name = unique('Plain Form Client');
    await signIn(page, 'harbor-law', 'manager');

    await page.getByLabel('Client name').fill(name);
    await page.getByRole('button', { name: 'Add client' }).click();

    await expect(page.getByTestId('client-list')).toContainText(name);
  });

  test('a refused name comes back with its message on the page', async ({ page }) => {
    await signIn(page, 'harbor-law', 'admin');

    await page.getByLabel('Client name').fill('marlow shipping ltd');
    await page.getByRole('button', { name: 'Add client' }).click();

    await expect(page.locator('#client-name-error')).toContainText('already exists');
  });
});
