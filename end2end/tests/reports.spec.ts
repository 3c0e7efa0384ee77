// Reports as a manager reads them at Ledgerline: each of the six opens on its
// chart with its definition under it; changing the period redraws the
// chart (with JavaScript, without reloading the page); each downloads as
// CSV (and the hours table as PDF). An employee sees only their own utilization. With JavaScript and
// without.
import * as fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, seriousViolations, signIn, waitForHydration } from './helpers';

async function csvOf(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
  return fs.readFileSync((await download.path())!, 'utf8');
}

for (const js of [true, false]) {
  test.describe(`with JavaScript ${js ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: js });

    test('a manager opens each report, changes the period, sees the chart change and downloads it', async ({ page }) => {
      await signIn(page, 'ledgerline', 'manager');
      await page.goto(firmUrl('ledgerline', '/reports'));
      if (js) await waitForHydration(page);
      // Marks this document: a reload would lose it.
      if (js) await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));

      const utilization = page.getByTestId('report-utilization');
      const chart = utilization.locator('figure').first();
      await expect(chart.locator('svg[role="img"]')).toBeVisible();
      await expect(chart.locator('figcaption')).toContainText('by week');
      await expect(page.getByTestId('report-definition')).toContainText('Utilization = billable hours');
      const twelveWeeks = await chart.locator('rect.fill-chart').count();
      expect(twelveWeeks).toBe(12);

      await page.getByTestId('report-periods').getByRole('link', { name: 'Last 12 months' }).click();
      await expect(page).toHaveURL(/period=last-12-months/);
      await expect(chart.locator('figcaption')).toContainText('by month');
      await expect(chart.locator('rect.fill-chart')).toHaveCount(12);
      await expect(page.getByTestId('report-periods').getByRole('link', { name: 'Last 12 months' })).toHaveAttribute('aria-current', 'page');
      await page.getByTestId('report-periods').getByRole('link', { name: 'Last 4 weeks' }).click();
      await expect(chart.locator('rect.fill-chart')).toHaveCount(4);
      if (js) expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
      const csv = await csvOf(page);
      expect(csv.split('\n')[0]).toBe('row,name_or_period_start,used_hours,recorded_hours,available_hours,utilization_percent');
      expect(csv).toContain('person,Emery Employee,');

      await page.getByTestId('report-tabs').getByRole('link', { name: 'Realization' }).click();
      // The demo's invoices are issued on the first of each month.
      await page.getByTestId('report-periods').getByRole('link', { name: 'Last 3 months' }).click();
      await expect(page).toHaveURL(/report=realization&period=last-3-months/);
      const realization = page.getByTestId('report-realization').first();
      await expect(realization.locator('figcaption')).toContainText('Realization in USD by client');
      await expect(realization.getByRole('table', { name: 'By engagement' })).toBeVisible();
      expect((await csvOf(page)).split('\n')[0]).toBe(
        'row,currency,client,engagement_or_person,worked,billed,realization_percent,invoice_number,reason',
      );

      await page.getByTestId('report-tabs').getByRole('link', { name: 'Budget burn' }).click();
      const budgets = page.getByTestId('budgets-table');
      await expect(budgets.getByText('Over budget').first()).toBeVisible();
      await expect(budgets.getByText('At risk').first()).toBeVisible();
      await expect(page.getByTestId('report-budgets').getByTestId('bar-list').locator('rect.fill-red-700').first()).toBeVisible();
      // How the budgets at risk got there, week by week.
      await expect(page.getByTestId('budget-histories').locator('figcaption').first()).toContainText('budget used by the end of each week');
      expect((await csvOf(page)).split('\n')[0]).toBe('client,engagement,unit,budget,used,used_percent,runs_out_on,at_risk');

      await page.getByTestId('report-tabs').getByRole('link', { name: 'Unbilled work' }).click();
      const unbilled = page.getByTestId('report-unbilled').first();
      await expect(unbilled.locator('figcaption')).toContainText('Unbilled work in USD by age');
      await expect(unbilled.getByRole('columnheader', { name: 'Over 90 days' })).toBeVisible();
      expect((await csvOf(page)).split('\n')[0]).toBe(
        'currency,client,engagement,hours,age_0_30,age_31_60,age_61_90,age_over_90,total',
      );

      await page.getByTestId('report-tabs').getByRole('link', { name: 'Receivables' }).click();
      await page.getByTestId('report-periods').getByRole('link', { name: 'Last 3 months' }).click();
      const receivables = page.getByTestId('report-receivables');
      await expect(receivables.locator('figcaption').first()).toContainText('Owed in USD at the end of each month');
      // The demo's oldest invoice was paid late: one month's end finds it overdue.
      await expect(receivables.locator('svg[role="img"] rect[fill="#b91c1c"][height]:not([height="0"])').first()).toBeAttached();
      await expect(receivables.getByTestId('receivables-total')).toBeVisible();
      expect((await csvOf(page)).split('\n')[0]).toBe(
        'currency,as_of,client,current,days_1_30,days_31_60,days_61_90,over_90,total',
      );

      await page.getByTestId('report-tabs').getByRole('link', { name: 'Hours' }).click();
      const grouping = page.getByTestId('hours-grouping');
      await grouping.getByRole('navigation', { name: 'Group hours by' }).getByRole('link', { name: 'Client' }).click();
      await expect(page).toHaveURL(/report=hours&period=last-3-months&by=client/);
      await grouping.getByRole('navigation', { name: 'Then by' }).getByRole('link', { name: 'Person' }).click();
      await expect(page).toHaveURL(/by=client&then=person/);
      const hours = page.getByTestId('hours-table');
      await expect(hours.getByRole('columnheader', { name: 'Client' })).toBeVisible();
      await expect(hours.getByRole('columnheader', { name: 'Person' })).toBeVisible();
      await expect(hours.getByText('Emery Employee').first()).toBeVisible();
      await expect(page.getByTestId('report-hours').getByTestId('bar-list')).toBeVisible();
      await grouping.getByRole('navigation', { name: 'Group hours by' }).getByRole('link', { name: 'Week' }).click();
      await expect(page.getByTestId('report-hours').locator('figcaption')).toContainText('Hours by week');
      const hoursCsv = await csvOf(page);
      expect(hoursCsv.split('\n')[0]).toBe('week,person,hours,billable_hours');
      expect(hoursCsv).toContain(',Emery Employee,');
      const [printed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
      expect(printed.suggestedFilename()).toMatch(/^ledgerline-hours-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(fs.readFileSync((await printed.path())!).subarray(0, 5).toString()).toBe('%PDF-');
      if (js) {
        expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
      }
    });

    test('a manager e-mails the hours table on a schedule, sees it listed, then stops it', async ({ page }) => {
      await signIn(page, 'northstar', 'manager');
      await page.goto(firmUrl('northstar', '/reports?report=hours&period=last-month&by=client'));
      if (js) await waitForHydration(page);
      await page.getByTestId('report-schedule').click();
      await expect(page).toHaveURL(/\/reports\/scheduled\?report=hours&period=last-month&by=client/);
      if (js) await waitForHydration(page);
      await expect(page.getByRole('combobox', { name: 'Report', exact: true })).toHaveValue('hours');
      await expect(page.getByRole('combobox', { name: 'Hours grouped by' })).toHaveValue('client');
      const name = `Client hours, JavaScript ${js ? 'on' : 'off'}`;
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      if (js) {
        await page.getByRole('button', { name: 'Schedule' }).click();
        await expect(page.getByRole('alert').filter({ hasText: 'at least one person' })).toBeVisible();
      }
      await page.getByTestId('schedule-recipients').getByLabel('Avery Admin').check();
      await page.getByLabel(/Every week/).check();
      await page.getByRole('button', { name: 'Schedule' }).click();
      await expect(page.getByTestId('schedule-saved')).toContainText('Saved');
      const row = page.getByTestId('schedules').getByRole('row').filter({ hasText: name });
      await expect(row).toContainText('Weekly');
      await expect(row).toContainText('Avery Admin');
      await expect(row.getByRole('link')).toHaveAttribute('href', '/reports?report=hours&period=last-month&by=client');
      if (js) expect(await seriousViolations(page)).toEqual([]);
      await row.getByRole('button', { name: `Stop ${name}` }).click();
      await expect(row).toBeHidden();
    });

    test('an employee reads their own utilization and no other report', async ({ page }) => {
      await signIn(page, 'ledgerline', 'employee');
      await page.goto(firmUrl('ledgerline', '/reports'));
      if (js) await waitForHydration(page);
      await expect(page.getByTestId('report-tabs').getByRole('link')).toHaveCount(1);
      await expect(page.getByTestId('report-utilization').locator('figcaption').first()).toContainText('Your utilization');
      const rows = page.getByTestId('utilization-table').locator('tbody tr');
      await expect(rows).toHaveCount(2); // theirs and the total
      await expect(rows.first()).toContainText('Emery Employee');
      await expect(page.getByTestId('report-schedule')).toHaveCount(0);
      await page.goto(firmUrl('ledgerline', '/reports?report=budgets'));
      await expect(page.getByRole('alert')).toContainText("You don't have permission");
      await page.goto(firmUrl('ledgerline', '/reports/scheduled'));
      await expect(page.getByText('Only the firm\'s managers and administrators schedule reports.')).toBeVisible();
    });
  });
}

test('an administrator changes the firm\'s formula and the report says so under its chart', async ({ page }) => {
  await signIn(page, 'harbor-law', 'admin');
  await page.goto(firmUrl('harbor-law', '/settings/reports'));
  await waitForHydration(page);
  await page.getByLabel(/all recorded hours/).check();
  await page.getByRole('button', { name: 'Save definitions' }).click();
  await expect(page.getByTestId('report-settings-saved')).toContainText('Saved');
  await page.getByRole('link', { name: 'the reports' }).click();
  await expect(page.getByTestId('report-definition')).toContainText('all recorded hours');
  await page.goto(firmUrl('harbor-law', '/settings/reports'));
  await page.getByLabel(/Utilization = billable hours/).check();
  await page.getByTestId('firm-capacity').fill('200');
  await page.getByRole('button', { name: 'Save definitions' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '168 hours' })).toBeVisible();
  await page.getByTestId('firm-capacity').fill('40');
  await page.getByRole('button', { name: 'Save definitions' }).click();
  await expect(page.getByTestId('report-settings-saved')).toContainText('Saved');
});
