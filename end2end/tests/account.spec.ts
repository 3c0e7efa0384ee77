// A person changes their own password; the new one works, the old does not.
import { expect, test } from '@playwright/test';
import { firmUrl, linkInMail, pesproWithInput, waitForHydration } from './helpers';

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
  await expect(page.getByRole('status').filter({ hasText: 'Your password' })).toContainText('Your password was changed');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn('first passphrase here');
  await expect(page.locator('#sign-in-error')).toContainText("don't match");
  await signIn('second passphrase here');
  await expect(page).toHaveURL(firmUrl('northstar', '/'));
});

test('a forgotten password is reset with the link from the email', async ({ page }) => {
  const email = `robin-${Date.now().toString(36)}@harbor-law.example`;
  pesproWithInput('original passphrase\n', 'person', 'add', '--firm', 'harbor-law', '--email', email, '--name', 'Robin Example', '--role', 'employee');

  await page.goto(firmUrl('harbor-law', '/sign-in'));
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('status')).toContainText('a link is on its way');

  // The message goes through the run's SMTP server, which keeps it in a Maildir.
  await expect.poll(() => linkInMail(email), { timeout: 10_000 }).toMatch(/reset-password\?token=/);
  await page.goto(linkInMail(email)!);
  await page.getByLabel('New password').fill('replacement passphrase');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your new password is set. Sign in with it.');

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('replacement passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(firmUrl('harbor-law', '/'));
});
