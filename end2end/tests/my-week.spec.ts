// "My week": a person logs time and sees it on its day with the totals,
// with JavaScript and without.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, pesproWithInput, waitForHydration } from './helpers';

// Ledgerline is on the Starter plan (5 seats: its 3 demo people and the 2
// added here); further tests add people to Northstar.
async function newPersonSignedIn(page: Page, slug = 'ledgerline'): Promise<void> {
  const email = `tim-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@${slug}.example`;
  pesproWithInput('time keeper passphrase\n', 'person', 'add', '--firm', slug, '--email', email, '--name', 'Tim Keeper', '--role', 'employee');
  await page.goto(firmUrl(slug, '/sign-in'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('time keeper passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(firmUrl(slug, '/'));
}

test('time logged from the week page shows on its day and in the totals', async ({ page }) => {
  await newPersonSignedIn(page);
  await page.getByRole('link', { name: 'My week' }).click();
  await waitForHydration(page);
  await expect(page.getByText('Nothing logged this week yet.')).toBeVisible();

  await page.getByLabel('Duration').fill('soon');
  await expect(page.locator('#log-duration-error')).toHaveText('write a duration as 1:30, 1.5, 90m or 2h');
  await page.getByLabel('Duration').fill('1:15');
  await expect(page.locator('#log-duration-error')).toHaveText('');
  await page.getByLabel('Notes', { exact: true }).fill('Reconciliations');
  await page.getByLabel('Duration').press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Logged.' })).toBeVisible();
  await expect(page.getByTestId('week')).toContainText('Reconciliations');
  await expect(page.getByTestId('week-total')).toHaveText('1:15');
  // What was saved leaves the form, so Enter again cannot log it twice.
  await expect(page.getByLabel('Duration')).toHaveValue('');
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('');
});

test('a week of hours is typed into the grid from the keyboard', async ({ page }) => {
  await newPersonSignedIn(page, 'northstar');
  await page.goto(firmUrl('northstar', '/time'));
  await waitForHydration(page);
  const row = page.getByTestId('grid-entry');

  await row.locator('input[name="form[d0]"]').fill('8');
  await page.keyboard.press('Tab');
  await page.keyboard.type('7:30');
  await page.keyboard.press('Enter');

  await expect(row.getByRole('status')).toHaveText('Added 2 entries.');
  await expect(page.getByTestId('grid-total')).toHaveText('15:30');

  // The saved row is emptied: Enter again adds nothing twice…
  await expect(row.locator('input[name="form[d0]"]')).toHaveValue('');
  await expect(row.locator('input[name="form[d1]"]')).toHaveValue('');
  // …and a refused row keeps what was typed, to be put right.
  await row.locator('input[name="form[d2]"]').fill('soon');
  await row.locator('input[name="form[d2]"]').press('Enter');
  await expect(row.getByRole('alert')).not.toBeEmpty();
  await expect(row.locator('input[name="form[d2]"]')).toHaveValue('soon');
  await expect(page.getByTestId('grid-total')).toHaveText('15:30');
});

test('the timer ticks and records its time where the firm has it, and one started by mistake is discarded', async ({ page }) => {
  // Northstar has the timer through a staff override; Ledgerline's plan lacks it.
  await newPersonSignedIn(page, 'northstar');
  await page.goto(firmUrl('northstar', '/time'));
  await waitForHydration(page);
  const timer = page.getByTestId('timer');

  await timer.getByLabel('What are you working on?').fill('Client call');
  await timer.getByRole('button', { name: 'Start timer' }).click();
  await expect(timer.getByTestId('timer-running')).toContainText('Client call');
  // It ticks: the clock shows another second within a few.
  const clock = timer.getByTestId('timer-clock');
  await expect(clock).toHaveText(/^0:00:\d\d$/);
  const shown = (await clock.textContent()) ?? '';
  await expect(clock).not.toHaveText(shown, { timeout: 5000 });
  await timer.getByRole('button', { name: 'Stop timer' }).click();

  await expect(timer.getByRole('status')).toHaveText('Recorded 0:01.');
  await expect(page.getByTestId('week')).toContainText('Client call');

  // Started by mistake: discarded, nothing recorded, and only the newest message shows.
  await timer.getByLabel('What are you working on?').fill('Wrong client');
  await timer.getByRole('button', { name: 'Start timer' }).click();
  await expect(timer.getByTestId('timer-running')).toContainText('Wrong client');
  await expect(timer.getByRole('status')).toHaveText('');
  await timer.getByRole('button', { name: 'Discard' }).click();
  await expect(timer.getByRole('status')).toHaveText('Timer discarded; 0:01 not recorded.');
  await expect(timer.getByRole('button', { name: 'Start timer' })).toBeVisible();
  await expect(page.getByTestId('week')).not.toContainText('Wrong client');
});

// Logs `duration` from the log form, then corrects it to `corrected` and
// deletes it again from the entry's own editor.
async function correctThenDelete(page: Page, duration: string, corrected: string, js: boolean): Promise<void> {
  await page.getByLabel('Duration').fill(duration);
  await page.getByLabel('Notes', { exact: true }).fill('First draft');
  await page.getByRole('button', { name: 'Log time' }).click();
  await expect(page.getByTestId('week-total')).toHaveText(duration);

  const entry = page.getByTestId('entry').filter({ hasText: 'First draft' });
  await entry.getByText('Edit').click();
  if (js) {
    // A refused correction keeps its editor open, holding what was typed.
    await entry.getByLabel('Time').fill('soon');
    await entry.getByRole('button', { name: 'Save entry' }).click();
    await expect(page.getByTestId('entry-error')).toHaveText('write a duration as 1:30, 1.5, 90m or 2h');
    await expect(entry.getByLabel('Time')).toHaveValue('soon');
  }
  await entry.getByLabel('Time').fill(corrected);
  await entry.getByLabel('Note').fill('Corrected');
  await entry.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByTestId('week-total')).toHaveText(corrected);
  await expect(page.getByTestId('week')).toContainText('Corrected');

  const fixed = page.getByTestId('entry').filter({ hasText: 'Corrected' });
  await fixed.getByText('Edit').click();
  await fixed.getByRole('button', { name: 'Delete entry' }).click();
  await expect(page.getByText('Nothing logged this week yet.')).toBeVisible();
}

test('an entry is corrected, then deleted, from its own editor', async ({ page }) => {
  await newPersonSignedIn(page, 'northstar');
  await page.goto(firmUrl('northstar', '/time'));
  await waitForHydration(page);

  await correctThenDelete(page, '2:00', '1:45', true);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the log form posts and the week shows the entry', async ({ page }) => {
    await newPersonSignedIn(page);
    await page.goto(firmUrl('ledgerline', '/time'));

    await page.getByLabel('Duration').fill('2,5');
    await page.getByRole('button', { name: 'Log time' }).click();

    await expect(page.getByTestId('week-total')).toHaveText('2:30');
  });

  test('a refused entry comes back as typed, and once put right it is logged', async ({ page }) => {
    await newPersonSignedIn(page, 'northstar');
    await page.goto(firmUrl('northstar', '/time'));

    await page.getByLabel('Duration', { exact: true }).fill('soon');
    await page.getByLabel('Notes', { exact: true }).fill('Quarterly review');
    await page.getByRole('button', { name: 'Log time' }).click();

    await expect(page.locator('#log-duration-error')).not.toBeEmpty();
    await expect(page.getByLabel('Duration', { exact: true })).toHaveValue('soon');
    await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Quarterly review');
    await page.getByLabel('Duration', { exact: true }).fill('1:15');
    await page.getByRole('button', { name: 'Log time' }).click();
    await expect(page.getByTestId('week-total')).toHaveText('1:15');
    await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('');
  });

  test('an entry is corrected and deleted with plain forms', async ({ page }) => {
    await newPersonSignedIn(page, 'northstar');
    await page.goto(firmUrl('northstar', '/time'));

    await correctThenDelete(page, '3:00', '0:30', false);
  });
});
