// The first day of the firm's weeks (#19): an administrator of a firm with
// no submitted week yet chooses Sunday on /settings/regional, and "my
// week" then runs from Sunday to Saturday. On a firm of its own, so no
// other spec reads its weeks. (Refusal once a week was submitted: the
// integration tests in server/tests/integration/first_day.rs.)
import { expect, test } from '@playwright/test';
import { firmUrl, firmWithAdmin, seriousViolations, signInAsFreshAdmin, waitForHydration } from './helpers';

for (const js of [true, false]) {
  test(`an administrator starts the firm's weeks on Sunday (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const slug = firmWithAdmin('sunday', 'Sunday & Co', '#0f766e', '#f59e0b');
    const admin = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await signInAsFreshAdmin(admin, slug);
    await admin.goto(firmUrl(slug, '/settings/regional'));
    if (js) await waitForHydration(admin);
    await expect(admin.getByRole('radio', { name: 'Monday' })).toBeChecked();
    await admin.getByRole('radio', { name: 'Sunday' }).check();
    await admin.getByRole('button', { name: 'Save first day' }).click();

    await expect(admin).toHaveURL(/first_day=saved/);
    await expect(admin.getByTestId('first-day-saved')).toHaveText('Saved: weeks start on Sunday.');
    await expect(admin.getByRole('radio', { name: 'Sunday' })).toBeChecked();
    if (js) expect(await seriousViolations(admin)).toEqual([]);

    await admin.goto(firmUrl(slug, '/time?week=2026-W48'));
    if (js) await waitForHydration(admin);
    const headings = admin.getByTestId('grid').locator('thead th');
    await expect(headings.nth(1)).toHaveText('Sun 22 Nov');
    await expect(headings.nth(7)).toHaveText('Sat 28 Nov');

    await admin.goto(firmUrl(slug, '/audit?action=firm.week_start_changed'));
    await expect(admin.getByTestId('audit-events')).toContainText('was Monday');
  });
}
