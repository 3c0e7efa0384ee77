// Notifications (#19, item 3) at Northstar, where a week goes to the
// submitter's manager: the manager is told a week waits, opens it from
// the notice, sends it back; the employee is told why and marks all read.
// The header counts what is unread. Weeks 2014-W14 to W17 are this spec's
// (approval-weeks.spec uses 2014-W10/11, summaries.spec W12/13).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { firmUrl, pesproWithInput, seriousViolations, signIn, unique, waitForHydration } from './helpers';

// One after the other: both variants read and mark Emery's notifications.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

async function as(browser: Browser, role: 'manager' | 'employee', js: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(page, 'northstar', role);
  return page;
}

/** ISO week `n` of 2014 and its Monday. */
function weekOf(n: number): { week: string; monday: string } {
  const monday = new Date(Date.UTC(2014, 0, 6 + (n - 2) * 7)).toISOString().slice(0, 10);
  return { week: `2014-W${String(n).padStart(2, '0')}`, monday };
}

function notice(page: Page, text: string) {
  return page.getByTestId('notice').filter({ hasText: text });
}

for (const js of [true, false]) {
  test(`a waiting week and its sending back reach the right people (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const { week, monday } = weekOf(js ? 14 : 15);
    const employee = await as(browser, 'employee', js);
    await employee.goto(firmUrl('northstar', `/time?week=${week}`));
    if (js) await waitForHydration(employee);
    await employee.getByLabel('Date', { exact: true }).fill(monday);
    await employee.getByLabel('Duration').fill('3:00');
    await employee.getByRole('button', { name: 'Log time' }).click();
    await expect(employee.getByTestId('week-total')).toHaveText('3:00');
    await employee.getByRole('button', { name: 'Submit week for approval' }).click();
    await expect(employee.getByTestId('week-state')).toHaveText('Submitted');

    const manager = await as(browser, 'manager', js);
    await expect(manager.getByRole('link', { name: /^Notifications \d+ unread$/ })).toBeVisible();
    await manager.getByTestId('notifications-link').click();
    await expect(manager).toHaveURL(firmUrl('northstar', '/notifications'));
    if (js) await waitForHydration(manager);
    const waiting = notice(manager, `Emery Employee submitted the week ${week}: it waits for your approval.`);
    await expect(waiting).toHaveAttribute('data-read', 'false');
    await expect(waiting).toContainText('New');
    if (js) expect(await seriousViolations(manager)).toEqual([]);
    await waiting.getByRole('button', { name: 'Open' }).click();

    await expect(manager).toHaveURL(/\/approvals\/weeks\/\d+$/);
    if (js) await waitForHydration(manager);
    await manager.getByLabel('Comment (needed to send back)').fill('Add notes to Monday');
    await manager.getByRole('button', { name: 'Send back' }).click();
    await expect(manager.getByTestId('approval-week-state')).toContainText('sent back');
    await manager.goto(firmUrl('northstar', '/notifications'));
    await expect(notice(manager, `submitted the week ${week}`)).toHaveAttribute('data-read', 'true');

    await employee.goto(firmUrl('northstar', '/notifications'));
    if (js) await waitForHydration(employee);
    await expect(employee.getByTestId('unread-count')).toBeVisible();
    await expect(notice(employee, `Your week ${week} was sent back by Morgan Manager: “Add notes to Monday”`)).toHaveAttribute(
      'data-read',
      'false',
    );
    await employee.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(employee.getByRole('status')).toHaveText(/^Marked \d+ notifications? as read\.$/);
    await expect(employee.getByTestId('unread-count')).toHaveCount(0);
    await expect(employee.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0);
  });
}

test('a person chooses how notifications reach them by email', async ({ browser }) => {
  for (const js of [true, false]) {
    const employee = await as(browser, 'employee', js);
    await employee.goto(firmUrl('northstar', '/account'));
    if (js) await waitForHydration(employee);
    const choice = js ? 'Email me a daily digest' : 'No email: I read them here';
    await employee.getByLabel(choice).check();
    await employee.getByRole('button', { name: 'Save email choice' }).click();
    if (js) await expect(employee.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText(`Saved: ${choice}.`);
    await employee.goto(firmUrl('northstar', '/account'));
    await expect(employee.getByLabel(choice)).toBeChecked();
  }
});

for (const js of [true, false]) {
  test(`a person changes the name the firm shows for them (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    // Someone of their own: the demo people's names are read by other specs.
    const email = `${unique('renamed').replace(' ', '-')}@northstar.example`;
    pesproWithInput('renaming passphrase\n', 'person', 'add', '--firm', 'northstar', '--email', email, '--name', 'Rena Before', '--role', 'employee');
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await page.goto(firmUrl('northstar', '/sign-in'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('renaming passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(firmUrl('northstar', '/'));

    await page.goto(firmUrl('northstar', '/account'));
    if (js) await waitForHydration(page);
    await page.getByLabel('Name as the firm shows it').fill('   ');
    await page.getByRole('button', { name: 'Change name' }).click();
    await expect(page.locator('#display-name-error')).not.toBeEmpty();
    await page.getByLabel('Name as the firm shows it').fill('Rena  After');
    await page.getByRole('button', { name: 'Change name' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your name' })).toHaveText('Your name was changed.');
    await expect(page.getByTestId('signed-in-as')).toContainText('Rena After');
  });
}
