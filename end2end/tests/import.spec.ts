// Importing time: a demo firm's administrator uploads a Harvest export whose
// people are the demo people, reads the preview, imports, and importing the
// same file again adds nothing — with JavaScript and without. A row Harvest
// had not approved arrives as a draft in its person's week, marked imported.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, followNav, navLink, seriousViolations, signIn, unique, waitForHydration } from './helpers';

const HEADER =
  'Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced,Approved,' +
  'First Name,Last Name,Employee?,Roles,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL';

/** A small Harvest detailed export (with a byte-order mark, as Excel saves
 * it): three rows for the demo people (Emery's not approved in Harvest), one
 * for someone the firm doesn't have. */
function harvestExport(client: string, code: string): { name: string; mimeType: string; buffer: Buffer } {
  const tag = unique('run');
  const row = (date: string, project: string, projectCode: string, notes: string, hours: string, first: string, last: string) =>
    `${date},${client},${project},${projectCode},Design,"${notes}",${hours},${hours},Yes,No,${first === 'Emery' ? 'No' : 'Yes'},${first},${last},Yes,,150.0,,60.0,,United States Dollar - USD,`;
  const rows = [
    HEADER,
    row('2026-10-05', 'Existing work', code, `Kick-off, notes ${tag}`, '2.5', 'Avery', 'Admin'),
    row('2026-10-06', `Pitch deck ${tag}`, '', `First draft ${tag}`, '1.25', 'Morgan', 'Manager'),
    row('2026-10-07', `Pitch deck ${tag}`, '', `Second draft ${tag}`, '0.75', 'Emery', 'Employee'),
    row('2026-10-07', `Pitch deck ${tag}`, '', `Review ${tag}`, '1', 'Jordan', 'Contractor'),
  ];
  return { name: 'harvest-export.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${rows.join('\r\n')}\r\n`) };
}

async function uploadFile(page: Page, slug: string, file: ReturnType<typeof harvestExport>): Promise<void> {
  await page.goto(firmUrl(slug, '/import'));
  await page.getByLabel('Export file (CSV, up to 10 MiB)').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(new RegExp(`/import/\\d+$`));
}

async function expectFirstPreview(page: Page): Promise<void> {
  await expect(page.getByTestId('count-recognised')).toHaveText('4');
  await expect(page.getByTestId('count-ready')).toHaveText('3');
  await expect(page.getByTestId('count-errors')).toHaveText('1');
  await expect(page.getByTestId('import-people')).toContainText('Emery Employee → Emery Employee (1 row)');
  await expect(page.getByTestId('import-people')).toContainText('Jordan Contractor — not found at the firm');
  await expect(page.getByTestId('import-errors')).toContainText('No one at the firm is named “Jordan Contractor”');
  await expect(page.getByText(/ — [A-Z]{3}-PITCHD(-\d+)? Pitch deck run /)).toBeVisible();
  await expect(page.getByTestId('import-drafts')).toContainText('1 of them was not approved in Harvest');
}

async function expectNothingNew(page: Page): Promise<void> {
  await expect(page.getByTestId('count-ready')).toHaveText('0');
  await expect(page.getByTestId('count-duplicates')).toHaveText('3');
  await expect(page.getByText('Nothing in this file can be imported')).toBeVisible();
}

test('an administrator previews and imports a Harvest export, and a second upload adds nothing', async ({ browser, page }) => {
  await signIn(page, 'northstar', 'admin');
  await followNav(page, 'Import');
  await waitForHydration(page);
  const file = harvestExport('Fjord Outdoor Gear', 'FJD-LAUNCH');

  await uploadFile(page, 'northstar', file);
  await waitForHydration(page);
  await expectFirstPreview(page);
  // The preview is reached only through an upload: checked here, as
  // accessibility.spec.ts checks the other pages.
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Import 3 entries' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Imported 3 entries, skipped 0 already imported, 1 row with errors.',
  );

  await uploadFile(page, 'northstar', file);
  await expectNothingNew(page);

  // Emery finds the row Harvest had not approved in their week, to submit.
  const emery = await (await browser.newContext()).newPage();
  await signIn(emery, 'northstar', 'employee');
  await emery.goto(firmUrl('northstar', '/time?week=2026-W41'));
  const entry = emery.getByTestId('entry').filter({ hasText: 'Second draft run' }).last();
  await expect(entry.getByTestId('imported')).toHaveText('Imported · not yet approved');
  await expect(entry.locator('summary', { hasText: 'Edit' })).toBeVisible();
});

test('an employee finds no import page', async ({ page }) => {
  await signIn(page, 'northstar', 'employee');
  await expect(navLink(page, 'Import')).toHaveCount(0);
  await page.goto(firmUrl('northstar', '/import'));
  await expect(page.getByRole('alert')).toHaveText("Only the firm's administrators can import time.");
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the upload and the import are plain form posts', async ({ page }) => {
    await signIn(page, 'harbor-law', 'admin');
    const file = harvestExport('Marlow Shipping Ltd', 'MAR-2026-014');

    await uploadFile(page, 'harbor-law', file);
    await expectFirstPreview(page);
    await page.getByRole('button', { name: 'Import 3 entries' }).click();
    await expect(page.getByTestId('import-summary')).toHaveText(
      'Imported 3 entries, skipped 0 already imported, 1 row with errors.',
    );

    await uploadFile(page, 'harbor-law', file);
    await expectNothingNew(page);
  });
});
