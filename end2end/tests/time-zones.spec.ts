// Time zones (#19, item 5): an administrator sets the firm's, the audit
// log reads on it; a person picks their own on their account page. At
// Ledgerline, whose times no other spec reads.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { firmUrl, seriousViolations, signIn, waitForHydration } from './helpers';

// One after the other: the variants change the same firm's zone.
test.describe.configure({ mode: 'serial' });

async function as(browser: Browser, role: 'admin' | 'employee', js: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(page, 'ledgerline', role);
  return page;
}

for (const js of [true, false]) {
  test(`the firm's time zone is the audit log's clock (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const zone = js ? 'Europe/Berlin' : 'Europe/Lisbon';
    const admin = await as(browser, 'admin', js);
    await admin.goto(firmUrl('ledgerline', '/settings/regional'));
    if (js) await waitForHydration(admin);
    await admin.getByLabel('Time zone').selectOption(zone);
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    if (js) await expect(admin.getByRole('status').filter({ hasText: 'time zone' })).toHaveText(`Saved: the firm's time zone is ${zone}.`);
    await admin.goto(firmUrl('ledgerline', '/settings/regional'));
    await expect(admin.getByLabel('Time zone')).toHaveValue(zone);
    if (js) expect(await seriousViolations(admin)).toEqual([]);

    await admin.goto(firmUrl('ledgerline', '/audit?action=firm.time_zone_changed'));
    await expect(admin.getByTestId('audit-zone')).toContainText(`Times are in ${zone}`);
    await expect(admin.getByTestId('audit-events')).toContainText(zone);
  });

  test(`a person reads times on their own clock (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const employee = await as(browser, 'employee', js);
    await employee.goto(firmUrl('ledgerline', '/account'));
    if (js) await waitForHydration(employee);
    const zone = js ? 'Asia/Tokyo' : 'America/Chicago';
    await employee.getByLabel('Show times in').selectOption(zone);
    await employee.getByRole('button', { name: 'Save time zone' }).click();
    if (js) await expect(employee.getByRole('status').filter({ hasText: 'times are shown' })).toHaveText(`Saved: times are shown in ${zone}.`);
    await employee.goto(firmUrl('ledgerline', '/account'));
    await expect(employee.getByLabel('Show times in')).toHaveValue(zone);
  });
}
