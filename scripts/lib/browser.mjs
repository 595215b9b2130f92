// Chromium for the bench scripts: one launch configuration, and return visits.
import { chromium } from '../../e2e/node_modules/playwright-core/index.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const options = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export const launch = () => chromium.launch(options);

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Waits for performance mark `name` and returns its time (ms from navigation start), asking with a
// plain `evaluate` every 10 ms, so the page is measured as a user's browser runs it. Playwright's
// waitForFunction and waitForSelector first put its selector engine into the page (a script that
// Chromium parsed on the main thread just as the app started) and then poll on every animation
// frame, which keeps frames running: with them the board's data → painted figure came out
// 17–23 ms lower than for a page left alone until the figure is read (three comparisons of
// interleaved cold loads); this wait comes within 1–6 ms of a page left alone.
// Gives up after 30 s (Playwright's own default), so a page that never renders fails the run.
export async function markTime(page, name) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const at = await page.evaluate((mark) => performance.getEntriesByName(mark).at(-1)?.startTime, name);
    if (at !== undefined) return at;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no performance mark ${name} within 30 s on ${page.url()}`);
}

// The cookies of a signed-in browser at `url`'s origin, from the access cookie `name=value`: the
// token, and the sign the app reads before it asks who is signed in (zr_signed_in).
export function signedIn(cookie, url) {
  const [name, value] = cookie.split('=');
  const origin = new URL(url).origin;
  return [{ name, value, url: origin }, { name: 'zr_signed_in', value: '1', url: origin }];
}

// Return visits: a browser profile on disk (as a user's is: its HTTP cache keeps the hashed
// assets, and V8 keeps the wasm it compiled; a new browser context keeps neither), one first
// visit, three seconds for the browser to finish compiling and caching, then `runs` visits,
// each in a new tab. `read(page)` waits for the page and returns its figure.
export async function returnVisits(url, runs, read, cookie) {
  const dir = mkdtempSync(join(tmpdir(), 'zr-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, options);
  if (cookie) await context.addCookies(signedIn(cookie, url));
  const visit = async () => {
    const page = await context.newPage();
    await page.goto(url);
    const figure = await read(page);
    await page.close();
    return figure;
  };
  await visit();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const figures = [];
  for (let i = 0; i < runs; i++) figures.push(await visit());
  await context.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}
