// An administrator invites someone; the invitee follows the emailed link,
// chooses a password and is signed in with the role they were given. Until
// then they are listed as invited, and the invitation can be sent again
// (a new link; the old one ends) or revoked — with JavaScript and without.
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, followNav, linkInMail, signIn, waitForHydration } from './helpers';

test('an invited person accepts by choosing a password and signs in', async ({ page }) => {
  const email = `ivy-${Date.now().toString(36)}@northstar.example`;
  await signIn(page, 'northstar', 'admin');
  await followNav(page, 'People');
  await waitForHydration(page);

  await page.getByLabel('Name', { exact: true }).fill('Ivy Invited');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption('manager');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('invite-said')).toHaveText(`Invitation sent to ${email}.`);
  await expect(page.getByTestId('people')).toContainText(email);
  const row = page.getByTestId('people').getByRole('row').filter({ hasText: email });
  await expect(row.getByTestId('invitation-status')).toContainText('Invited · link works until');
  await expect(row.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
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

async function inviteThenRevoke(page: Page, js: boolean): Promise<void> {
  const email = `rex-${Date.now().toString(36)}@northstar.example`;
  await page.getByLabel('Name', { exact: true }).fill(js ? 'Rex Revoked' : 'R'.repeat(101));
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  if (!js) {
    // Refused at its field, with what was typed still there.
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('R'.repeat(101));
    await page.getByLabel('Name', { exact: true }).fill('Rex Revoked');
    await page.getByRole('button', { name: 'Send invitation' }).click();
  }
  const row = page.getByTestId('people').getByRole('row').filter({ hasText: email });
  await expect(row.getByTestId('invitation-status')).toContainText('Invited');

  if (js) {
    await expect.poll(() => linkInMail(email), { timeout: 10_000 }).toMatch(/token=/);
    const first = linkInMail(email);
    await row.getByRole('button', { name: 'Send the invitation to Rex Revoked again' }).click();
    await expect(page.getByTestId('invitation-said')).toHaveText(`Invitation sent again to ${email}.`);
    await expect.poll(() => linkInMail(email), { timeout: 10_000 }).not.toBe(first);
  }
  await row.getByRole('button', { name: 'Revoke the invitation to Rex Revoked' }).click();
  await expect(page.getByTestId('people')).not.toContainText(email);
  if (js) await expect(page.getByTestId('invitation-said')).toHaveText(`Invitation to ${email} revoked.`);
}

test('an invitation is sent again with a new link, then revoked', async ({ page }) => {
  await signIn(page, 'northstar', 'admin');
  await page.goto(firmUrl('northstar', '/people'));
  await waitForHydration(page);

  await inviteThenRevoke(page, true);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused invitation keeps what was typed; a sent one is revoked with a plain form', async ({ page }) => {
    await signIn(page, 'northstar', 'admin');
    await page.goto(firmUrl('northstar', '/people'));

    await inviteThenRevoke(page, false);
  });
});
