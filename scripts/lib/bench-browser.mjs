// Browser figures for scripts/bench: planner recompute inside wasm, and time to first render.
import { chromium } from '../../e2e/node_modules/playwright-core/index.mjs';
import { writeFileSync } from 'node:fs';

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = {};
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// First render: from navigation start to the app's `zr-mounted` mark, median of 7 cold loads.
for (const path of ['/kaart', '/planner']) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + path);
    await page.waitForSelector('header.site-header');
    times.push(await page.evaluate(() => performance.getEntriesByName('zr-mounted')[0]?.startTime ?? NaN));
    await context.close();
  }
  results[`first_render_ms ${path}`] = median(times);
}

// Planner engine in wasm: the app module's exported hook.
const page = await browser.newPage();
await page.goto(base + '/');
await page.waitForSelector('header.site-header');
const planner = await page.evaluate(async () => {
  const href = document.querySelector('link[rel=modulepreload]').href;
  const module = await import(href);
  return JSON.parse(module.bench_planner(500));
});
for (const row of planner) results[`planner_wasm_ms ${row.preset}`] = row.mean_ms;
await browser.close();

writeFileSync(out, JSON.stringify(results, null, 2));
for (const [name, value] of Object.entries(results)) console.log(`${name}\t${value.toFixed(4)}`);
