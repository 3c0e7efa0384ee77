// Invoicing in the browser, end to end, at Northstar (one approval before
// sending): an employee's week is approved, a manager builds an invoice
// from it, an administrator approves it, which sends it — the email with
// its PDF reaches the run's SMTP server — the client opens the emailed link
// without signing in, a payment is recorded and receivables update. Once
// with JavaScript, and the main path again without it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { firmUrl, mailTo, seriousViolations, signIn, unfolded, waitForHydration } from './helpers';

test.describe.configure({ timeout: 120_000 });

/** A week of 2026 in `[first, last]` (ISO numbers), its Monday and Sunday. */
function week2026(first: number, last: number): { week: string; monday: string; sunday: string } {
  const n = first + Math.floor(Math.random() * (last - first + 1));
  // 2026-01-05 is the Monday of 2026-W02.
  const monday = new Date(Date.UTC(2026, 0, 5 + (n - 2) * 7));
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { week: `2026-W${String(n).padStart(2, '0')}`, monday: iso(monday), sunday: iso(sunday) };
}

async function as(browser: Browser, role: 'admin' | 'manager' | 'employee', js: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await signIn(page, 'northstar', role);
  return page;
}

async function approvedWeek(browser: Browser, week: string, js: boolean): Promise<void> {
  const employee = await as(browser, 'employee', js);
  await employee.goto(firmUrl('northstar', `/time?week=${week}`));
  if (js) await waitForHydration(employee);
  await employee.getByLabel('Duration').fill('6:00');
  await employee.getByRole('button', { name: 'Log time' }).click();
  await expect(employee.getByTestId('week-total')).toHaveText('6:00');
  await employee.getByRole('button', { name: 'Submit week for approval' }).click();
  await expect(employee.getByTestId('week-state')).toHaveText('Submitted');
  const manager = await as(browser, 'manager', js);
  await manager.goto(firmUrl('northstar', '/approvals'));
  if (js) await waitForHydration(manager);
  await manager.getByTestId('inbox-item').filter({ hasText: `Emery Employee · ${week}` }).getByRole('button', { name: 'Approve' }).click();
  await expect(manager.getByTestId('inbox-item').filter({ hasText: week })).toHaveCount(0);
}

async function buildInvoice(manager: Page, monday: string, sunday: string, js: boolean): Promise<string> {
  await manager.goto(firmUrl('northstar', '/invoices'));
  if (js) await waitForHydration(manager);
  const form = manager.getByTestId('new-invoice');
  await form.getByLabel('Client').selectOption({ label: 'Fjord Outdoor Gear (USD)' });
  await form.getByLabel('From').fill(monday);
  await form.getByLabel('To').fill(sunday);
  await form.getByRole('button', { name: 'Build draft' }).click();
  await expect(manager).toHaveURL(/\/invoices\/\d+$/);
  await expect(manager.getByTestId('invoice-title')).toContainText('Draft invoice');
  await expect(manager.getByTestId('invoice-line')).toHaveCount(1);
  // Six hours at the engagement's negotiated 180.00 = 1080.00, GST 5 % 54.00, QST 9.975 % 107.73.
  await expect(manager.getByTestId('invoice-total')).toHaveText('1,241.73 USD');
  return manager.url();
}

for (const js of [true, false]) {
  test(`a manager invoices approved time, it is approved, sent, opened by the client and paid (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const { week, monday, sunday } = js ? week2026(2, 15) : week2026(16, 29);
    await approvedWeek(browser, week, js);

    const manager = await as(browser, 'manager', js);
    const invoiceUrl = await buildInvoice(manager, monday, sunday, js);
    await manager.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(manager.getByTestId('invoice-status')).toHaveText('awaiting approval');
    await expect(manager.getByTestId('approval-step')).toContainText('One approval by a Manager or higher — 0 of 1 given');

    const admin = await as(browser, 'admin', js);
    await admin.goto(firmUrl('northstar', '/approvals'));
    await admin.getByTestId('invoice-inbox').getByRole('link', { name: /Fjord Outdoor Gear/ }).first().click();
    await expect(admin).toHaveURL(/\/invoices\/\d+$/);
    await admin.goto(invoiceUrl);
    if (js) await waitForHydration(admin);
    await admin.getByTestId('invoice-decision').getByRole('button', { name: 'Approve' }).click();
    await expect(admin.getByTestId('invoice-status')).toHaveText('sent');
    const number = (await admin.getByTestId('invoice-title').textContent())!.replace('Invoice ', '').trim();
    expect(number).toMatch(/^NS-2026\d\d-\d{3}$/);

    // The email reached the SMTP server, with the PDF attached and the client's link.
    await expect.poll(() => mailTo('dana.lee@client.example').find((m) => m.includes(number)), { timeout: 15_000 }).toBeTruthy();
    const mail = unfolded(mailTo('dana.lee@client.example').find((m) => m.includes(number))!);
    expect(mail).toContain('Content-Type: application/pdf');
    expect(mail).toContain(`Invoice-${number}.pdf`);
    const link = mail.match(/http:\/\/\S+\/i\/[A-Za-z0-9_-]+/)![0];

    const client = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await client.goto(link);
    await expect(client.getByTestId('client-invoice-title')).toHaveText(`Invoice ${number}`);
    await expect(client.getByTestId('client-invoice-due')).toHaveText('1,241.73 USD');
    // axe is JavaScript: checked where the page may run it.
    if (js) expect(await seriousViolations(client)).toEqual([]);
    // The PDF behind the page's link; the request goes to loopback naming the firm's host.
    const url = new URL(link + '/pdf');
    const pdf = await client.request.get(`http://127.0.0.1:${url.port}${url.pathname}`, { headers: { Host: url.host } });
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await manager.goto(invoiceUrl);
    if (js) await waitForHydration(manager);
    const payment = manager.getByTestId('payment-form');
    await payment.getByLabel('Paid on').fill(sunday);
    await payment.getByLabel('Amount').fill('2000');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(manager.getByText('That is more than the 1,241.73 USD still due')).toBeVisible();
    await payment.getByLabel('Paid on').fill(sunday);
    await payment.getByLabel('Amount').fill('41.73');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(manager.getByTestId('invoice-status')).toHaveText('partially paid');
    await expect(manager.getByTestId('invoice-due')).toHaveText('1,200.00 USD');

    await manager.goto(firmUrl('northstar', '/receivables'));
    await expect(manager.getByTestId('receivables').first()).toContainText('Fjord Outdoor Gear');
  });
}
