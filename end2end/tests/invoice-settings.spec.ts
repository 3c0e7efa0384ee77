// An administrator's invoice settings: a broken number format is refused at
// its field, with what was typed still there and nothing saved; a layout
// option (naming people in line details) is saved and shown again. With
// JavaScript (one firm) and without (another), so the two never race.
import { expect, test } from '@playwright/test';
import { firmUrl, signIn, waitForHydration } from './helpers';

for (const [js, slug] of [[true, 'harbor-law'], [false, 'ledgerline']] as const) {
  test(`invoice settings refuse a broken number format and keep a layout option (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await signIn(page, slug, 'admin');
    const open = async () => {
      await page.goto(firmUrl(slug, '/settings/invoicing'));
      if (js) await waitForHydration(page);
    };
    // Waits for the server's answer: a page left mid-save may drop the save.
    const save = async () => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/save_invoice_settings'));
      await page.getByRole('button', { name: 'Save settings' }).click();
      await answered;
      await page.waitForLoadState();
    };
    await open();
    const pattern = page.getByLabel('Invoice numbers');
    const saved = await pattern.inputValue();

    await pattern.fill('INV-{seq:4');
    const unclosed = /a “\{” is not closed with “\}”/i;
    // With JavaScript the browser checks as it is typed, by the server's rule.
    if (js) await expect(page.getByTestId('number-preview')).toHaveText(unclosed);
    await save();
    await expect(page.getByTestId('number-error')).toHaveText(unclosed);
    await expect(page.getByLabel('Invoice numbers')).toHaveValue('INV-{seq:4');
    await open();
    await expect(page.getByLabel('Invoice numbers')).toHaveValue(saved);

    const people = page.getByLabel('Name the people who did the work in line details');
    const before = await people.isChecked();
    await people.setChecked(!before);
    await save();
    if (js) await expect(page.getByText('Saved. New drafts use these settings.')).toBeVisible();
    await open();
    await expect(page.getByLabel('Name the people who did the work in line details')).toBeChecked({ checked: !before });
    // Left as the demo had it.
    await page.getByLabel('Name the people who did the work in line details').setChecked(before);
    await save();
    await open();
    await expect(page.getByLabel('Name the people who did the work in line details')).toBeChecked({ checked: before });
  });
}
