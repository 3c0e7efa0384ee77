// A client's contacts in the browser: a manager adds one (a bad email is
// refused at its field first) and removes it, with JavaScript and without.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, signIn, unique, waitForHydration } from './helpers';

async function openFirstClient(page: Page, slug: string): Promise<void> {
  await page.goto(firmUrl(slug, '/'));
  await page.getByTestId('client-list').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
}

async function addThenRemove(page: Page, js: boolean): Promise<void> {
  const name = unique('Robin');
  await page.getByLabel("Contact's name").fill(name);
  await page.getByLabel('Their email').fill('robin@');
  await page.getByLabel('Their role').fill('Controller');
  if (js) {
    // The browser's own check (type=email) stops "robin@" before it is
    // sent; switch it off to see the server's message at its field.
    await page.getByLabel('Their email').evaluate((input: HTMLInputElement) => (input.type = 'text'));
    await page.getByRole('button', { name: 'Add contact' }).click();
    await expect(page.getByText('Enter an email address like name@client.com, or leave it empty.')).toBeVisible();
    await expect(page.getByLabel("Contact's name")).toHaveValue(name);
  }
  await page.getByLabel('Their email').fill('robin@client.example');
  await page.getByRole('button', { name: 'Add contact' }).click();

  const contact = page.getByTestId('contact').filter({ hasText: name });
  await expect(contact).toContainText('Controller');
  await expect(contact.getByRole('link', { name: 'robin@client.example' })).toHaveAttribute('href', 'mailto:robin@client.example');
  await contact.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(page.getByTestId('contact').filter({ hasText: name })).toHaveCount(0);
}

test('a manager adds a contact to a client and removes it', async ({ page }) => {
  await signIn(page, 'northstar', 'manager');
  await openFirstClient(page, 'northstar');
  await waitForHydration(page);

  await addThenRemove(page, true);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the same with plain form posts', async ({ page }) => {
    await signIn(page, 'harbor-law', 'manager');
    await openFirstClient(page, 'harbor-law');

    await addThenRemove(page, false);
  });
});
