// How the browser's files travel (#19, first load): a page names its
// bundle by content hash, the files come compressed in the encoding the
// browser accepts, hashed files are kept for a year and a second visit
// downloads none of them again. (How long the first load takes on a slow
// line is a measurement, not a test: `make first-load`.)
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { port } from '../playwright.config';
import { firmUrl, signIn, waitForHydration } from './helpers';

/**
 * A request to northstar's host as the browser would send it. Node, which
 * sends these, does not resolve `*.localhost` the way Chromium is told to:
 * so to the server's address, naming the host.
 */
function northstar(request: APIRequestContext, pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return request.fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: { host: `northstar.localhost:${port}`, ...headers },
  });
}

/** The bundle's files a page names: its stylesheet, script and WebAssembly. */
async function bundleNamedBy(request: APIRequestContext, pathname: string): Promise<string[]> {
  const html = await (await northstar(request, pathname)).text();
  const names = [...html.matchAll(/\/pkg\/[^"'\s]+\.(?:css|js|wasm)/g)].map((m) => m[0]);
  return [...new Set(names)].sort();
}

test('a page names its bundle by content hash, served compressed and kept for a year', async ({ request }) => {
  const files = await bundleNamedBy(request, '/sign-in');
  expect(files.map((f) => f.replace(/\.[A-Za-z0-9_-]{20,}\./, '.<hash>.')).sort()).toEqual([
    '/pkg/pespro.<hash>.css',
    '/pkg/pespro.<hash>.js',
    '/pkg/pespro.<hash>.wasm',
  ]);

  for (const file of files) {
    const brotli = await northstar(request, file, { 'Accept-Encoding': 'br, gzip' });
    expect(brotli.status(), file).toBe(200);
    expect(brotli.headers()['content-encoding'], file).toBe('br');
    expect(brotli.headers()['cache-control'], file).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers()['vary'] ?? '', file).toMatch(/accept-encoding/i);

    const gzip = await northstar(request, file, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers()['content-encoding'], file).toBe('gzip');
    // Both decode to the same file (Playwright decodes as a browser would).
    expect((await gzip.body()).equals(await brotli.body()), file).toBe(true);
  }

  // The WebAssembly on the wire stays far below its size on disk.
  const wasm = files.find((f) => f.endsWith('.wasm'))!;
  const raw = await northstar(request, wasm, { 'Accept-Encoding': 'identity' });
  expect(raw.headers()['content-encoding']).toBeUndefined();
  const onDisk = Number(raw.headers()['content-length']);
  const compressed = await northstar(request, wasm, { 'Accept-Encoding': 'br' }, 'HEAD');
  expect(Number(compressed.headers()['content-length'])).toBeLessThan(onDisk / 2);
});

test('files without a hash in their name are checked again before each use', async ({ request }) => {
  const icon = await northstar(request, '/favicon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['cache-control']).toBe('no-cache');
  const lastModified = icon.headers()['last-modified'];
  expect(lastModified).toBeTruthy();
  const again = await northstar(request, '/favicon.svg', { 'If-Modified-Since': lastModified });
  expect(again.status()).toBe(304);
});

/** What the page's bundle files cost on the wire (Resource Timing: 0 when taken from the cache). */
async function bundleTransfers(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.startsWith('/pkg/'))
      .map((entry) => entry.transferSize),
  );
}

test('a second visit takes the bundle from the browser cache', async ({ page }) => {
  await signIn(page, 'northstar', 'employee');
  await waitForHydration(page);
  const first = await bundleTransfers(page);
  expect(first.length).toBeGreaterThanOrEqual(3);

  await page.goto(firmUrl('northstar', '/time'));
  await waitForHydration(page);
  await expect(page.getByTestId('week-total')).toBeVisible();
  const second = await bundleTransfers(page);
  expect(second.length).toBe(first.length);
  expect(second).toEqual(second.map(() => 0));
});
