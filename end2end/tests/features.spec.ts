// Feature flags as people meet them: a firm that switched expenses off has
// no Expenses link and its /expenses says why; a firm with expenses records
// one with its receipt, with JavaScript and without; an administrator sees
// every feature and why it is on or off.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, followNav, navLink, signIn, unique, waitForHydration } from './helpers';

/** The first bytes of a PNG: all the server looks at to accept it. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

test('an employee of a firm that switched expenses off has no link and is told why', async ({ page }) => {
  await signIn(page, 'harbor-law', 'employee');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My week' })).toBeVisible();
  await expect(navLink(page, 'Expenses')).toHaveCount(0);

  await page.goto(firmUrl('harbor-law', '/expenses'));

  await expect(page.getByTestId('expenses-refused')).toContainText("Expenses aren't available here");
  await expect(page.getByTestId('expenses-refused')).toContainText('Settings → Features');
});

async function addExpense(page: Page, notes: string): Promise<void> {
  await page.getByLabel('Amount', { exact: true }).fill('42.10');
  await page.getByLabel('Category').selectOption('meals');
  await page.getByLabel('Notes', { exact: true }).fill(notes);
  await page.getByLabel(/^Receipt/).setInputFiles({ name: 'lunch.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Add expense' }).click();
  await expect(page).toHaveURL(firmUrl('ledgerline', '/expenses?added=1'));
  await expect(page.getByText('Expense added.')).toBeVisible();
  const row = page.getByTestId('expenses').getByRole('row').filter({ hasText: notes });
  await expect(row).toContainText('42.10 USD');
  await expect(row.getByRole('link', { name: 'Receipt' })).toBeVisible();
}

test('an employee adds an expense with a receipt', async ({ page }) => {
  await signIn(page, 'ledgerline', 'employee');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Expenses' }).click();
  await waitForHydration(page);

  await addExpense(page, unique('Client lunch'));
});

test('a submitted expense is corrected back to a draft, keeping what was typed when refused', async ({ page }) => {
  await signIn(page, 'ledgerline', 'employee');
  await page.goto(firmUrl('ledgerline', '/expenses'));
  await waitForHydration(page);
  const notes = unique('Parking');
  await addExpense(page, notes);
  const row = page.getByTestId('expenses').getByRole('row').filter({ hasText: notes });
  await row.getByRole('button', { name: 'Submit' }).click();
  await expect(row).toContainText('Submitted');
  // Known glitch, not yet understood: a click on "Correct" while the page
  // is still settling after the submit's reload is undone (the editor
  // closes again). Wait for the page to settle, as a person would.
  await page.waitForLoadState('networkidle');

  await row.getByText('Correct', { exact: true }).click();
  await row.getByLabel('Corrected amount').fill('lots');
  await row.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.locator('#expenses-error')).toHaveText('Enter the amount, such as 12.50.');
  await expect(row.getByLabel('Corrected amount')).toHaveValue('lots');
  await row.getByLabel('Corrected amount').fill('40.10');
  await row.getByRole('button', { name: 'Save correction' }).click();

  await expect(page.getByText('Corrected. It is a draft: submit it when it is ready.')).toBeVisible();
  await expect(row).toContainText('40.10 USD');
  await expect(row).toContainText('Draft');
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('a bad amount is shown at its field, then the expense is added', async ({ page }) => {
    await signIn(page, 'ledgerline', 'employee');
    await page.goto(firmUrl('ledgerline', '/expenses'));
    const notes = unique('Taxi');

    await page.getByLabel('Amount', { exact: true }).fill('lots');
    await page.getByLabel('Notes', { exact: true }).fill(notes);
    await page.getByRole('button', { name: 'Add expense' }).click();

    await expect(page.getByTestId('error-amount')).toHaveText('Enter the amount, such as 12.50.');
    await expect(page.getByLabel('Notes', { exact: true })).toHaveValue(notes);
    await page.goto(firmUrl('ledgerline', '/expenses'));
    await addExpense(page, notes);
  });

  test('an administrator switches a feature off and resets it', async ({ page }) => {
    // Northstar's timer is on because PesPro staff switched it on (demo data).
    await signIn(page, 'northstar', 'admin');
    await page.goto(firmUrl('northstar', '/settings/features'));
    const timer = page.getByTestId('feature-timer');
    await expect(timer.getByTestId('why')).toHaveText('On because PesPro staff set it for this firm');

    await timer.getByRole('button', { name: 'Switch off' }).click();
    await expect(page.getByTestId('feature-timer').getByTestId('why')).toHaveText('Off because the firm switched it off');

    await page.getByTestId('feature-timer').getByRole('button', { name: 'Reset to the plan' }).click();
    await expect(page.getByTestId('feature-timer').getByTestId('why')).toHaveText(
      'On because PesPro staff set it for this firm',
    );
  });
});

test('an administrator sees every feature and why', async ({ page }) => {
  await signIn(page, 'ledgerline', 'admin');
  await followNav(page, 'Features');

  await expect(page.getByTestId('plan')).toHaveText('Starter');
  await expect(page.getByTestId('feature-expenses').getByTestId('why')).toHaveText('On because the Starter plan includes it');
  await expect(page.getByTestId('feature-multi_step_approvals').getByTestId('why')).toHaveText(
    "Off because the Starter plan doesn't include it",
  );
  await expect(page.getByTestId('feature-max_active_users').getByTestId('why')).toHaveText('Limited to 5 on the Starter plan');
});

test('with JavaScript, switching a feature off and back updates the page in place', async ({ page }) => {
  // Harbor & Finch is on Enterprise, which includes the timer.
  await signIn(page, 'harbor-law', 'admin');
  await page.goto(firmUrl('harbor-law', '/settings/features'));
  await waitForHydration(page);
  const why = () => page.getByTestId('feature-timer').getByTestId('why');
  await expect(why()).toHaveText('On because the Enterprise plan includes it');

  await page.getByTestId('feature-timer').getByRole('button', { name: 'Switch off' }).click();
  await expect(why()).toHaveText('Off because the firm switched it off');
  await expect(page.getByRole('status')).toHaveText('Saved: Start and stop a timer instead of typing durations.');

  await page.getByTestId('feature-timer').getByRole('button', { name: 'Reset to the plan' }).click();
  await expect(why()).toHaveText('On because the Enterprise plan includes it');
});
