// Accessibility (#19): axe-core on every page, as each kind of person
// reaches it, with no serious or critical violation of WCAG 2.1/2.2 AA;
// the header's menus and a form used by the keyboard alone; the
// keyboard's focus drawn in the firm's colours; the header within a
// phone's width.
import { expect, test, type Page } from '@playwright/test';
import { port } from '../playwright.config';
import { firmUrl, mainNav, seriousViolations, signIn, waitForHydration } from './helpers';

/** Opens each path of the firm in turn and collects every page's violations. */
async function audit(page: Page, slug: string, paths: string[], hydrate = true): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    const answer = await page.goto(firmUrl(slug, path));
    expect(answer?.status(), path).toBeLessThan(400);
    if (hydrate) await waitForHydration(page);
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[path] = violations;
  }
  return found;
}

/** The address of the first link on `path` whose address starts with `prefix`. */
async function firstLink(page: Page, slug: string, path: string, prefix: RegExp): Promise<string> {
  await page.goto(firmUrl(slug, path));
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const href = hrefs.find((h) => prefix.test(h));
  expect(href, `a link like ${prefix} on ${path}`).toBeTruthy();
  return href!;
}

/** A client's, an engagement's and an invoice's page of Northstar, found by following links. */
async function pagesNamedById(page: Page): Promise<string[]> {
  const client = await firstLink(page, 'northstar', '/', /^\/clients\/\d+$/);
  const engagement = await firstLink(page, 'northstar', client, /^\/engagements\/\d+$/);
  const invoice = await firstLink(page, 'northstar', '/invoices', /^\/invoices\/\d+$/);
  return [client, engagement, invoice];
}

test.describe.configure({ timeout: 240_000 });

/** Every page of a firm an administrator opens, but those named by an id. */
const ADMIN_PATHS = [
  '/', '/time', '/approvals', '/expenses', '/invoices', '/receivables', '/accounting', '/people', '/teams',
  '/audit', '/import', '/search?q=a', '/account', '/notifications', '/settings/workflows', '/settings/rates',
  '/settings/rates/preview', '/settings/invoicing', '/settings/accounting', '/settings/sign-in',
  '/settings/branding', '/settings/domains', '/settings/features', '/settings/regional', '/settings/export',
];

test('every page an administrator opens has no serious accessibility violation', async ({ page }) => {
  await signIn(page, 'northstar', 'admin');
  const paths = [...(await pagesNamedById(page)), ...ADMIN_PATHS];
  expect(await audit(page, 'northstar', paths)).toEqual({});
});

test('no page scrolls sideways on a phone, a tablet or a laptop', async ({ page }) => {
  await signIn(page, 'northstar', 'admin');
  const paths = [...(await pagesNamedById(page)), ...ADMIN_PATHS];
  const overflowing: string[] = [];
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      await page.goto(firmUrl('northstar', path));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > width) overflowing.push(`${path} at ${width} px is ${wide} px wide`);
    }
  }
  // An employee's and a manager's pages show other things (their own
  // expenses, an approver's cards): on a phone too.
  await page.setViewportSize({ width: 390, height: 900 });
  for (const [slug, role, paths] of [
    ['ledgerline', 'employee', ['/', '/time', '/expenses', '/account', '/notifications']],
    ['harbor-law', 'manager', ['/', '/time', '/approvals', '/expenses', '/notifications']],
  ] as const) {
    await page.context().clearCookies();
    await signIn(page, slug, role);
    for (const path of paths) {
      await page.goto(firmUrl(slug, path));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 390) overflowing.push(`${slug} ${role} ${path} at 390 px is ${wide} px wide`);
    }
  }
  expect(overflowing).toEqual([]);
});

test('the pages an employee and a manager open have none either', async ({ page }) => {
  await signIn(page, 'ledgerline', 'employee');
  expect(await audit(page, 'ledgerline', ['/', '/time', '/expenses', '/account', '/search?q=a'])).toEqual({});
  await page.context().clearCookies();
  await signIn(page, 'harbor-law', 'manager');
  expect(await audit(page, 'harbor-law', ['/', '/time', '/approvals'])).toEqual({});
});

test.describe('before the WebAssembly arrives', () => {
  // axe itself is JavaScript, so the page's own code is kept away instead
  // of JavaScript switched off: what is checked is the server's HTML and
  // stylesheet, as a person sees them before hydration (or without it).
  test.beforeEach(async ({ page }) => {
    await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  });

  test('the sign-in pages, a firm page and the console door have none', async ({ page }) => {
    expect(await audit(page, 'northstar', ['/sign-in', '/forgot-password', '/reset-password'], false)).toEqual({});
    await signIn(page, 'northstar', 'employee');
    expect(await audit(page, 'northstar', ['/time'], false)).toEqual({});
    await page.goto(`http://admin.localhost:${port}/`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test('signing in and opening the Firm menu take the keyboard alone', async ({ page }) => {
  await page.goto(firmUrl('northstar', '/sign-in'));
  await waitForHydration(page);
  const email = page.getByLabel('Email');
  for (let presses = 0; presses < 10 && !(await email.evaluate((e) => e === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(email).toBeFocused();
  await page.keyboard.type('admin@northstar.example');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('pespro-demo-2026');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(firmUrl('northstar', '/'));
  await waitForHydration(page);

  const menu = mainNav(page).locator('summary');
  await menu.focus();
  await page.keyboard.press('Enter');
  const people = mainNav(page).getByRole('link', { name: 'People', exact: true });
  await expect(people).toBeVisible();
  while (!(await people.evaluate((e) => e === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(firmUrl('northstar', '/people'));
  // The page changed under the header: the menu closed behind it.
  await expect(people).toBeHidden();
});

test("the keyboard's focus is drawn in the firm's colours", async ({ page }) => {
  await signIn(page, 'northstar', 'employee');
  await waitForHydration(page);
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    const probe = document.createElement('div');
    document.body.append(probe);
    const resolve = (value: string) => {
      probe.style.color = value;
      return getComputedStyle(probe).color;
    };
    return { primary: resolve(style.getPropertyValue('--brand-primary')), onPrimary: resolve(style.getPropertyValue('--brand-on-primary')) };
  });
  const link = page.getByRole('link', { name: 'My week', exact: true });
  await link.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  const ring = await link.evaluate((e) => ({ outline: getComputedStyle(e).outlineColor, width: getComputedStyle(e).outlineWidth, shadow: getComputedStyle(e).boxShadow }));
  expect(ring.outline).toBe(colours.primary);
  expect(ring.width).toBe('2px');
  expect(ring.shadow).toContain(colours.onPrimary);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the header fits and its menu holds every link', async ({ page }) => {
    await signIn(page, 'northstar', 'admin');
    await waitForHydration(page);
    const header = page.locator('header');
    expect(await header.evaluate((h) => h.scrollWidth <= window.innerWidth)).toBe(true);
    await expect(mainNav(page)).toBeHidden();
    await page.getByTestId('phone-nav').locator('summary').click();
    await page.getByTestId('phone-nav').getByRole('link', { name: 'Approvals', exact: true }).click();
    await expect(page).toHaveURL(firmUrl('northstar', '/approvals'));
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeInViewport();
  });
});
