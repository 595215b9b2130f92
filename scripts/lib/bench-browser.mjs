// Browser figures for scripts/bench: planner recompute inside wasm, and time to first render.
import { launch, markTime, median, returnVisits } from './browser.mjs';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [base, floorBase, out] = process.argv.slice(2);
const browser = await launch();
const results = {};

// Two times from navigation start: the first contentful paint (what the visitor sees first: for
// an entry page with a prerendered frame, the frame), and the `zr-mounted` mark (the app's page
// is on the document; a page in its own wasm chunk is mounted after the shell).
const times = async (page) => [await markTime(page, 'first-contentful-paint'), await markTime(page, 'zr-mounted')];

// First render: cold loads (a new browser context each: empty cache, new renderer process) of the
// anchors and the pages in turns — each round loads every one once, in alternating order — so a
// slow moment of the machine weighs on all of them alike; medians of 15 rounds, as
// [first paint, page mounted].
async function coldLoad(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const figures = await times(page);
  await context.close();
  return figures;
}
async function firstRenders(urls, rounds = 15) {
  const loads = urls.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...urls.keys()].reverse() : [...urls.keys()];
    for (const k of order) loads[k].push(await coldLoad(urls[k]));
  }
  return loads.map(medians);
}
const medians = (loads) => [median(loads.map((t) => t[0])), median(loads.map((t) => t[1]))];
const record = (name, [paint, mounted]) => {
  results[`first_paint_ms ${name}`] = paint;
  results[`page_mounted_ms ${name}`] = mounted;
};

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
// The stack's floor: a Leptos page with only a heading, built, split, optimised and served exactly
// as the app is (frontend/examples/first_render_floor.rs; same index.html, style sheet and loader).
// What a first render costs above it is the app's own start: its code, its requests, its views.
const cold = {
  'blank page (anchor)': `http://127.0.0.1:${blank.address().port}/`,
  'Leptos page with a heading (anchor)': `${floorBase}/kaart`,
  '/kaart': `${base}/kaart`,
  '/planner': `${base}/planner`,
};
const renders = await firstRenders(Object.values(cold));
Object.keys(cold).forEach((name, k) => record(name, renders[k]));
blank.close();
record('/kaart, return visit', medians(await returnVisits(`${base}/kaart`, 7, times)));

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
