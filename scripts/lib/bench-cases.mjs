// Case-board figures for scripts/bench: board of 500 cards to first render (Chromium), move round
// trip over HTTP, and event latency from a move on instance A to an SSE subscriber on instance B.
import { launch, markTime, median, returnVisits, signedIn } from './browser.mjs';
import { writeFileSync } from 'node:fs';

const [baseA, baseB, out] = process.argv.slice(2);
const csrf = { 'x-zorgroute-csrf': '1', 'content-type': 'application/json' };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round((s.length - 1) * p))]; };

async function login(base) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: csrf,
    body: JSON.stringify({ email: 'coordinator@demo.zorgroute.nl', password: 'Zorgroute-demo-2026' }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('zr_access='));
  return cookie;
}

const cookie = await login(baseA);
const board = await (await fetch(`${baseA}/api/cases/board`, { headers: { cookie } })).json();
const stage = (key) => board.stages.find((s) => s.key === key).id;
const results = { cards_on_board: board.cards.length };

// Move round trip: signalering ↔ observatie, sequentially, with a reason on the way back.
const movable = board.cards.filter((c) => c.stage_id === stage('signalering')).slice(0, 20);
const times = [];
for (let round = 0; round < 10; round++) {
  for (const card of movable) {
    const back = round % 2 === 1;
    const body = { to_stage: stage(back ? 'signalering' : 'observatie'), expected_version: card.version, reason: 'bench' };
    const start = performance.now();
    const res = await fetch(`${baseA}/api/cases/${card.id}/moves`, { method: 'POST', headers: { ...csrf, cookie }, body: JSON.stringify(body) });
    const moved = await res.json();
    times.push(performance.now() - start);
    if (res.status === 200) card.version = moved.version;
  }
}
results.move_p50_ms = pct(times, 0.5);
results.move_p95_ms = pct(times, 0.95);

// Event latency A → B.
const controller = new AbortController();
const feed = await fetch(`${baseB}/api/cases/events`, { headers: { cookie }, signal: controller.signal });
const reader = feed.body.getReader();
const decoder = new TextDecoder();
const pending = new Map();
const latencies = [];
(async () => {
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ done: true }));
    if (done) return;
    buffer += decoder.decode(value);
    let i;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const chunk = buffer.slice(0, i); buffer = buffer.slice(i + 2);
      const data = chunk.split('\n').find((l) => l.startsWith('data: '));
      if (!chunk.startsWith('event: case') || !data) continue;
      const event = JSON.parse(data.slice(6));
      const sent = pending.get(`${event.case_id}:${event.version}`);
      if (sent) latencies.push(performance.now() - sent);
    }
  }
})();
await new Promise((r) => setTimeout(r, 500));
for (let round = 0; round < 4; round++) {
  for (const card of movable.slice(0, 10)) {
    const back = card.stage_now === 'observatie';
    const body = { to_stage: stage(back ? 'signalering' : 'observatie'), expected_version: card.version, reason: 'bench' };
    const start = performance.now();
    const res = await fetch(`${baseA}/api/cases/${card.id}/moves`, { method: 'POST', headers: { ...csrf, cookie }, body: JSON.stringify(body) });
    const moved = await res.json();
    if (res.status === 200) {
      card.version = moved.version;
      card.stage_now = back ? 'signalering' : 'observatie';
      pending.set(`${card.id}:${moved.version}`, start);
    }
    await new Promise((r) => setTimeout(r, 30));
  }
}
await new Promise((r) => setTimeout(r, 1000));
controller.abort();
results.event_latency_p50_ms = pct(latencies, 0.5);
results.event_latency_p95_ms = pct(latencies, 0.95);
results.events_received = latencies.length;

// Board of all cards to painted in Chromium: from navigation (wasm download and start, session,
// data, render), and from the moment the page has both its code and its data to the frame after
// the cards are painted. Opened directly by a signed-in browser, the board's page has the board
// fetched with it (a preload hint), so the answer usually arrives before the page's module has
// started: that moment is the later of the page on the document (`zr-mounted`) and the answer's
// end. Split at the app's marks: answer decoded (`zr-board-data`), cards built
// (`zr-board-built`), painted.
async function painted(page) {
  const at = await markTime(page, 'zr-board');
  const [cards, answer, mounted, decoded, built] = await page.evaluate(() => [
    document.querySelectorAll('[data-testid=case-card]').length,
    performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/cases/board')).toJSON(),
    performance.getEntriesByName('zr-mounted').at(0).startTime,
    performance.getEntriesByName('zr-board-data').at(-1).startTime,
    performance.getEntriesByName('zr-board-built').at(-1).startTime,
  ]);
  if (cards === 0) throw new Error('the board was painted without cards');
  if (answer.initiatorType !== 'link') throw new Error(`the board was not preloaded (${answer.initiatorType})`);
  const ready = Math.max(answer.responseEnd, mounted);
  return [at, at - ready, decoded - ready, built - decoded, at - built, answer.encodedBodySize, answer.decodedBodySize,
    answer.responseEnd, mounted];
}
// Median of 21 cold loads (a new browser context each; single loads vary by ±20 ms on a shared
// 2-core machine, and medians of 11 by ±10 ms from run to run), then of 11 return visits (a
// professional opens the board every day).
const browser = await launch();
const renders = [];
for (let i = 0; i < 21; i++) {
  const context = await browser.newContext();
  await context.addCookies(signedIn(cookie, baseA));
  const page = await context.newPage();
  await page.goto(`${baseA}/bord`);
  renders.push(await painted(page));
  await context.close();
}
await browser.close();
results.board_first_render_ms = median(renders.map((r) => r[0]));
results.board_render_ms = median(renders.map((r) => r[1]));
results.board_decode_ms = median(renders.map((r) => r[2]));
results.board_build_ms = median(renders.map((r) => r[3]));
results.board_paint_ms = median(renders.map((r) => r[4]));
// The board's answer over the wire (gzipped) and as JSON.
results.board_answer_wire_kb = renders[0][5] / 1000;
results.board_answer_json_kb = renders[0][6] / 1000;
// When the answer and the page were there (ms from navigation).
results.board_answer_end_ms = median(renders.map((r) => r[7]));
results.board_page_mounted_ms = median(renders.map((r) => r[8]));
const visits = await returnVisits(`${baseA}/bord`, 11, painted, cookie);
results.board_return_visit_first_render_ms = median(visits.map((r) => r[0]));
results.board_return_visit_render_ms = median(visits.map((r) => r[1]));

writeFileSync(out, JSON.stringify(results, null, 2));
for (const [k, v] of Object.entries(results)) console.log(`${k}\t${typeof v === 'number' ? v.toFixed(2) : v}`);
