// What an approver sees and does beyond a single card (#19, item 2), and
// "my week" one day at a time on a phone (item 4), at Northstar, where a
// week goes to the submitter's manager. Each test owns fixed weeks, so
// tests never share one: approvals in 2026-W30–W35 (priced by the demo's
// rates, which start on 2026-01-01; invoices.spec uses W02–W29, import.spec
// W41, the demo's own past work the last three months), the phone's days
// in 2014 (approvals.spec picks from 2015–2024).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { firmUrl, seriousViolations, signIn, waitForHydration } from './helpers';

test.describe.configure({ timeout: 120_000 });

/** ISO week `n` of 2026 (or 2014) and its days (Monday first), as `YYYY-MM-DD`. */
function weekOf(n: number, year: 2014 | 2026 = 2026): { week: string; days: string[] } {
  // 2026-01-05 and 2014-01-06 are the Mondays of their years' W02.
  const monday = year === 2026 ? Date.UTC(2026, 0, 5 + (n - 2) * 7) : Date.UTC(2014, 0, 6 + (n - 2) * 7);
  const days = [0, 1, 2, 3, 4, 5, 6].map((i) => new Date(monday + i * 86_400_000).toISOString().slice(0, 10));
  return { week: `${year}-W${String(n).padStart(2, '0')}`, days };
}

async function as(browser: Browser, role: 'manager' | 'employee', js: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(page, 'northstar', role);
  return page;
}

/** Emery logs `duration` on the week's Monday and submits the week. */
async function submitted(employee: Page, n: number, duration: string, js: boolean): Promise<string> {
  const { week, days } = weekOf(n);
  await employee.goto(firmUrl('northstar', `/time?week=${week}`));
  if (js) await waitForHydration(employee);
  await employee.getByLabel('Date', { exact: true }).fill(days[0]);
  await employee.getByLabel('Duration').fill(duration);
  await employee.getByRole('button', { name: 'Log time' }).click();
  await expect(employee.getByTestId('week-total')).toHaveText(duration);
  await employee.getByRole('button', { name: 'Submit week for approval' }).click();
  await expect(employee.getByTestId('week-state')).toHaveText('Submitted');
  return week;
}

function card(page: Page, week: string) {
  return page.getByTestId('inbox-item').filter({ hasText: `Emery Employee · ${week}` });
}

for (const js of [true, false]) {
  test(`a manager ticks two weeks and approves them together (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const employee = await as(browser, 'employee', js);
    const weeks = [await submitted(employee, js ? 30 : 32, '8:00', js), await submitted(employee, js ? 31 : 33, '6:30', js)];

    const manager = await as(browser, 'manager', js);
    await manager.goto(firmUrl('northstar', '/approvals'));
    if (js) await waitForHydration(manager);
    for (const week of weeks) {
      // The rate each entry is charged at, and the engagement's budget.
      await expect(card(manager, week).getByTestId('entry-rate')).toHaveText(/^1[58]0\.00 USD\/h$/);
      await expect(card(manager, week).getByTestId('budget-line')).toContainText(/this week · (budget .* used|no budget)/);
      await card(manager, week).getByRole('checkbox', { name: /Tick to approve together/ }).check();
    }
    if (js) expect(await seriousViolations(manager)).toEqual([]);
    await manager.getByRole('button', { name: 'Approve ticked weeks' }).click();

    if (js) await expect(manager.getByRole('status')).toHaveText('Approved 2 weeks.');
    for (const week of weeks) await expect(card(manager, week)).toHaveCount(0);
    for (const week of weeks) {
      await employee.goto(firmUrl('northstar', `/time?week=${week}`));
      await expect(employee.getByTestId('week-state')).toHaveText('Approved');
    }
  });

  test(`the full week opens from its card and is approved there (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const employee = await as(browser, 'employee', js);
    const week = await submitted(employee, js ? 34 : 35, '7:15', js);

    const manager = await as(browser, 'manager', js);
    await manager.goto(firmUrl('northstar', '/approvals'));
    await card(manager, week).getByRole('link', { name: 'Open the full week' }).click();
    await expect(manager).toHaveURL(/\/approvals\/weeks\/\d+$/);
    if (js) await waitForHydration(manager);
    await expect(manager.getByRole('heading', { level: 1 })).toHaveText(`Emery Employee · ${week}`);
    await expect(manager.getByTestId('day-total')).toHaveText(['7:15', '0:00', '0:00', '0:00', '0:00', '0:00', '0:00']);
    await expect(manager.getByTestId('approval-step')).toContainText("submitter's manager (Morgan Manager)");
    if (js) expect(await seriousViolations(manager)).toEqual([]);
    await manager.setViewportSize({ width: 390, height: 844 });
    expect(await manager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await manager.getByRole('button', { name: 'Approve' }).click();

    if (js) await expect(manager.getByRole('status')).toHaveText('Approved: the week is now locked.');
    await expect(manager.getByTestId('approval-week-state')).toHaveText('7:15 · approved');
    await expect(manager.getByTestId('decisions')).toContainText('Morgan Manager approved');
    await expect(manager.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  });

  test(`on a phone, my week reads one day at a time (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const { week, days } = weekOf(js ? 10 : 11, 2014);
    const employee = await as(browser, 'employee', js);
    await employee.goto(firmUrl('northstar', `/time?week=${week}`));
    if (js) await waitForHydration(employee);
    for (const [day, duration] of [[days[0], '2:00'], [days[2], '3:00']]) {
      await employee.getByLabel('Date', { exact: true }).fill(day);
      await employee.getByLabel('Duration').fill(duration);
      await employee.getByRole('button', { name: 'Log time' }).click();
      await expect(employee.getByTestId(`day-${day}`).getByTestId('entry')).toHaveCount(1);
    }

    await employee.setViewportSize({ width: 390, height: 844 });
    const strip = employee.getByTestId('day-strip');
    await expect(strip).toBeVisible();
    await expect(employee.getByTestId('grid-entry')).toBeHidden();
    // Another week opens on its Monday: Monday's entry only.
    await expect(employee.getByTestId(`day-${days[0]}`).getByTestId('entry')).toBeVisible();
    await expect(employee.getByTestId(`day-${days[2]}`)).toBeHidden();

    await strip.getByRole('link', { name: /^Wed .*: 3:00$/ }).click();
    await expect(employee).toHaveURL(new RegExp(`day=${days[2]}$`));
    await expect(employee.getByTestId(`day-${days[2]}`).getByTestId('entry')).toBeVisible();
    await expect(employee.getByTestId(`day-${days[0]}`)).toBeHidden();
    await expect(strip.getByRole('link', { name: /^Wed / })).toHaveAttribute('aria-current', 'date');
    // Time logged now goes on the day shown.
    await expect(employee.getByLabel('Date', { exact: true })).toHaveValue(days[2]);

    await strip.getByRole('link', { name: /^Thu .* →$/ }).click();
    await expect(employee.getByTestId(`day-${days[3]}`)).toContainText('Nothing logged on this day.');
    expect(await employee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A laptop shows the whole week and the grid, and no strip.
    await employee.setViewportSize({ width: 1280, height: 800 });
    await expect(strip).toBeHidden();
    await expect(employee.getByTestId(`day-${days[0]}`).getByTestId('entry')).toBeVisible();
    await expect(employee.getByTestId('grid-entry')).toBeVisible();
  });
}
