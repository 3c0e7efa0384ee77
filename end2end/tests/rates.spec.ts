// Rates: an administrator adds a rule, sees the preview of what it
// re-prices, confirms, and finds the rule on the rates page — with
// JavaScript and without.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, followNav, pesproWithInput, signIn, waitForHydration } from './helpers';

/** A new person, so the rule touches nobody else's time (in Northstar: Ledgerline's Starter plan has no free seats). */
function newPerson(): string {
  const suffix = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const name = `Rita Rate ${suffix}`;
  const email = `rita-${suffix}@northstar.example`;
  pesproWithInput('rate person passphrase\n', 'person', 'add', '--firm', 'northstar', '--email', email, '--name', name, '--role', 'employee');
  return name;
}

async function addCostRate(page: Page, person: string): Promise<void> {
  await page.getByLabel('Kind').selectOption('cost');
  await page.getByLabel('For', { exact: true }).selectOption('person');
  await page.getByLabel('Person').selectOption({ label: person });
  await page.getByLabel('Per hour').fill('95,50');
  await page.getByLabel('Effective from').fill('2026-01-01');
  await page.getByRole('button', { name: 'Preview' }).click();

  await expect(page.getByTestId('preview-summary')).toContainText('0 open entries would be re-priced');
  await page.getByRole('button', { name: 'Confirm' }).click();

  await expect(page.getByTestId('rate-added')).toHaveText('Rate added; 0 open entries re-priced.');
  await expect(page.getByTestId('rates')).toContainText(person);
  await expect(page.getByTestId('rates')).toContainText('95.50 USD');
}

test('an administrator previews a rate, confirms it and sees it listed', async ({ page }) => {
  const person = newPerson();
  await signIn(page, 'northstar', 'admin');
  await followNav(page, 'Rates');
  await waitForHydration(page);
  await expect(page.getByTestId('stamped')).toContainText('rate, effective');

  await addCostRate(page, person);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the preview is a page and Confirm a plain post', async ({ page }) => {
    const person = newPerson();
    await signIn(page, 'northstar', 'admin');
    await page.goto(firmUrl('northstar', '/settings/rates'));

    await addCostRate(page, person);
  });
});
