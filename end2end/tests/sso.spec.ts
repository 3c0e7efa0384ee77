// A firm's admin connects the firm's OpenID provider (a real oidc-provider
// started for the run); a new person then signs in through the provider's
// own login page and is created on the way.
import { expect, test } from '@playwright/test';
import { oidcPort, port, ssoFirm } from '../playwright.config';
import { firmUrl, followNav, pespro, pesproWithInput, waitForHydration } from './helpers';

test('an admin connects the provider and a new person signs in through its login page', async ({ page }) => {
  // A firm of its own, so the demo firms other specs use keep password sign-in.
  try {
    pespro('tenant', 'create', '--slug', ssoFirm, '--name', 'Summit Advisory');
  } catch {
    // Left by an earlier run whose database outlived it (see helpers.unique).
  }
  const admin = `sam-${Date.now().toString(36)}@${ssoFirm}.example`;
  pesproWithInput('summit admin passphrase\n', 'person', 'add', '--firm', ssoFirm, '--email', admin, '--name', 'Sam Admin', '--role', 'admin');
  await expect(async () => {
    const response = await page.goto(firmUrl(ssoFirm, '/sign-in'));
    expect(response?.status()).toBe(200);
  }).toPass({ timeout: 10_000 });
  await page.getByLabel('Email').fill(admin);
  await page.getByLabel('Password').fill('summit admin passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await followNav(page, 'Sign-in settings');
  await waitForHydration(page);

  await expect(page.getByTestId('redirect-uri')).toHaveText(`http://${ssoFirm}.localhost:${port}/sso/callback`);
  await page.getByLabel('Provider name').fill('Summit ID');
  await page.getByLabel('Issuer URL').fill('not a url');
  await expect(page.locator('#sso-issuer_url-error')).toContainText('starting with https://');
  await page.getByLabel('Issuer URL').fill(`http://127.0.0.1:${oidcPort}`);
  await page.getByLabel('Client ID').fill('pespro');
  await page.getByLabel('Client secret').fill('pespro-dev-secret');
  await page.getByLabel('Allowed email domains').fill(`${ssoFirm}.example`);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await page.getByRole('link', { name: 'Sign in with Summit ID' }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${oidcPort}/interaction/`));
  const person = `kim-${Date.now().toString(36)}@${ssoFirm}.example`;
  await page.locator('input[name=login]').fill(person);
  await page.locator('input[name=password]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  await expect(page).toHaveURL(firmUrl(ssoFirm, '/'));
  await expect(page.getByTestId('signed-in-as')).toContainText('Kim');
});

test('a refused single sign-on ends on the sign-in page with a message, without JavaScript too', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto(firmUrl('northstar', '/sign-in?sso=domain'));

  await expect(page.locator('#sso-error')).toHaveText('Your email address is not in a domain this firm allows.');
  await context.close();
});
