// A firm admin's branding page: a colour text cannot be read on is refused
// as it is typed, with a readable one suggested; the preview follows the
// form before saving while the site keeps its saved look; once saved, a
// browser that was never signed in sees the new colours on first paint.
// Without JavaScript the form saves too, and a refusal keeps what was
// typed. Each case on a firm of its own, made with the CLI, so the demo
// firms' colours (checked by tenancy.spec.ts) never change under it.
import { expect, test } from '@playwright/test';
import { firmUrl, firmWithAdmin, signInAsFreshAdmin, waitForHydration } from './helpers';

function freshFirm(): string {
  return firmWithAdmin('brand', 'Plain Firm', '#334155', '#0ea5e9');
}

test('the preview follows the colours as typed, a refused colour gets a suggestion, and a save reaches a new visitor on first paint', async ({ browser, page }) => {
  const slug = freshFirm();
  await signInAsFreshAdmin(page, slug);
  await page.goto(firmUrl(slug, '/settings/branding'));
  await waitForHydration(page);
  const preview = page.getByTestId('preview-header');
  await expect(preview).toHaveCSS('background-color', 'rgb(51, 65, 85)');

  await page.getByLabel('Brand colour', { exact: true }).fill('#ff0000');
  await expect(page.getByTestId('primary-readability')).toContainText('it needs 4.5:1 to be readable');
  await expect(preview).toHaveCSS('background-color', 'rgb(51, 65, 85)'); // a refused colour is never previewed
  await page.getByRole('button', { name: /^Use #/ }).click();
  await expect(page.getByTestId('primary-readability')).toContainText('Readable: dark text');

  await page.getByLabel('Brand colour', { exact: true }).fill('#0f766e');
  await page.getByLabel('Firm name').fill('Teal & Partners');
  await expect(preview).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await expect(preview).toContainText('Teal & Partners');
  await expect(page.getByTestId('primary-readability')).toContainText('Readable: white text, 5.4:1');
  await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(51, 65, 85)'); // not saved yet

  await page.getByRole('button', { name: 'Save branding' }).click();
  await expect(page.getByTestId('branding-saved')).toHaveText(/Saved/);
  // This page's own header follows at once, without a reload.
  await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await expect(page.getByTestId('firm-name')).toHaveText('Teal & Partners');

  const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await visitor.goto(firmUrl(slug, '/sign-in'));
  await expect(visitor.locator('header')).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await expect(visitor.getByTestId('firm-name')).toHaveText('Teal & Partners');
});

test('without JavaScript the branding form refuses at the field keeping what was typed, then saves', async ({ browser }) => {
  const slug = freshFirm();
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInAsFreshAdmin(page, slug);
  await page.goto(firmUrl(slug, '/settings/branding'));

  await page.getByLabel('Firm name').fill('Grey Area LLP');
  await page.getByLabel('Accent colour', { exact: true }).fill('#808080');
  await page.getByRole('button', { name: 'Save branding' }).click();
  await expect(page.getByText('The nearest colour that reaches it is')).toBeVisible();
  await expect(page.getByLabel('Firm name')).toHaveValue('Grey Area LLP');
  await expect(page.getByLabel('Accent colour', { exact: true })).toHaveValue('#808080');

  await page.getByLabel('Accent colour', { exact: true }).fill('#fde68a');
  await page.getByRole('button', { name: 'Save branding' }).click();
  await expect(page.getByTestId('firm-name')).toHaveText('Grey Area LLP');
  await expect(page.locator('header div.bg-accent')).toHaveCSS('background-color', 'rgb(253, 230, 138)');
});

for (const js of [true, false]) {
  test(`a logo is uploaded, shown in the header and tab, refused when it is no image or a hostile SVG, a square tab icon replaces it in the tab, and it is removed (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    const slug = freshFirm();
    const page = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
    await signInAsFreshAdmin(page, slug);
    await page.goto(firmUrl(slug, '/settings/branding'));
    if (js) await waitForHydration(page);
    await expect(page.locator('header img')).toHaveCount(0);

    // Named like an image, but a web page: the bytes decide.
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await expect(page.getByTestId('logo-problem')).toHaveText(/none of those/);

    // A hostile SVG is refused, saying what it carries; nothing is stored.
    const hostile = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" onload="alert(1)"><rect width="120" height="40" fill="#0f766e"/></svg>';
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(hostile) });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await expect(page.getByTestId('logo-problem')).toHaveText(/contains a script or an event handler/);
    await expect(page.locator('header img')).toHaveCount(0);

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#0f766e"/></svg>';
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await expect(page.getByTestId('logo-saved')).toHaveText(/Logo saved/);
    const logo = page.locator('header img');
    await expect(logo).toHaveAttribute('src', /^\/logo\/[0-9a-f]{64}\.svg$/);
    // The browser really drew it (a broken image has no natural width).
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // The tab shows the logo until a (square) tab icon is uploaded.
    const logoSrc = await logo.getAttribute('src');
    await expect(page.locator('link[rel=icon]')).toHaveAttribute('href', logoSrc!);
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="#fde68a"/></svg>';
    await page.getByLabel('Upload a tab icon').setInputFiles({ name: 'icon.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(wide) });
    await page.getByRole('button', { name: 'Upload icon' }).click();
    await expect(page.getByTestId('icon-problem')).toHaveText(/A tab icon is square/);
    const square = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" fill="#fde68a"/></svg>';
    await page.getByLabel('Upload a tab icon').setInputFiles({ name: 'icon.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(square) });
    await page.getByRole('button', { name: 'Upload icon' }).click();
    await expect(page.getByTestId('icon-saved')).toHaveText(/Tab icon saved/);
    await expect(page.locator('link[rel=icon]')).toHaveAttribute('href', /^\/logo\/[0-9a-f]{64}\.svg$/);
    await expect(page.locator('link[rel=icon]')).not.toHaveAttribute('href', logoSrc!);

    await page.getByRole('button', { name: 'Use the monogram instead' }).click();
    await expect(page.getByTestId('logo-saved')).toHaveText(/Logo removed/);
    await expect(page.locator('header img')).toHaveCount(0);
  });
}
