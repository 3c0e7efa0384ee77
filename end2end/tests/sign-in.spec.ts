// Signing in and out of a firm, in the browser, with and without JavaScript.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, firmUrl, followNav, navLink, signIn } from './helpers';

test('a visitor is sent to the sign-in page, signs in, and signs out', async ({ page }) => {
  await page.goto(firmUrl('ledgerline'));
  await expect(page).toHaveURL(firmUrl('ledgerline', '/sign-in'));

  await signIn(page, 'ledgerline', 'admin');
  await expect(page.getByTestId('signed-in-as')).toContainText('Avery Admin');
  await expect(page.getByTestId('signed-in-as')).toContainText('Administrator');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(firmUrl('ledgerline', '/sign-in'));
  await page.goto(firmUrl('ledgerline'));
  await expect(page).toHaveURL(firmUrl('ledgerline', '/sign-in'));
});

test('a wrong password is refused with a message that does not say which part was wrong', async ({ page }) => {
  await page.goto(firmUrl('northstar', '/sign-in'));
  await page.getByLabel('Email').fill('manager@northstar.example');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.locator('#sign-in-error')).toHaveText("That email and password don't match an account here.");
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

test("signing in to one firm does not sign you in to another firm's host", async ({ page }) => {
  await signIn(page, 'ledgerline', 'admin');

  await page.goto(firmUrl('northstar'));

  await expect(page).toHaveURL(firmUrl('northstar', '/sign-in'));
});

test('an employee sees the clients but not the form to add one', async ({ page }) => {
  await signIn(page, 'harbor-law', 'employee');

  await expect(page.getByTestId('client-list')).toContainText('Marlow Shipping Ltd');
  await expect(page.getByRole('heading', { name: 'Add a client' })).toHaveCount(0);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('signing in and out works as plain forms', async ({ page }) => {
    await signIn(page, 'northstar', 'manager');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(firmUrl('northstar', '/sign-in'));
  });

  test('a wrong password comes back with its message', async ({ page }) => {
    await page.goto(firmUrl('northstar', '/sign-in'));
    await page.getByLabel('Email').fill('employee@northstar.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD + 'x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#sign-in-error')).toHaveText("That email and password don't match an account here.");
  });
});

test('an administrator finds sign-ins in the audit log; a manager has no such link', async ({ page, browser }) => {
  await signIn(page, 'ledgerline', 'admin');
  await followNav(page, 'Audit log');
  await expect(page).toHaveURL(firmUrl('ledgerline', '/audit'));
  await expect(page.getByTestId('audit-events')).toContainText('admin@ledgerline.example');
  await expect(page.getByTestId('audit-events')).toContainText('Signed in');

  const other = await browser.newPage();
  await signIn(other, 'ledgerline', 'manager');
  await expect(navLink(other, 'Audit log')).toHaveCount(0);
  await other.close();
});

test("an administrator sees the firm's people, and cannot edit their own row", async ({ page }) => {
  await signIn(page, 'harbor-law', 'admin');
  await followNav(page, 'People');

  const people = page.getByTestId('people');
  await expect(people).toContainText('employee@harbor-law.example');
  await expect(people).toContainText('Active (you)');
  await expect(page.getByRole('combobox', { name: 'Role of Emery Employee' })).toHaveValue('employee');
  await expect(page.getByRole('button', { name: 'Deactivate Avery Admin' })).toHaveCount(0);
});
