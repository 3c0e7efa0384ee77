// Teams in the browser: an administrator creates a team, renames it and
// hands it to another manager, then removes it — with JavaScript and
// without (every form is a plain post).
import { expect, test, type Page } from '@playwright/test';
import { firmUrl, signIn, unique, waitForHydration } from './helpers';

async function createRenameRemove(page: Page): Promise<void> {
  const name = unique('Advisory');
  const renamed = unique('Assurance');
  await page.getByLabel('New team').fill(name);
  await page.getByLabel('Manager', { exact: true }).selectOption({ label: 'Morgan Manager' });
  await page.getByRole('button', { name: 'Create team' }).click();
  const team = page.getByTestId('team').filter({ hasText: name });
  await expect(team).toContainText('run by Morgan Manager');

  await team.getByText('Change or remove').click();
  await team.getByLabel('Team name').fill(renamed);
  await team.getByLabel('Run by').selectOption({ label: 'Avery Admin' });
  await team.getByRole('button', { name: 'Save team' }).click();
  const after = page.getByTestId('team').filter({ hasText: renamed });
  await expect(after).toContainText('run by Avery Admin');

  await after.getByText('Change or remove').click();
  await after.getByRole('button', { name: 'Remove team' }).click();
  await expect(page.getByTestId('team').filter({ hasText: renamed })).toHaveCount(0);
}

test('an administrator creates, renames, hands over and removes a team', async ({ page }) => {
  await signIn(page, 'northstar', 'admin');
  await page.goto(firmUrl('northstar', '/teams'));
  await waitForHydration(page);

  await createRenameRemove(page);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the same with plain form posts', async ({ page }) => {
    await signIn(page, 'harbor-law', 'admin');
    await page.goto(firmUrl('harbor-law', '/teams'));

    await createRenameRemove(page);
  });
});
