// Client and engagement pages summarise before they edit (#19, item 6): an
// engagement opens on its time against the budget (a chart read in
// words), its people, time by person and the latest entries; a client on
// its details, what waits to be invoiced and its engagements' time. Editing
// waits behind a button, and a refused save opens it again with the
// problem shown — with JavaScript and without. Each run makes its own
// engagement at Northstar and logs on it in 2014-W12 (W13 without
// JavaScript): weeks no other spec uses, and far from the demo's past work.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { firmUrl, signIn, unique, waitForHydration } from './helpers';

test.describe.configure({ timeout: 120_000 });

async function as(browser: Browser, role: 'manager' | 'employee', js: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(page, 'northstar', role);
  return page;
}

/** A new engagement with a 2-hour budget on the first client; its page's address. */
async function budgetedEngagement(manager: Page, code: string): Promise<string> {
  await manager.goto(firmUrl('northstar', '/'));
  await manager.getByTestId('client-list').getByRole('link').first().click();
  await manager.locator('#new-code').fill(code);
  await manager.locator('#new-name').fill('Summary check');
  await manager.locator('#new-budget_kind').selectOption('hours');
  await manager.locator('#new-budget').fill('2');
  await manager.getByRole('button', { name: 'Add engagement' }).click();
  await manager.getByTestId('client-engagements').getByRole('link', { name: code }).click();
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText(`${code} Summary check`);
  return manager.url();
}

for (const js of [true, false]) {
  test(`an engagement opens on its summary and edits behind a button (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const manager = await as(browser, 'manager', js);
    const code = unique('SUM').replace(' ', '-').toUpperCase();
    const engagement = await budgetedEngagement(manager, code);
    await expect(manager.getByText('No time logged yet.')).toBeVisible();

    const employee = await as(browser, 'employee', js);
    await employee.goto(firmUrl('northstar', `/time?week=2014-W${js ? 12 : 13}`));
    if (js) await waitForHydration(employee);
    const option = await employee.locator('#log-engagement option', { hasText: code }).getAttribute('value');
    await employee.locator('#log-engagement').selectOption(option!);
    await employee.getByLabel('Duration').fill('3:00');
    await employee.getByLabel('Notes').fill('Summary notes');
    await employee.getByRole('button', { name: 'Log time' }).click();
    await expect(employee.getByTestId('week-total')).toHaveText('3:00');

    await manager.goto(engagement);
    if (js) await waitForHydration(manager);
    const chart = manager.getByRole('img', { name: /h logged/ });
    await expect(chart).toHaveAccessibleName('3:00 h logged over 1 week, against a budget of 2:00 h, over budget.');
    await expect(manager.getByTestId('members')).toHaveText('Emery Employee');
    await expect(manager.getByTestId('time-by-person')).toContainText('Emery Employee');
    await expect(manager.getByTestId('recent-entries')).toContainText('Summary notes');
    await expect(manager.getByRole('button', { name: 'Save engagement' })).toBeHidden();

    await manager.getByText('Edit engagement').click();
    await manager.locator('#edit-budget').fill('two hours');
    await manager.getByRole('button', { name: 'Save engagement' }).click();
    // Refused: the form is open again, the problem beside the budget.
    await expect(manager.getByRole('button', { name: 'Save engagement' })).toBeVisible();
    await expect(manager.locator('#edit-budget').locator('xpath=..')).toContainText(/write a duration as 1:30/i);
    await manager.locator('#edit-budget').fill('4');
    await manager.getByRole('button', { name: 'Save engagement' }).click();
    await expect(chart).toHaveAccessibleName('3:00 h logged over 1 week, against a budget of 4:00 h.');

    // An employee reads the summary, not colleagues' hours or notes.
    await employee.goto(engagement);
    await expect(employee.getByRole('img', { name: /h logged/ })).toBeVisible();
    await expect(employee.getByTestId('members')).toHaveText('Emery Employee');
    await expect(employee.getByTestId('time-by-person')).toHaveCount(0);
    await expect(employee.getByText('Edit engagement')).toHaveCount(0);
  });
}

test('a client opens on its details, what waits to be invoiced and its engagements', async ({ browser }) => {
  const manager = await as(browser, 'manager', true);
  const code = unique('CLI').replace(' ', '-').toUpperCase();
  await budgetedEngagement(manager, code);
  await manager.goBack();
  await manager.reload();
  await expect(manager.getByTestId('client-details')).toContainText('Billing address');
  await expect(manager.getByTestId('unbilled')).toHaveText(/^(Waiting to be invoiced: .* of approved, billable time\.|Nothing waits to be invoiced)/);
  await expect(manager.getByTestId('client-engagements').getByRole('listitem').filter({ hasText: code })).toContainText('0:00 h logged');
  await expect(manager.getByRole('button', { name: 'Save client' })).toBeHidden();
  await manager.getByText('Edit client').click();
  await expect(manager.getByRole('button', { name: 'Save client' })).toBeVisible();

  const employee = await as(browser, 'employee', true);
  await employee.goto(manager.url());
  await expect(employee.getByTestId('client-details')).toBeVisible();
  await expect(employee.getByTestId('unbilled')).toHaveCount(0);
  await expect(employee.getByText('Edit client')).toHaveCount(0);
});
