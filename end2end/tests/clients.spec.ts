// A client's contacts in the browser: a manager adds one (a bad email is
// refused at its field first; without JavaScript a refused one comes back
// as typed), corrects it in its row's editor and removes
// it; an engagement created by mistake is deleted from its page. With
// JavaScript and without.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, signIn, unique, waitForHydration } from './helpers';

async function openFirstClient(page: Page, slug: string): Promise<void> {
  await page.goto(firmUrl(slug, '/'));
  await page.getByTestId('client-list').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
}

async function addCorrectThenRemove(page: Page, js: boolean): Promise<void> {
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
  } else {
    // Refused without JavaScript, the form comes back as it was typed.
    await page.getByLabel('Their email').fill('robin@client.example');
    await page.getByLabel('Their phone').fill('call me');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await expect(page.getByText('A phone number is digits, spaces and + ( ) - . only, at most 40 characters')).toBeVisible();
    await expect(page.getByLabel("Contact's name")).toHaveValue(name);
    await expect(page.getByLabel('Their role')).toHaveValue('Controller');
    await expect(page.getByLabel('Their phone')).toHaveValue('call me');
    await page.getByLabel('Their phone').fill('');
  }
  await page.getByLabel('Their email').fill('robin@client.example');
  await page.getByRole('button', { name: 'Add contact' }).click();

  const contact = page.getByTestId('contact').filter({ hasText: name });
  await expect(contact).toContainText('Controller');
  await expect(contact.getByRole('link', { name: 'robin@client.example' })).toHaveAttribute('href', 'mailto:robin@client.example');

  await contact.locator('summary', { hasText: 'Edit' }).click();
  if (js) {
    await contact.getByLabel('Contact email').evaluate((input: HTMLInputElement) => (input.type = 'text'));
    await contact.getByLabel('Contact email').fill('robin@');
    await contact.getByRole('button', { name: 'Save contact' }).click();
    await expect(contact.getByText('Enter an email address like name@client.com, or leave it empty.')).toBeVisible();
    await contact.getByLabel('Contact email').fill('robin@client.example');
  }
  await contact.getByLabel('Contact role').fill('Chief financial officer');
  await contact.getByRole('button', { name: 'Save contact' }).click();
  await expect(contact).toContainText('Chief financial officer');
  await expect(contact.getByRole('button', { name: 'Save contact' })).toBeHidden();

  // Each row's summary is named after its contact, for screen readers.
  await page.getByLabel(`Edit: ${name}`).click();
  await contact.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(page.getByTestId('contact').filter({ hasText: name })).toHaveCount(0);
}

async function deleteAMistake(page: Page): Promise<void> {
  const code = unique('OOPS').replace(' ', '-');
  await page.locator('#new-code').fill(code);
  await page.locator('#new-name').fill('Created by mistake');
  await page.getByRole('button', { name: 'Add engagement' }).click();
  await page.getByTestId('client-engagements').getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { name: code })).toBeVisible();

  await page.getByText('Delete this engagement').click();
  await page.getByRole('button', { name: 'Delete for good' }).click();

  await expect(page.getByText('Engagement deleted.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  await expect(page.getByTestId('client-engagements').getByRole('link', { name: code })).toHaveCount(0);
}

test('a manager adds a contact to a client, corrects it and removes it', async ({ page }) => {
  await signIn(page, 'northstar', 'manager');
  await openFirstClient(page, 'northstar');
  await waitForHydration(page);

  await addCorrectThenRemove(page, true);
});

test('a manager deletes an engagement created by mistake', async ({ page }) => {
  await signIn(page, 'northstar', 'manager');
  await openFirstClient(page, 'northstar');
  await waitForHydration(page);

  await deleteAMistake(page);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the same with plain form posts', async ({ page }) => {
    await signIn(page, 'harbor-law', 'manager');
    await openFirstClient(page, 'harbor-law');

    await addCorrectThenRemove(page, false);
  });

  test('an engagement created by mistake is deleted with plain form posts', async ({ page }) => {
    await signIn(page, 'harbor-law', 'manager');
    await openFirstClient(page, 'harbor-law');

    await deleteAMistake(page);
  });
});
