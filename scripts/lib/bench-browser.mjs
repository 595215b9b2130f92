// Browser figures for scripts/bench: planner recompute inside wasm, and time to first render.
import { launch, markTime, median, returnVisits } from './browser.mjs';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [base, floorBase, out] = process.argv.slice(2);
const browser = await launch();
const results = {};

// From navigation start to the `zr-mounted` mark. A page in its own wasm chunk is mounted after
// the shell: wait for the mark itself.
const mounted = (page) => markTime(page, 'zr-mounted');

// First render: median of 7 cold loads (a new browser context each: empty cache, new renderer
// process).
async function firstRender(url) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    times.push(await mounted(page));
    await context.close();
  }
  return median(times);
}

// The anchor: the browser's own floor on this machine, a blank page whose one external script
// sets the mark at once (served by a bare Node server: no app, no wasm, no styles). The app's
// own share of a first render is its figure minus this one.
const blank = createServer((req, res) => {
  const script = req.url === '/mark.js';
  res.writeHead(200, { 'content-type': script ? 'text/javascript' : 'text/html; charset=utf-8' });
  res.end(script ? "performance.mark('zr-mounted');"
    : '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Zorgroute</title>'
      + '<script src="/mark.js"></script></head><body><h1>Zorgroute</h1></body></html>');
});
await new Promise((resolve) => blank.listen(0, '127.0.0.1', resolve));
results['first_render_ms blank page (anchor)'] = await firstRender(`http://127.0.0.1:${blank.address().port}/`);
blank.close();
// The stack's floor: a Leptos page with only a heading, built, split, optimised and served exactly
// as the app is (frontend/examples/first_render_floor.rs; same index.html, style sheet and loader).
// What a first render costs above it is the app's own start: its code, its requests, its views.
results['first_render_ms Leptos page with a heading (anchor)'] = await firstRender(`${floorBase}/kaart`);
for (const path of ['/kaart', '/planner']) results[`first_render_ms ${path}`] = await firstRender(base + path);
results['first_render_ms /kaart, return visit'] = median(await returnVisits(`${base}/kaart`, 7, mounted));

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
