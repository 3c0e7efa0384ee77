// Accounting hand-off as a firm uses it. Northstar (Xero), with JavaScript:
// an administrator removes a tax code, sees the export refused with the
// gap listed by invoice and line, follows its link to the field, maps it,
// exports, downloads the Xero file with Xero's own headings, the period has
// nothing new to export, and the month-end pack is prepared with its progress
// followed by the page. Ledgerline (QuickBooks Online), without
// JavaScript: a month exported with plain forms, the file downloaded, and the
// pack followed by reloading until it is ready.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, signIn, waitForHydration } from './helpers';

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** From the first day of the month three months back to today: the demo's invoices. */
function demoPeriod(): { from: string; to: string } {
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 3, 1));
  return { from: iso(from), to: iso(today) };
}

async function download(page: Page, link: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).first().click()]);
  const stream = await file.createReadStream();
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

test('an administrator maps a missing tax code from the export page and exports for Xero (JavaScript on)', async ({ page }) => {
  await signIn(page, 'northstar', 'admin');
  const { from, to } = demoPeriod();
  const taxes = 'GST 5 % + QST 9.975 %';
  const settings = async () => {
    await page.goto(firmUrl('northstar', '/settings/accounting'));
    await waitForHydration(page);
  };
  const save = async () => {
    const answered = page.waitForResponse((r) => r.url().includes('/api/save_accounting_settings'));
    await page.getByRole('button', { name: 'Save accounting settings' }).click();
    await answered;
    await expect(page.getByText('Saved. The next export uses these settings.')).toBeVisible();
  };
  await settings();
  await expect(page.getByLabel('Accounting system')).toHaveValue('xero');
  const code = page.getByLabel(taxes);
  const mapped = await code.inputValue();
  await code.fill('');
  await save();

  await page.goto(firmUrl('northstar', `/accounting?from=${from}&to=${to}`));
  await waitForHydration(page);
  const gaps = page.getByTestId('export-gaps');
  await expect(gaps).toContainText(`the tax code for "${taxes}"`);
  await expect(gaps).toContainText(/, line 1:/);
  await expect(page.getByRole('button', { name: 'Export this batch' })).toBeDisabled();
  await gaps.getByRole('link', { name: 'fix' }).first().click();
  await expect(page).toHaveURL(/\/settings\/accounting#tax_codes$/);
  await waitForHydration(page);
  await page.getByLabel(taxes).fill(mapped);
  await save();

  await page.goto(firmUrl('northstar', `/accounting?from=${from}&to=${to}`));
  await waitForHydration(page);
  await expect(page.getByTestId('export-gaps')).toHaveCount(0);
  await expect(page.getByTestId('export-preview').getByRole('row')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Export this batch' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Batch \d+ written/ })).toBeVisible();
  const batches = page.getByTestId('export-batches');
  await expect(batches).toContainText('Xero');
  const xero = (await download(page, 'xero-invoices.csv')).toString('utf8');
  expect(xero.split('\r\n')[0]).toBe(
    '*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme',
  );
  expect(xero).toContain(`,${mapped},`);

  // Exported once, the period has nothing left: a second batch would be empty.
  await expect(page.getByTestId('export-preview')).toContainText('Nothing new to export');
  await expect(page.getByRole('button', { name: 'Export this batch' })).toBeDisabled();

  // The pack is prepared in the background; the page follows it by itself.
  await page.getByRole('button', { name: `Prepare the pack for ${from} to ${to}` }).click();
  const pack = await download(page, 'Download the pack');
  expect(pack.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(pack.toString('latin1')).toContain('books/xero-invoices.csv');
});

test('a manager exports a month for QuickBooks Online and downloads the pack (JavaScript off)', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, 'ledgerline', 'manager');
  const { from, to } = demoPeriod();
  await page.goto(firmUrl('ledgerline', '/accounting'));
  await expect(page.getByText('QuickBooks Online')).toBeVisible();
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To').fill(to);
  await page.getByRole('button', { name: 'Show this period' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  await expect(page.getByTestId('export-preview')).toContainText('Invoice');
  await page.getByRole('button', { name: 'Export this batch' }).click();
  await expect(page.getByTestId('export-batches')).toContainText('QuickBooks Online');
  const qbo = (await download(page, 'quickbooks-online-invoices-USD.csv')).toString('utf8');
  expect(qbo.split('\r\n')[0]).toBe(
    '*Invoice number,*Customer,*Invoice date,*Due date,Terms,Location,Memo,Item(Product/Service),Item Description,Item Quantity,Item Rate,*Item Amount,Item tax code',
  );
  expect(qbo).toMatch(/,TAX\r\n/);

  // Without JavaScript the pack's progress is followed by reloading.
  await page.goto(firmUrl('ledgerline', `/accounting?from=${from}&to=${to}`));
  await page.getByRole('button', { name: `Prepare the pack for ${from} to ${to}` }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('link', { name: /Download the pack/ })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const pack = await download(page, 'Download the pack');
  expect(pack.subarray(0, 2).toString('latin1')).toBe('PK');
  const names = pack.toString('latin1');
  for (const name of ['README.txt', 'books/quickbooks-online-invoices-USD.csv', 'payments.csv', 'summary.csv', 'invoices/']) {
    expect(names).toContain(name);
  }
});
