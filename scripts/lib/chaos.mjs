// The load and the faults of scripts/chaos (see there). Node 18+: fetch, no packages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const base = process.argv[2];
const csrf = { 'x-zorgroute-csrf': '1', 'content-type': 'application/json' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sh = (command) => execFileSync('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
const sql = (query) => execFileSync('psql', [process.env.DATABASE_URL, '-Atc', query]).toString().trim();
const failures = [];
const figure = (name, value, target, ok) => {
  console.log(`${name.padEnd(58)} ${String(value).padStart(10)}   ${target}${ok ? '' : '   ✗'}`);
  if (!ok) failures.push(name);
};

async function login() {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: csrf,
    body: JSON.stringify({ email: 'coordinator@demo.zorgroute.nl', password: 'Zorgroute-demo-2026' }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

// One request; a refused connection (server restarting) is retried for up to 3 s, like a client
// would. Returns { status, ms, retried, body } (status 0: no answer at all).
async function call(path, options, cookie) {
  const started = performance.now();
  let retried = false;
  for (;;) {
    try {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      const res = await fetch(`${base}${path}`, { ...options, headers: { ...csrf, cookie }, signal: controller.signal });
      clearTimeout(timer);
      const text = await res.text();
      return { status: res.status, ms: performance.now() - started, retried, body: text };
    } catch (e) {
      if (performance.now() - started > 3000 || e.name === 'AbortError') {
        return { status: 0, ms: performance.now() - started, retried, body: String(e) };
      }
      retried = true;
      await sleep(50);
    }
  }
}

let cookie = await login();
const board = JSON.parse((await call('/api/cases/board', {}, cookie)).body);
const stage = (key) => board.stages.find((s) => s.key === key).id;
const open = board.cards.filter((c) => !board.stages.find((s) => s.id === c.stage_id).terminal);

// 1. PostgreSQL stops for 3 s under 8 writers adding notes.
{
  const results = [];
  let n = 0;
  let stop = false;
  const writer = async (w) => {
    while (!stop) {
      const id = `chaos-${w}-${n++}`;
      const card = open[n % 5];
      const r = await call(`/api/cases/${card.id}/notes`, {
        method: 'POST', body: JSON.stringify({ body: id, visibility: 'team' }),
      }, cookie);
      results.push({ id, at: performance.now(), ...r });
      if (r.status !== 201) await sleep(20);
    }
  };
  const writers = Array.from({ length: 8 }, (_, w) => writer(w));
  await sleep(2000);
  const downAt = performance.now();
  sh('pg_stop "$PG_DIR"');
  await sleep(3000);
  sh('pg_start "$PG_DIR" "$PG_PORT"');
  const upAt = performance.now();
  await sleep(3000);
  stop = true;
  await Promise.all(writers);
  const acknowledged = results.filter((r) => r.status === 201).map((r) => r.id);
  const stored = new Set(sql("SELECT body FROM case_notes WHERE body LIKE 'chaos-%'").split('\n'));
  const lost = acknowledged.filter((id) => !stored.has(id));
  const whileDown = results.filter((r) => r.at > downAt + 500 && r.at < upAt);
  const bad = results.filter((r) => r.status !== 201 && r.status !== 503);
  const firstBack = results.filter((r) => r.at > upAt && r.status === 201).map((r) => r.at)[0];
  const slowest = Math.max(...results.map((r) => r.ms));
  console.log(`\nPostgreSQL down for 3 s under 8 writers: ${results.length} requests, ${acknowledged.length} acknowledged`);
  figure('answers while the database is down: 503', `${whileDown.filter((r) => r.status === 503).length}/${whileDown.length}`, 'all', whileDown.length > 0 && whileDown.every((r) => r.status === 503));
  figure('answers other than 201 or 503 (500, no answer)', bad.length, '0', bad.length === 0);
  figure('slowest answer (no hanging)', `${slowest.toFixed(0)} ms`, '≤ 5000 ms', slowest <= 5000);
  const recovery = firstBack === undefined ? Infinity : firstBack - upAt;
  figure('recovery after the database is back', `${recovery.toFixed(0)} ms`, '≤ 2000 ms', recovery <= 2000);
  figure('acknowledged writes missing from the database', lost.length, '0', lost.length === 0);
}

// 2. The server is killed with -9 under 6 writers moving cards back and forth, and restarted.
{
  const cards = open.slice(5, 11).map((c) => ({ ...c }));
  const results = [];
  let stop = false;
  let n = 0;
  const mover = async (card) => {
    while (!stop) {
      const back = card.stage_id === stage('observatie');
      const reason = `chaos-move-${n++}`;
      const r = await call(`/api/cases/${card.id}/moves`, {
        method: 'POST',
        body: JSON.stringify({ to_stage: stage(back ? 'signalering' : 'observatie'), expected_version: card.version, reason }),
      }, cookie);
      results.push({ reason, ...r });
      if (r.status === 200 || r.status === 409) {
        const current = JSON.parse(r.body);
        const fresh = r.status === 200 ? current : current.details?.current ?? current;
        card.version = fresh.version ?? card.version;
        card.stage_id = fresh.stage_id ?? card.stage_id;
      } else {
        await sleep(20);
      }
    }
  };
  const movers = cards.map(mover);
  await sleep(1500);
  const pid = readFileSync(`${process.env.PG_DIR}/server.pid`, 'utf8').trim();
  process.kill(Number(pid), 'SIGKILL');
  const killedAt = performance.now();
  await sleep(200);
  sh('start_server');
  await sleep(2500);
  stop = true;
  await Promise.all(movers);
  const firstBack = results.filter((r) => r.status === 200 && r.retried).map((r) => r.ms);
  const failed = results.filter((r) => r.status === 0 || r.status >= 500);
  const acknowledged = results.filter((r) => r.status === 200).map((r) => r.reason);
  const history = new Set(sql("SELECT reason FROM stage_history WHERE reason LIKE 'chaos-move-%'").split('\n'));
  const lost = acknowledged.filter((reason) => !history.has(reason));
  // Every case's stage is the target of its latest history line: no move half applied.
  const torn = Number(sql(`SELECT count(*) FROM cases c WHERE c.stage_id IS DISTINCT FROM
      (SELECT h.to_stage_id FROM stage_history h WHERE h.case_id = c.id ORDER BY h.moved_at DESC, h.id DESC LIMIT 1)`));
  console.log(`\nserver killed (-9) and restarted under 6 movers: ${results.length} requests, ${acknowledged.length} moves acknowledged`);
  figure('requests failed across the restart (after retrying 3 s)', `${(100 * failed.length / results.length).toFixed(2)} %`, '≤ 0.1 %', failed.length / results.length <= 0.001);
  figure('longest wait of a request that spanned the restart', `${Math.max(0, ...firstBack).toFixed(0)} ms`, '≤ 2000 ms', Math.max(0, ...firstBack) <= 2000);
  figure('cases whose stage differs from their last history line', torn, '0', torn === 0);
  figure('acknowledged moves missing from the history', lost.length, '0', lost.length === 0);
  void killedAt;
}

// 3. 50 parallel moves of one card at the same version.
{
  cookie = await login();
  const fresh = JSON.parse((await call('/api/cases/board', {}, cookie)).body);
  const card = fresh.cards.find((c) => c.stage_id === stage('signalering') || c.stage_id === stage('observatie'));
  const to = stage(card.stage_id === stage('signalering') ? 'observatie' : 'signalering');
  const body = JSON.stringify({ to_stage: to, expected_version: card.version, reason: 'chaos-race' });
  const statuses = (await Promise.all(Array.from({ length: 50 }, () =>
    call(`/api/cases/${card.id}/moves`, { method: 'POST', body }, cookie)))).map((r) => r.status);
  const ok = statuses.filter((s) => s === 200).length;
  const conflicts = statuses.filter((s) => s === 409).length;
  console.log('\n50 parallel moves of one card at one version');
  figure('succeeded / conflicted', `${ok} / ${conflicts}`, '1 / 49', ok === 1 && conflicts === 49);
}

if (failures.length) {
  console.error(`\nchaos: ${failures.length} figure(s) missed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\nchaos: every figure met');
