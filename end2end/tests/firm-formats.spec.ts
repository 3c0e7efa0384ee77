// The firm's date and number formats (#19, item 5): an administrator
// chooses them on /settings/regional, each choice shown as it writes the
// same day and amount; the audit log then writes its times that way. On a
// firm of its own, so no other spec reads its changed formats.
import { expect, test } from '@playwright/test';
import { firmUrl, firmWithAdmin, seriousViolations, signInAsFreshAdmin, waitForHydration } from './helpers';

for (const js of [true, false]) {
  test(`an administrator chooses how dates and numbers read (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const slug = firmWithAdmin('formats', 'Formats & Co', '#1d4ed8', '#f59e0b');
    const admin = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await signInAsFreshAdmin(admin, slug);
    await admin.goto(firmUrl(slug, '/settings/regional'));
    if (js) await waitForHydration(admin);
    const dates = admin.getByLabel('Dates', { exact: true });
    await expect(dates.locator('option')).toHaveText(['3 Dec 2026', 'Dec 3, 2026', '2026-12-03', '03/12/2026', '12/03/2026', '03.12.2026']);
    await dates.selectOption({ label: '03.12.2026' });
    await admin.getByLabel('Numbers and amounts').selectOption({ label: '1.234,50' });
    await admin.getByRole('button', { name: 'Save formats' }).click();

    await expect(admin).toHaveURL(/formats=saved/);
    await expect(admin.getByTestId('formats-saved')).toHaveText('Saved: dates and numbers now read 03.12.2026 · 1.234,50.');
    await expect(admin.getByLabel('Dates', { exact: true })).toHaveValue('day-dot-month');
    await expect(admin.getByLabel('Numbers and amounts')).toHaveValue('point-comma');
    if (js) expect(await seriousViolations(admin)).toEqual([]);

    await admin.goto(firmUrl(slug, '/audit?action=firm.formats_changed'));
    const events = admin.getByTestId('audit-events');
    await expect(events).toContainText('03.12.2026 · 1.234,50');
    await expect(events).toContainText('was 3 Dec 2026 · 1,234.50');
    await expect(events.locator('td').first()).toHaveText(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
  });
}
