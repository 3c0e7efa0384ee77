// Small helpers shared by the end-to-end specs.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { port, serverEnv } from '../playwright.config';

export const root = path.resolve(__dirname, '..', '..');

/** Every demo account's password (see pespro::demo). */
export const DEMO_PASSWORD = 'pespro-demo-2026';

export function firmUrl(slug: string, pathname = '/'): string {
  return `http://${slug}.localhost:${port}${pathname}`;
}

/** Signs in through the firm's own sign-in page, as a person would. */
export async function signIn(page: Page, slug: string, role: 'admin' | 'manager' | 'employee'): Promise<void> {
  await page.goto(firmUrl(slug, '/sign-in'));
  await page.getByLabel('Email').fill(`${role}@${slug}.example`);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(firmUrl(slug, '/'));
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

/** The app marks <body> once the WebAssembly has hydrated the page. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** The header's navigation as a laptop shows it (a phone's menu holds the same links). */
export function mainNav(page: Page): Locator {
  return page.getByTestId('main-nav');
}

/** A link of the header's navigation, whether on show or inside the closed Firm menu. */
export function navLink(page: Page, name: string): Locator {
  return mainNav(page).getByRole('link', { name, exact: true, includeHidden: true });
}

/** Follows the header's link `name`, opening the Firm menu first when the link lives there. */
export async function followNav(page: Page, name: string): Promise<void> {
  const link = navLink(page, name);
  if (!(await link.isVisible())) await mainNav(page).locator('summary').click();
  await link.click();
}

/** WCAG 2.1 and 2.2 at level AA, as axe-core tags its rules. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe-core finds serious or critical on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** A name no earlier run used: the database may outlive a run. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Runs the real CLI against the running server's database. */
export function pespro(...args: string[]): string {
  return pesproWithInput('', ...args);
}

/** Runs the CLI with `input` on its standard input (e.g. a password). */
export function pesproWithInput(input: string, ...args: string[]): string {
  return execFileSync(path.join(root, 'target/debug/pespro'), args, {
    cwd: root,
    env: { ...process.env, ...serverEnv },
    encoding: 'utf8',
    input,
  });
}

/** Every message the run's SMTP server received for `email`, newest first, as raw text. */
export function mailTo(email: string): string[] {
  const dir = path.join(root, 'target', 'e2e-mail', 'new');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .filter((text) => text.includes(email));
}

/** Quoted-printable undone: soft line breaks and the escaped '='. */
export function unfolded(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

/** The newest password link mailed to `email`, as the SMTP server received it. */
export function linkInMail(email: string): string | undefined {
  for (const text of mailTo(email)) {
    const link = unfolded(text).match(/http:\/\/\S+reset-password\?token=[0-9a-f]+/)?.[0];
    if (link) return link;
  }
  return undefined;
}

/** The password of the administrator `firmWithAdmin` makes. */
export const FRESH_ADMIN_PASSPHRASE = 'fresh firm admin passphrase';

/**
 * A firm of its own, made with the CLI (so a spec that changes its look or
 * domains never touches the demo firms), with one administrator,
 * `boss@<slug>.example`; returns its short name.
 */
export function firmWithAdmin(prefix: string, name: string, primary: string, accent: string): string {
  const slug = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  pespro('tenant', 'create', '--slug', slug, '--name', name, '--primary', primary, '--accent', accent);
  pesproWithInput(`${FRESH_ADMIN_PASSPHRASE}\n`, 'person', 'add', '--firm', slug, '--email', `boss@${slug}.example`, '--name', 'Bo Boss', '--role', 'admin');
  return slug;
}

/** Signs that administrator in, once the new firm is served (it may take a notification's trip). */
export async function signInAsFreshAdmin(page: Page, slug: string): Promise<void> {
  await expect(async () => {
    const response = await page.goto(firmUrl(slug, '/sign-in'));
    expect(response?.status()).toBe(200);
  }).toPass({ timeout: 10_000 });
  await page.getByLabel('Email').fill(`boss@${slug}.example`);
  await page.getByLabel('Password').fill(FRESH_ADMIN_PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}
