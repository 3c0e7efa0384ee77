// An administrator invites someone; the invitee follows the emailed link,
// chooses a password and is signed in with the role they were given.
import { expect, test } from '@playwright/test';
import { firmUrl, linkInMail, signIn, waitForHydration } from './helpers';

test('an invited person accepts by choosing a password and signs in', async ({ page }) => {
  const email = `ivy-${Date.now().toString(36)}@northstar.example`;
  await signIn(page, 'northstar', 'admin');
  await page.getByRole('link', { name: 'People' }).click();
  await waitForHydration(page);

  await page.getByLabel('Name', { exact: true }).fill('Ivy Invited');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption('manager');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${email}.`);
  await expect(page.getByTestId('people')).toContainText(email);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect.poll(() => linkInMail(email), { timeout: 10_000 }).toMatch(/reset-password\?token=/);
  await page.goto(linkInMail(email)!);
  await page.getByLabel('New password').fill('ivy chose this passphrase');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your new password is set. Sign in with it.');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('ivy chose this passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(firmUrl('northstar', '/'));
  await expect(page.getByTestId('signed-in-as')).toContainText('Ivy Invited');
  // Invited as a manager: managers may add clients.
  await expect(page.getByRole('button', { name: 'Add client' })).toBeVisible();
});
