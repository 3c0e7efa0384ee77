// A person changes their own password; the new one works, the old does not.
import { expect, test } from '@playwright/test';
import { firmUrl, pesproWithInput, waitForHydration } from './helpers';

test('a person changes their password and signs in with the new one', async ({ page }) => {
  // A person of their own, so the demo accounts other specs use stay as they are.
  const email = `pat-${Date.now().toString(36)}@northstar.example`;
  pesproWithInput('first passphrase here\n', 'person', 'add', '--firm', 'northstar', '--email', email, '--name', 'Pat Example', '--role', 'employee');
  const signIn = async (password: string) => {
    await page.goto(firmUrl('northstar', '/sign-in'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  await signIn('first passphrase here');
  await page.getByTestId('signed-in-as').click();
  await expect(page).toHaveURL(firmUrl('northstar', '/account'));
  await waitForHydration(page);

  await page.getByLabel('New password').fill('short');
  await expect(page.locator('#new-password-error')).toHaveText('use at least 10 characters');
  await page.getByLabel('Current password').fill('first passphrase here');
  await page.getByLabel('New password').fill('second passphrase here');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password was changed');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn('first passphrase here');
  await expect(page.locator('#sign-in-error')).toContainText("don't match");
  await signIn('second passphrase here');
  await expect(page).toHaveURL(firmUrl('northstar', '/'));
});
