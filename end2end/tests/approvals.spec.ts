// Approval workflows in the browser: three demo firms, three policies.
// Northstar sends a week to the submitter's manager; Harbor & Finch needs
// two different approvers; Ledgerline approves a week under 10 hours on
// submission. Each test uses its own past week, so tests never share one.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { firmUrl, followNav, signIn, waitForHydration } from './helpers';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

// Several people sign in per test (each an Argon2 check on a 2-core machine).
test.describe.configure({ timeout: 90_000 });

function randomPastWeek(): string {
  const year = 2015 + Math.floor(Math.random() * 10);
  const week = 1 + Math.floor(Math.random() * 52);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

async function logAndSubmit(page: Page, slug: string, week: string, duration: string, js = true): Promise<void> {
  await page.goto(firmUrl(slug, `/time?week=${week}`));
  if (js) await waitForHydration(page);
  await page.getByLabel('Duration').fill(duration);
  await page.getByRole('button', { name: 'Log time' }).click();
  await expect(page.getByTestId('week-total')).toHaveText(duration);
  await page.getByRole('button', { name: 'Submit week for approval' }).click();
}

async function signedIn(browser: Browser, slug: string, role: 'admin' | 'manager' | 'employee'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, slug, role);
  return page;
}

async function approveFromInbox(page: Page, slug: string, week: string, js = true): Promise<void> {
  await page.goto(firmUrl(slug, '/approvals'));
  if (js) await waitForHydration(page);
  const item = page.getByTestId('inbox-item').filter({ hasText: `Emery Employee · ${week}` });
  // The approver sees what they approve: the week's entries, day by day.
  await expect(item.getByTestId('approval-entries').getByRole('row')).toHaveCount(2); // a header and the one entry logged
  await item.getByRole('button', { name: 'Approve' }).click();
}

test('an employee submits the week and their manager approves it from the inbox', async ({ page, browser }) => {
  const week = randomPastWeek();
  await signIn(page, 'northstar', 'employee');
  await logAndSubmit(page, 'northstar', week, '8:00');
  await expect(page.getByTestId('week-state')).toHaveText('Submitted');
  await expect(page.getByTestId('waiting-for')).toContainText("submitter's manager (Morgan Manager)");
  await expect(page.getByTestId('week-locked')).toBeVisible();

  const manager = await signedIn(browser, 'northstar', 'manager');
  await approveFromInbox(manager, 'northstar', week);
  await expect(manager.getByRole('status')).toHaveText('Approved: the week is now locked.');
  await expect(manager.getByTestId('inbox-item').filter({ hasText: week })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('week-state')).toHaveText('Approved');
  await expect(page.getByTestId('decisions')).toContainText('Morgan Manager approved');
});

test('a firm with a two-approvals policy needs two different approvers', async ({ page, browser }) => {
  const week = randomPastWeek();
  await signIn(page, 'harbor-law', 'employee');
  await logAndSubmit(page, 'harbor-law', week, '9:30');
  await expect(page.getByTestId('waiting-for')).toContainText('2 approvals by different people');
  // In words: no rule numbers or policy versions for the person waiting.
  await expect(page.getByTestId('waiting-for')).toHaveText(/^Waiting for: 2 approvals by different people/);

  const manager = await signedIn(browser, 'harbor-law', 'manager');
  await approveFromInbox(manager, 'harbor-law', week);
  await expect(manager.getByRole('status')).toHaveText('Approval recorded; the week now waits for the next step.');
  await expect(manager.getByTestId('inbox-item').filter({ hasText: week })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('week-state')).toHaveText('Submitted');
  await expect(page.getByTestId('waiting-for')).toContainText('1 of 2 given');

  const admin = await signedIn(browser, 'harbor-law', 'admin');
  await approveFromInbox(admin, 'harbor-law', week);
  await expect(admin.getByRole('status')).toHaveText('Approved: the week is now locked.');
  await page.reload();
  await expect(page.getByTestId('week-state')).toHaveText('Approved');

  // Unlocking it says so, and the approval's confirmation does not linger.
  const locked = admin.getByTestId('locked-week').filter({ hasText: week });
  await locked.getByLabel('Reason').fill('Hours to correct');
  await locked.getByRole('button', { name: 'Unlock' }).click();
  await expect(admin.getByRole('status')).toHaveText('Unlocked: its owner can change the week again.');
  await expect(admin.getByTestId('locked-week').filter({ hasText: week })).toHaveCount(0);
});

test('a firm that auto-approves weeks under 10 hours skips approval for a short week', async ({ page }) => {
  const week = randomPastWeek();
  await signIn(page, 'ledgerline', 'employee');
  await logAndSubmit(page, 'ledgerline', week, '6:00');
  await expect(page.getByTestId('week-state')).toHaveText('Approved');
  await expect(page.getByTestId('week-locked')).toBeVisible();
});

test('each demo firm shows its own workflow on the settings page, and a policy can be tried', async ({ page }) => {
  await signIn(page, 'ledgerline', 'admin');
  await followNav(page, 'Workflows');
  await expect(page.getByTestId('current-rules')).toContainText('automatically if it is below 10:00 hours');
  await waitForHydration(page);
  await page.getByLabel('Example hours', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(page.getByTestId('trial')).toContainText('would be approved as soon as it is submitted');

  await signIn(page, 'harbor-law', 'admin');
  await page.goto(firmUrl('harbor-law', '/settings/workflows'));
  await expect(page.getByTestId('current-rules')).toContainText('2 approvals by different people');
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('trying a policy shows the result and keeps the rows as typed, saving nothing', async ({ page }) => {
    await signIn(page, 'ledgerline', 'admin');
    await page.goto(firmUrl('ledgerline', '/settings/workflows'));
    const firstRule = page.getByTestId('rule-row').first();

    await firstRule.getByLabel('Below (hours or amount)').fill('3');
    await page.getByLabel('Submitted by').selectOption({ label: 'Emery Employee' });
    await page.getByLabel('Example hours', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Try it' }).click();

    await expect(page.getByTestId('trial')).toContainText('would need one approval step');
    await expect(page.getByTestId('trial')).toContainText("needs the submitter's manager. Could approve: Morgan Manager.");
    await expect(firstRule.getByLabel('Below (hours or amount)')).toHaveValue('3');
    await expect(page.getByLabel('Example hours', { exact: true })).toHaveValue('4');
    await expect(page.getByTestId('current-rules')).toContainText('below 10:00 hours');
  });

  test('a week is submitted and approved with plain form posts', async ({ page, browser }) => {
    const week = randomPastWeek();
    await signIn(page, 'northstar', 'employee');
    await logAndSubmit(page, 'northstar', week, '7:00', false);
    await expect(page.getByTestId('week-state')).toHaveText('Submitted');

    const context = await browser.newContext({ javaScriptEnabled: false });
    const manager = await context.newPage();
    await signIn(manager, 'northstar', 'manager');
    await approveFromInbox(manager, 'northstar', week, false);
    await expect(manager.getByTestId('inbox-item').filter({ hasText: week })).toHaveCount(0);

    await page.reload();
    await expect(page.getByTestId('week-state')).toHaveText('Approved');
  });
});

/**
 * An employee of Ledgerline adds an expense (with a receipt, or not) and
 * submits it; their manager opens the inbox. Returns the employee's row and
 * the manager's card for it.
 */
async function submittedExpense(page: Page, browser: Browser, receipt: boolean): Promise<{ row: Locator; item: Locator }> {
  const amount = `${100 + Math.floor(Math.random() * 900)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
  await signIn(page, 'ledgerline', 'employee');
  await page.goto(firmUrl('ledgerline', '/expenses'));
  await waitForHydration(page);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByLabel('Category').selectOption('travel');
  if (receipt) await page.getByLabel(/^Receipt/).setInputFiles({ name: 'taxi.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Add expense' }).click();
  const row = page.getByTestId('expenses').getByRole('row').filter({ hasText: `${amount} USD` });
  await row.getByRole('button', { name: 'Submit' }).click();
  await expect(row).toContainText('Submitted');

  const manager = await signedIn(browser, 'ledgerline', 'manager');
  await manager.goto(firmUrl('ledgerline', '/approvals'));
  await waitForHydration(manager);
  return { row, item: manager.getByTestId('expense-item').filter({ hasText: `${amount} USD` }) };
}

test('an expense is submitted and approved from the same inbox, its receipt one click away', async ({ page, browser }) => {
  const { row, item } = await submittedExpense(page, browser, true);

  await expect(item.getByRole('link', { name: 'Open the receipt' })).toHaveAttribute('href', /^\/expenses\/\d+\/receipt$/);
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);

  await page.reload();
  await expect(row).toContainText('Approved');
});

test('an expense sent back reads "Sent back" on its owner\'s list, with the reason', async ({ page, browser }) => {
  const { row, item } = await submittedExpense(page, browser, false);

  await expect(item.getByRole('link', { name: 'Open the receipt' })).toHaveCount(0); // none was attached
  await item.getByLabel('Comment (needed to send back)').fill('Please attach the receipt');
  await item.getByRole('button', { name: 'Send back' }).click();
  await expect(item).toHaveCount(0);

  await page.reload();
  await expect(row).toContainText('Sent back');
  await expect(row.getByTestId('sent-back-because')).toHaveText('Why: Please attach the receipt');
});
