// How long "my week" (`/time`) takes to become usable on a first visit —
// the browser's cache empty — over throttled lines, and again on a second
// visit. Prints one line per line profile; docs/benchmarks.md keeps them.
//
// Timed from the navigation's start: `html` when the server's page has
// arrived (readable, works without JavaScript), `hydrated` when the
// WebAssembly has taken over (`<body data-hydrated>`). `bundle_kb` is what
// the bundle's files cost on the wire (compressed), `wasm_kb` the
// WebAssembly alone.
import { test } from '@playwright/test';
import { firmUrl, signIn, waitForHydration } from '../tests/helpers';

/** Chrome DevTools' throttling presets, in bytes per second and milliseconds. */
const LINES = [
  { name: 'fast-4g', download: (9_000_000 / 8) * 0.9, upload: (1_500_000 / 8) * 0.9, latency: 60 },
  { name: 'slow-4g', download: (1_600_000 / 8) * 0.9, upload: (750_000 / 8) * 0.9, latency: 150 },
];

type Timings = { html: number; hydrated: number; bundle: number; wasm: number };

async function visit(page: import('@playwright/test').Page): Promise<Timings> {
  await page.goto(firmUrl('northstar', '/time'));
  await waitForHydration(page);
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const bundle = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) =>
      new URL(e.name).pathname.startsWith('/pkg/'),
    );
    const hydrated = (window as unknown as { hydratedAt: number }).hydratedAt;
    return {
      html: navigation.responseEnd,
      hydrated,
      bundle: bundle.reduce((sum, e) => sum + e.transferSize, 0),
      wasm: bundle.filter((e) => e.name.endsWith('.wasm')).reduce((sum, e) => sum + e.transferSize, 0),
    };
  });
}

for (const line of LINES) {
  test(`first load of /time on ${line.name}`, async ({ page }) => {
    // The moment the app marks <body> as hydrated, from the page's own clock.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body?.dataset.hydrated) {
          (window as unknown as { hydratedAt: number }).hydratedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
    });
    await signIn(page, 'northstar', 'employee');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: line.latency,
      downloadThroughput: line.download,
      uploadThroughput: line.upload,
    });
    const cold = await visit(page);
    const warm = await visit(page);
    const ms = (n: number) => Math.round(n);
    const kb = (n: number) => (n / 1000).toFixed(1);
    console.log(
      `first_load line=${line.name} html_ms=${ms(cold.html)} hydrated_ms=${ms(cold.hydrated)} ` +
        `bundle_kb=${kb(cold.bundle)} wasm_kb=${kb(cold.wasm)} ` +
        `second_visit_hydrated_ms=${ms(warm.hydrated)} second_visit_bundle_kb=${kb(warm.bundle)} ` +
        `date=${new Date().toISOString().slice(0, 10)}`,
    );
  });
}
