// The case board: move by keyboard/menu and by mouse drag; consent gates consent stages.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { appReady, signIn, expectAccessible, dutchDay } from './helpers.mjs';

async function boardData(page) {
  const res = await page.request.get('/api/cases/board');
  expect(res.status()).toBe(200);
  return res.json();
}

const stageId = (board, key) => board.stages.find((s) => s.key === key).id;

// The cards a (non-terminal) column shows before "show N more": its first 10, in the board's
// order (longest waiting first).
const shownIn = (board, key) => board.cards.filter((c) => c.stage_id === stageId(board, key)).slice(0, 10);

// Both browser projects share one server and its demo data, one test at a time: the phone project
// takes candidates from the front of the board's order, the desktop one from the back, so they touch
// different cards whenever there are two, and each test reads the board fresh before it picks.
const mine = (cards, info) => (info.project.name === 'phone' ? cards : [...cards].reverse());

// Opens a card's move dialog, picks a stage and confirms.
async function moveWithMenu(cardView, stage) {
  await cardView.getByTestId('move-open').click();
  const dialog = cardView.page().getByTestId('move-dialog');
  await dialog.getByLabel('Verplaats naar').selectOption(stage);
  await dialog.getByTestId('move-confirm').click();
}

test('opened directly, the board page has the browser ask who is signed in and for the board, once each, beside the app', async ({ page }) => {
  await signIn(page, 'professional');
  const asked = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path);
  });
  await page.goto('/bord');
  await appReady(page);
  await expect(page.locator('[data-testid=case-card]').first()).toBeVisible();
  await expect(page.getByTestId('user-name')).toContainText('Sanne de Vries');
  // One request each, made by the page's preload hints (the page's Link header for the session,
  // its markup for the board) before the app started; the app took their answers instead of
  // asking again (the server logs one read of the board, not two).
  const started = await page.evaluate(() => Object.fromEntries(['/api/auth/me', '/api/cases/board'].map((path) => [path,
    performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === path).map((e) => e.initiatorType)])));
  expect(started).toEqual({ '/api/auth/me': ['link'], '/api/cases/board': ['link'] });
  expect(asked.filter((p) => p === '/api/auth/me' || p === '/api/cases/board').sort()).toEqual(['/api/auth/me', '/api/cases/board']);
});

test('opened directly (a link in a mail), a case page has the browser ask for the case once, beside the app', async ({ page }) => {
  await signIn(page, 'professional');
  const card = (await boardData(page)).cards[0];
  const asked = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/cases/')) asked.push(path);
  });
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  await expect(page.getByTestId('case-child')).toHaveText(card.child);
  // The case came with the page (its Link header), before the app started; the app took that
  // answer instead of asking again: one request, one line in the access log.
  const path = `/api/cases/${card.id}`;
  const started = await page.evaluate((p) => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === p).map((e) => e.initiatorType), path);
  expect(started).toEqual(['link']);
  expect(asked.filter((p) => p === path)).toEqual([path]);
});

test('opened directly (the morning mail\'s link), the tasks page has the browser ask for the list once, beside the app', async ({ page }) => {
  await signIn(page, 'professional');
  const first = '/api/cases/my-tasks';
  const asked = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === first) asked.push(path);
  });
  await page.goto('/bord/taken');
  await appReady(page);
  await expect(page.getByTestId('my-task').first().or(page.getByTestId('my-tasks-none'))).toBeVisible();
  await expect(page.getByTestId('task-mail')).toBeVisible();
  // It came with the page (its markup's hint), before the app started and without waiting for
  // the session check; the app took that answer instead of asking again: one access-log line.
  const started = await page.evaluate((path) => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === path).map((e) => e.initiatorType), first);
  expect(started).toEqual(['link']);
  expect(asked).toEqual([first]);
});

test('a case page shows the case at once: its history before the mailed consent requests join it, the organisations asked once', async ({ page }) => {
  await signIn(page, 'professional');
  // A child still on the route (one who has left shows the outcome instead of the wait).
  const card = (await boardData(page)).cards.find((c) => !c.outcome);
  // The mailed requests are held back until the case is on screen.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(`**/api/cases/${card.id}/consent-requests`, async (route) => { await held; await route.continue(); });
  const partners = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/cases/partners') partners.push(r.url()); });
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  await expect(page.getByTestId('case-child')).toHaveText(card.child);
  await expect(page.getByTestId('case-summary')).toContainText('dagen in fase');
  const history = page.getByTestId('case-history').getByTestId('timeline-entry');
  await expect(history.first()).toBeVisible();
  const answered = page.waitForResponse(`**/api/cases/${card.id}/consent-requests`);
  release();
  expect((await answered).status()).toBe(200);
  await expect(history.first()).toBeVisible();
  // Both consent forms tick from one list of organisations.
  await expect(page.getByTestId('consent-org').first()).toBeAttached();
  expect(partners).toHaveLength(1);
});

test('a professional moves a card with the keyboard menu', async ({ page }, info) => {
  await signIn(page, 'professional');
  const board = await boardData(page);
  // The phone project moves a card out of Signalering, the desktop one out of Observatie.
  const from = info.project.name === 'phone' ? 'signalering' : 'observatie';
  const next = { signalering: 'observatie', observatie: 'zorgoverleg' };
  const card = board.cards.find((c) => c.stage_id === stageId(board, from));
  expect(card, `the demo has a Korein card in ${from}`).toBeTruthy();
  await page.goto('/bord');
  await appReady(page);
  const cardView = page.getByTestId(`column-${from}`).locator(`[data-case="${card.id}"]`);
  // The card's "Verplaatsen" button opens a dialog with the list of stages and puts the focus on
  // it; Escape closes it and gives the focus back to the button.
  const dialog = page.getByTestId('move-dialog');
  await cardView.getByTestId('move-open').focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Verplaats naar')).toBeFocused();
  await expect(dialog.getByRole('heading')).toContainText(card.child);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(cardView.getByTestId('move-open')).toBeFocused();
  // Again, all by keyboard: pick the next stage in the list, Tab to "Verplaatsen", Enter.
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Verplaats naar')).toBeFocused();
  // The close event of Escape is queued: when it arrives only now, the dialog stays open.
  await dialog.evaluate((d) => d.dispatchEvent(new Event('close')));
  await expect(dialog.getByLabel('Verplaats naar')).toBeFocused();
  await dialog.getByLabel('Verplaats naar').selectOption(stageId(board, next[from]));
  await expectAccessible(page, '/bord move dialog');
  await page.keyboard.press('Tab');
  await expect(dialog.getByTestId('move-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('board-message')).toContainText('verplaatst');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`column-${next[from]}`).locator(`[data-case="${card.id}"]`)).toBeVisible();
  // The focus is back on the moved card's button, in its new column.
  await expect(page.getByTestId(`column-${next[from]}`).locator(`[data-case="${card.id}"]`).getByTestId('move-open')).toBeFocused();
  await expectAccessible(page, '/bord (professional)');
});

// The coordinator's board open, and a card of column `from` to drag: not a Korein card (those
// are the professional's, moved by the keyboard test meanwhile).
async function coordinatorsCard(page, from) {
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const card = shownIn(board, from).find((c) => !(c.location || '').startsWith('Korein'));
  await page.goto('/bord');
  await appReady(page);
  return { board, card, source: page.getByTestId(`column-${from}`).locator(`[data-case="${card.id}"]`) };
}

test('a coordinator drags a card to the next stage with the mouse', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'mouse drag-and-drop is a desktop interaction; phones drag by touch (below) or use the menu');
  const { card, source } = await coordinatorsCard(page, 'observatie');
  // Grab the card by its edge (its centre is the "move to" menu) and drop it on the next column.
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const target = await page.getByTestId('column-zorgoverleg').boundingBox();
  await page.mouse.move(from.x + 8, from.y + 8);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
  await page.mouse.move(target.x + 30, target.y + 30, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('board-message')).toContainText('verplaatst');
  await expect(page.getByTestId('column-zorgoverleg').locator(`[data-case="${card.id}"]`)).toBeVisible();
});

// Waits until a scrolled element has stopped moving (a fling goes on after the finger is lifted).
async function scrollSettled(scroller) {
  let last;
  await expect
    .poll(async () => {
      const now = await scroller.evaluate((el) => el.scrollLeft);
      const still = now === last;
      last = now;
      return still;
    }, { intervals: [200] })
    .toBe(true);
}

// Touches as the phone's screen sends them (Chromium's input, not synthetic DOM events).
async function touchscreen(page) {
  const cdp = await page.context().newCDPSession(page);
  const at = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: x === undefined ? [] : [{ x, y }] });
  return {
    at,
    // A finger put on (x, y), held for `holdMs`, carried to (toX, toY) and, after `beforeLift`,
    // lifted.
    async drag(x, y, toX, toY, holdMs, beforeLift = async () => {}) {
      await at('touchStart', x, y);
      await page.waitForTimeout(holdMs);
      for (let i = 1; i <= 8; i += 1) await at('touchMove', x + ((toX - x) * i) / 8, y + ((toY - y) * i) / 8);
      await beforeLift();
      await at('touchEnd');
    },
  };
}

test('on a phone a long press picks a card up and the finger carries it to the next stage', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'touch drag-and-drop; the desktop drags with the mouse');
  const { board, card, source } = await coordinatorsCard(page, 'signalering');
  const lane = page.locator('.board', { has: source });
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const finger = await touchscreen(page);

  // A finger that moves at once scrolls the board towards its next columns: nothing is picked up,
  // nothing moves.
  await finger.drag(from.x + 200, from.y + 8, from.x + 20, from.y + 8, 0);
  await expect.poll(() => lane.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expect(page).toHaveURL(/\/bord$/);
  await expect(page.getByTestId('board-message')).toHaveText('');
  await expect(page.locator('.card-ghost')).toHaveCount(0);
  // The swipe flings on after the finger is lifted: back to the start once the lane is still.
  await scrollSettled(lane);
  await lane.evaluate((el) => { el.scrollLeft = 0; });
  await scrollSettled(lane);
  expect(await lane.evaluate((el) => el.scrollLeft)).toBe(0);

  // Held still first, it picks the card up; lifted over the next column, it drops it there. The
  // finger is lifted inside the column and away from the edges where a carried card scrolls.
  await source.scrollIntoViewIfNeeded();
  const again = await source.boundingBox();
  const target = await page.getByTestId('column-observatie').boundingBox();
  const edges = await lane.boundingBox();
  const viewport = page.viewportSize();
  const toX = Math.min(target.x + 24, edges.x + edges.width - 64);
  const toY = Math.max(Math.min(target.y + 40, viewport.height - 64), 64);
  expect(toX).toBeGreaterThan(target.x);
  expect(toY).toBeGreaterThan(target.y);
  expect(toY).toBeLessThan(target.y + target.height);
  await finger.drag(again.x + 8, again.y + 8, toX, toY, 600, async () => {
    // Carried: a copy under the finger (hidden from screen readers), the original faded, the
    // column under the finger marked.
    await expect(page.locator('.card-ghost[aria-hidden="true"]')).toHaveCount(1);
    await expect(source).toHaveClass(/card-lifted/);
    await expect(page.getByTestId('column-observatie')).toHaveClass(/drop-target/);
  });
  // The same rules as a mouse drop: a full stage (when this test ran before on the same data)
  // asks for a reason first.
  const observatie = board.stages.find((s) => s.key === 'observatie');
  if (board.cards.filter((c) => c.stage_id === observatie.id).length >= observatie.wip_limit) {
    await page.getByTestId('move-dialog').getByTestId('move-reason').fill('Plek vrij na overleg');
    await page.getByTestId('move-dialog').getByTestId('move-confirm').click();
  }
  await expect(page.getByTestId('board-message')).toContainText('verplaatst');
  await expect(page.getByTestId('column-observatie').locator(`[data-case="${card.id}"]`)).toBeVisible();
  await expect(page.locator('.card-ghost')).toHaveCount(0);
});

test('on a phone a card carried to the edge scrolls the board; a cancelled touch leaves it where it was', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'touch drag-and-drop; the desktop drags with the mouse');
  const { card, source } = await coordinatorsCard(page, 'signalering');
  const lane = page.locator('.board', { has: source });
  await source.scrollIntoViewIfNeeded();
  const box = await source.boundingBox();
  const edge = page.viewportSize().width - 20;
  const finger = await touchscreen(page);
  await finger.at('touchStart', box.x + 8, box.y + 8);
  await page.waitForTimeout(600);
  await finger.at('touchMove', edge, box.y + 8);
  await expect(page.locator('.card-ghost')).toHaveCount(1);
  // Held at the edge, the lane scrolls on towards its later columns.
  await expect.poll(() => lane.evaluate((el) => el.scrollLeft)).toBeGreaterThan(200);
  await finger.at('touchCancel');
  await expect(page.locator('.card-ghost')).toHaveCount(0);
  await expect(source).not.toHaveClass(/card-lifted/);
  await expect(page.locator('.drop-target')).toHaveCount(0);
  await expect(page.getByTestId('board-message')).toHaveText('');
  expect((await boardData(page)).cards.find((c) => c.id === card.id).stage_id).toBe(card.stage_id);
});

test('the stage buttons above the board bring a stage\'s column into view and give it the focus', async ({ page }) => {
  await signIn(page, 'coordinator');
  await page.goto('/bord');
  await appReady(page);
  const jump = page.getByTestId('stage-jump');
  const board = await boardData(page);
  // Each stage once, with how many cards its column counts.
  await expect(jump.getByRole('button')).toHaveCount(board.stages.length);
  const stage = board.stages[3];
  const column = page.getByTestId(`column-${stage.key}`).first();
  // The column says "5 / 10" under a limit of 10; the button only how many.
  const count = (await column.locator('.column-title .wip').textContent()).trim().split(' / ')[0];
  const button = jump.getByRole('button', { name: new RegExp(`^${stage.name} `) });
  await expect(button.locator('.wip')).toHaveText(count);
  // The fourth column is off screen on a phone; a tap (or Enter) brings it to the left edge.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(column.locator('.column-title')).toBeFocused();
  const lane = await page.getByTestId('board-columns').first().boundingBox();
  const box = await column.boundingBox();
  expect(Math.abs(box.x - lane.x)).toBeLessThan(4);
  await expectAccessible(page, '/bord after going to a stage');
});

test('moving back asks for a reason in the move dialog before anything is sent', async ({ page }, info) => {
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const card = mine(shownIn(board, 'observatie').filter((c) => !(c.location || '').startsWith('Korein')), info)[0];
  await page.goto('/bord');
  await appReady(page);
  await page.getByTestId('column-observatie').locator(`[data-case="${card.id}"]`).getByTestId('move-open').click();
  const dialog = page.getByTestId('move-dialog');
  await expect(dialog.getByTestId('move-reason')).toHaveCount(0);
  await dialog.getByLabel('Verplaats naar').selectOption(stageId(board, 'signalering'));
  // The shared rule asks for a reason as soon as the earlier stage is picked; the browser does not
  // send the form without it.
  await expect(dialog.getByTestId('move-reason')).toBeVisible();
  await dialog.getByTestId('move-confirm').click();
  await expect(dialog).toBeVisible();
  expect((await boardData(page)).cards.find((c) => c.id === card.id).stage_id).toBe(stageId(board, 'observatie'));
  await dialog.getByTestId('move-reason').fill('Observatie opnieuw na de vakantie');
  await dialog.getByTestId('move-confirm').click();
  await expect(page.getByTestId('board-message')).toContainText('verplaatst');
  await expect(page.getByTestId('column-signalering').locator(`[data-case="${card.id}"]`)).toBeVisible();
  const detail = await (await page.request.get(`/api/cases/${card.id}`)).json();
  expect(detail.history.at(-1).reason).toBe('Observatie opnieuw na de vakantie');
});

test('a consent stage refuses a card without consent, and recording consent on the case page allows the move from there', async ({ page }, info) => {
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const candidates = mine(shownIn(board, 'zorgoverleg').filter((c) => !c.consent_valid), info);
  const card = candidates[0];
  await page.goto('/bord');
  await appReady(page);
  const cardView = () => page.getByTestId('column-zorgoverleg').locator(`[data-case="${card.id}"]`);
  // The dialog says why before anything is sent (the rule from shared), and the server refuses too.
  await cardView().getByTestId('move-open').click();
  const dialog = page.getByTestId('move-dialog');
  await dialog.getByLabel('Verplaats naar').selectOption(stageId(board, 'aanvraag'));
  await expect(dialog.getByTestId('move-refused')).toContainText('eerst toestemming van de ouders vastleggen');
  await dialog.getByTestId('move-confirm').click();
  await expect(dialog.getByTestId('move-refused')).toContainText('eerst toestemming van de ouders vastleggen');
  await dialog.getByTestId('move-cancel').click();
  await expect(dialog).toBeHidden();
  const refused = await page.request.post(`/api/cases/${card.id}/moves`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { to_stage: stageId(board, 'aanvraag'), expected_version: card.version },
  });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).details.rule).toBe('consent_required');
  await expect(page.getByTestId('column-zorgoverleg').locator(`[data-case="${card.id}"]`)).toBeVisible();

  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  await expect(page.getByTestId('case-child')).toHaveText(card.child);
  // The card's facts at the top: the wait in this stage and the missing consent.
  const summary = page.getByTestId('case-summary');
  await expect(summary).toContainText('dagen in fase');
  await expect(summary).toContainText('geen toestemming');
  // The page's own move dialog says why, as the board's does.
  await page.getByTestId('case-move-open').click();
  await dialog.getByLabel('Verplaats naar').selectOption(stageId(board, 'aanvraag'));
  await expect(dialog.getByTestId('move-refused')).toContainText('eerst toestemming van de ouders vastleggen');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('case-move-open')).toBeFocused();
  // "On this page" takes the keyboard to the consent section.
  await page.getByRole('navigation', { name: 'Op deze pagina' }).getByRole('link', { name: 'Toestemming van ouders' }).click();
  await expect(page.locator('#consent-heading')).toBeFocused();
  await page.getByTestId('consent-open').click();
  await page.getByTestId('consent-given-by').fill('Moeder');
  await page.getByTestId('consent-paper').getByLabel('Jeugdgezondheidszorg GGD Brabant-Zuidoost').check();
  // A term past the years the server takes (a typo like 22026) is held back by the browser.
  const validUntil = page.locator('#valid-until');
  const suggested = await validUntil.inputValue();
  await validUntil.fill('2201-01-01');
  let posted = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/consents')) posted += 1; });
  await page.getByTestId('consent-save').click();
  expect(await validUntil.evaluate((input) => input.validity.rangeOverflow)).toBe(true);
  // So are an end before the day of consent, and a day of consent still to come.
  await validUntil.fill('2020-01-01');
  await page.getByTestId('consent-save').click();
  expect(await validUntil.evaluate((input) => input.validity.rangeUnderflow)).toBe(true);
  await validUntil.fill(suggested);
  const givenOn = page.locator('#given-on');
  const today = await givenOn.inputValue();
  await givenOn.fill(suggested);
  await page.getByTestId('consent-save').click();
  expect(await givenOn.evaluate((input) => input.validity.rangeOverflow)).toBe(true);
  await givenOn.fill(today);
  expect(posted).toBe(0);
  // A refusal by the server (answered here once) leaves the form as it was filled in.
  await page.route('**/consents', (route) => (route.request().method() === 'POST'
    ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ status: 422, code: 'validation', message: 'Refused.', details: { field: 'given_by' } }) })
    : route.fallback()), { times: 1 });
  await page.getByTestId('consent-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Vul in welke ouder of verzorger de toestemming gaf.' })).toBeVisible();
  await expect(page.getByTestId('consent-given-by')).toHaveValue('Moeder');
  await expect(page.getByTestId('consent-paper').getByLabel('Jeugdgezondheidszorg GGD Brabant-Zuidoost')).toBeChecked();
  await page.getByTestId('consent-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'De toestemming is vastgelegd.' })).toBeVisible();
  expect(posted).toBe(2);
  await expect(page.getByTestId('consent').first()).toContainText('Moeder');
  await expect(summary).not.toContainText('geen toestemming');
  await expectAccessible(page, '/bord/casus (coordinator)');

  // Now the move goes through, from the case page, and the page shows the new stage.
  await page.getByTestId('case-move-open').click();
  await dialog.getByLabel('Verplaats naar').selectOption(stageId(board, 'aanvraag'));
  await expect(dialog.getByTestId('move-refused')).toBeEmpty();
  await expectAccessible(page, '/bord/casus move dialog');
  await dialog.getByTestId('move-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: 'De casus is verplaatst.' })).toBeVisible();
  await expect(page.getByTestId('case-stage')).toHaveText('Aanvraag');
  await expect(page.getByTestId('case-move-open')).toBeFocused();
  await expect(page.getByTestId('timeline-entry').first()).toContainText('Naar fase: Aanvraag');

  await page.goto('/bord');
  await appReady(page);
  await expect(page.getByTestId('column-aanvraag').locator(`[data-case="${card.id}"]`)).toBeVisible();
});

test('a second browser sees a move live, without reloading', async ({ browser, page }, info) => {
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const card = mine(shownIn(board, 'signalering'), info)[0] ?? mine(shownIn(board, 'observatie'), info)[0];
  const from = board.stages.find((s) => s.id === card.stage_id).key;
  const to = from === 'signalering' ? 'observatie' : 'zorgoverleg';

  const other = await browser.newContext();
  const watcher = await other.newPage();
  await signIn(watcher, 'coordinator');
  await watcher.goto('/bord');
  await appReady(watcher);
  await expect(watcher.getByTestId(`column-${from}`).locator(`[data-case="${card.id}"]`)).toBeVisible();

  await page.goto('/bord');
  await appReady(page);
  await moveWithMenu(page.getByTestId(`column-${from}`).locator(`[data-case="${card.id}"]`), stageId(board, to));
  await expect(page.getByTestId('board-message')).toContainText('verplaatst');
  await expect(watcher.getByTestId(`column-${to}`).locator(`[data-case="${card.id}"]`)).toBeVisible({ timeout: 3000 });
  await other.close();
});

// A card the move rules let go one stage on (a reason covers a full stage), and that stage.
function movable(board, info) {
  const stages = [...board.stages].sort((a, b) => a.position - b.position);
  const candidates = board.cards.flatMap((card) => {
    const next = stages[stages.findIndex((s) => s.id === card.stage_id) + 1];
    return next && !next.terminal && (!next.requires_consent || card.consent_valid) ? [{ card, to: next }] : [];
  });
  return mine(candidates, info)[0];
}

// The board's first stream ends at once (as when the server restarts) after the cookies in
// `cleared` were dropped (the access token: as 15 minutes later), so the browser's reconnection is
// refused; counts the streams the board asked for.
async function breakStreamOnce(page, cleared) {
  const streams = { count: 0 };
  await page.route('**/api/cases/events', async (route) => {
    streams.count += 1;
    if (streams.count > 1) return route.continue();
    for (const name of cleared) await page.context().clearCookies({ name });
    return route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 100\n\n' });
  });
  return streams;
}

test('a live stream refused after the access token expired comes back once the session is renewed', async ({ page }, info) => {
  await signIn(page, 'coordinator');
  const streams = await breakStreamOnce(page, ['zr_access']);
  await page.goto('/bord');
  await appReady(page);
  // The cut stream, the refused reconnection, the stream after the renewal.
  await expect.poll(() => streams.count).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('board-live')).toHaveAttribute('data-live', 'on');
  await expect(page.getByTestId('board-live')).toHaveText('');

  // Live again: a move made elsewhere shows up without a reload.
  const { card, to } = movable(await boardData(page), info);
  const res = await page.request.post(`/api/cases/${card.id}/moves`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { to_stage: to.id, expected_version: card.version, reason: 'e2e: live after renewal' },
  });
  expect(res.status()).toBe(200);
  await expect(page.getByTestId(`column-${to.key}`).locator(`[data-case="${card.id}"]`)).toBeVisible({ timeout: 5000 });
});

test('a board whose session ended says live updates stopped and offers to sign in again', async ({ page }) => {
  await signIn(page, 'coordinator');
  await breakStreamOnce(page, ['zr_access', 'zr_refresh']);
  await page.goto('/bord');
  await appReady(page);
  const live = page.getByTestId('board-live');
  await expect(live).toHaveAttribute('data-live', 'ended');
  await expect(live).toContainText('Uw sessie is afgelopen');
  await expectAccessible(page, '/bord, live updates stopped');
  await live.getByRole('link', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
});

test('a board whose user may no longer see it gives way to "no access" and stops asking', async ({ browser, page }, info) => {
  await signIn(page, 'professional');
  const me = await (await page.request.get('/api/auth/me')).json();
  const membership = me.memberships.find((m) => m.role === 'professional');
  const change = { role: 'professional', municipality_id: membership.municipality_id, organisation_id: membership.organisation_id };
  let streams = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/cases/events')) streams += 1; });
  await page.goto('/bord');
  await appReady(page);
  await expect(page.getByTestId('board-live')).toHaveAttribute('data-live', 'on');

  const other = await browser.newContext();
  const admin = await other.newPage();
  await signIn(admin, 'admin');
  const revoked = await admin.request.post(`/api/admin/users/${me.id}/memberships/remove`, { headers: { 'x-zorgroute-csrf': '1' }, data: change });
  expect(revoked.status()).toBe(200);
  try {
    // The next change on the board ends the stream of a user who may no longer see it; the
    // browser's reconnection is refused.
    await signIn(admin, 'coordinator');
    const { card, to } = movable(await boardData(admin), info);
    const moved = await admin.request.post(`/api/cases/${card.id}/moves`, {
      headers: { 'x-zorgroute-csrf': '1' },
      data: { to_stage: to.id, expected_version: card.version, reason: 'e2e: access withdrawn' },
    });
    expect(moved.status()).toBe(200);
    await expect(page.getByTestId('no-access')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('[data-case]')).toHaveCount(0);
    await expect(page.getByTestId('nav').getByRole('link', { name: 'Casusbord' })).toHaveCount(0);
    await expectAccessible(page, '/bord after the role was withdrawn');
    // No stream is asked for any more.
    const asked = streams;
    await page.waitForTimeout(2500);
    expect(streams).toBe(asked);
  } finally {
    await signIn(admin, 'admin');
    const restored = await admin.request.post(`/api/admin/users/${me.id}/memberships`, { headers: { 'x-zorgroute-csrf': '1' }, data: change });
    expect(restored.status()).toBe(200);
    await other.close();
  }
});

test('the flow insight page shows lead time, the CFD and exports CSV', async ({ page }) => {
  await signIn(page, 'coordinator');
  await page.goto('/bord');
  await appReady(page);
  await page.getByTestId('insight-link').click();
  await expect(page).toHaveURL(/\/bord\/inzicht$/);
  // Months with one decimal, written the Dutch way.
  await expect(page.getByTestId('lead-median')).toHaveText(/^\d+,\d$/);
  expect(await page.getByTestId('cfd').locator('path').count()).toBe(7);
  // Lead time per outcome, each outcome by its name.
  const outcomes = page.getByRole('region', { name: 'Doorlooptijd per uitkomst' }).getByRole('rowheader');
  await expect(outcomes.filter({ hasText: 'Reguliere groep' })).toHaveCount(1);
  await expect(outcomes.filter({ hasText: /_/ })).toHaveCount(0);
  await expectAccessible(page, '/bord/inzicht');
  // Another period, kept in the URL: the chart, the figures and the file are about it.
  await expect(page.getByLabel('Tot en met (datum)')).toHaveValue(dutchDay());
  await page.getByLabel('Vanaf (datum)').fill('2026-01-01');
  await page.getByTestId('insight-show').click();
  await expect(page).toHaveURL(/\/bord\/inzicht\?from=2026-01-01&to=\d{4}-\d\d-\d\d$/);
  await expect(page.locator('figure.chart figcaption span').first()).toHaveText(/^01-01-2026 – \d\d-\d\d-\d{4}$/);
  await expect(page.getByLabel('Vanaf (datum)')).toHaveValue('2026-01-01');
  expect(await page.getByTestId('cfd').locator('path').count()).toBe(7);
  // The months closed per month as figures too, each by its name and year.
  await page.getByText('De cijfers per maand').click();
  await expect(page.getByTestId('throughput-table').getByRole('rowheader').first()).toHaveText('jan 2026');
  await expectAccessible(page, '/bord/inzicht over a chosen period');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-metrics').click()]);
  expect(download.suggestedFilename()).toBe('zorgroute-doorlooptijd.csv');
  // The page's figures, named in its language, with Dutch decimals (a Dutch spreadsheet reads
  // "250.5" as 2505), the outcomes by their names.
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split('\n');
  expect(csv[0]).toBe('Kengetal;Waarde');
  expect(csv[1]).toBe('Periode van;2026-01-01');
  expect(csv.find((l) => l.startsWith('Doorlooptijd, mediaan (dagen);'))).toMatch(/;\d+,\d$/);
  expect(csv).toContain('Uitstroom naar;Routes;Mediaan (dagen);85e percentiel (dagen)');
  expect(csv.some((l) => l.startsWith('Reguliere groep;'))).toBe(true);
  expect(csv.some((l) => /^Week van;Signalering;/.test(l))).toBe(true);
  // In English a day is written so that nobody reads 01-02 as the 2nd of January.
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('figure.chart figcaption span').first()).toHaveText(/^1 Jan 2026 – \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await page.getByTestId('lang-switch').click();
});

test('a coordinator of two municipalities chooses whose flow figures they see', async ({ browser, page }) => {
  // The demo coordinator is given a second municipality for this test by the administration.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, 'admin');
  const users = await (await adminPage.request.get('/api/admin/users')).json();
  const coordinator = users.find((u) => u.email === 'coordinator@demo.zorgroute.nl');
  const places = await (await adminPage.request.get('/api/admin/municipalities')).json();
  const bosch = places.find((m) => m.slug === 's-hertogenbosch');
  const organisations = await (await adminPage.request.get('/api/admin/organisations')).json();
  const town = organisations.find((o) => o.name === "Gemeente 's-Hertogenbosch" && o.municipality_ids.includes(bosch.id));
  const change = (verb) => adminPage.request.post(`/api/admin/users/${coordinator.id}/memberships${verb}`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { role: 'coordinator', municipality_id: bosch.id, organisation_id: town.id },
  });
  expect((await change('')).status()).toBe(200);
  try {
    await signIn(page, 'coordinator');
    await page.goto('/bord/inzicht');
    await appReady(page);
    const choice = page.getByLabel('Gemeente', { exact: true });
    await expect(choice.locator('option')).toHaveText(["'s-Hertogenbosch", 'Geldrop-Mierlo']);
    await expectAccessible(page, '/bord/inzicht with a choice of municipality');
    // 's-Hertogenbosch's own route: its stage "Vliegende Brigade" in the time per stage.
    await choice.selectOption({ label: "'s-Hertogenbosch" });
    await page.getByTestId('insight-show').click();
    await expect(page).toHaveURL(new RegExp(`municipality_id=${bosch.id}`));
    await expect(page.getByTestId('stage-table')).toContainText('Vliegende Brigade');
    await expect(choice).toHaveValue(bosch.id);
    // A choice made while the figures load is kept: Geldrop-Mierlo's figures are held back while
    // the coordinator changes their mind back to 's-Hertogenbosch.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/cases/metrics*', async (route) => { await held; await route.continue(); });
    await choice.selectOption({ label: 'Geldrop-Mierlo' });
    await page.getByTestId('insight-show').click();
    await expect(page).not.toHaveURL(new RegExp(bosch.id));
    await choice.selectOption({ label: "'s-Hertogenbosch" });
    const answered = page.waitForResponse('**/api/cases/metrics*');
    release();
    expect((await answered).status()).toBe(200);
    await expect(page.getByTestId('stage-table')).not.toContainText('Vliegende Brigade');
    await expect(choice).toHaveValue(bosch.id);
    await page.getByTestId('insight-show').click();
    await expect(page).toHaveURL(new RegExp(`municipality_id=${bosch.id}`));
    await expect(page.getByTestId('stage-table')).toContainText('Vliegende Brigade');
  } finally {
    expect((await change('/remove')).status()).toBe(200);
    await admin.close();
  }
});

test('a coordinator downloads a child\'s file and anonymises the case on request', async ({ page }, info) => {
  page.on('dialog', (dialog) => dialog.accept());
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const card = mine(board.cards.filter((c) => c.stage_id === stageId(board, 'uitstroom')), info)[0];
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('case-export').click()]);
  const file = JSON.parse((await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, ''));
  expect(file.case.card.id).toBe(card.id);
  expect(file.access_log.some((line) => line.action === 'export')).toBe(true);
  await page.getByTestId('case-anonymise').click();
  await expect(page).toHaveURL(/\/bord$/);
  await expect(page.locator(`[data-testid=case-card][data-child="${card.child}"]`)).toHaveCount(
    board.cards.filter((c) => c.child === card.child).length - 1,
  );
});

test('a long column shows its first 10 cards and the rest on request', async ({ page }, info) => {
  await signIn(page, 'coordinator');
  let board = await boardData(page);
  const exit = board.stages.find((s) => s.terminal);
  // Fill the exit column past 10: move cards from the middle of the board (the other tests take
  // theirs from the ends).
  const open = board.cards.filter((c) => !board.stages.find((s) => s.id === c.stage_id).terminal);
  const middle = open.slice(Math.floor(open.length / 2) - 3, Math.floor(open.length / 2) + 3);
  const need = Math.max(0, 12 - board.cards.filter((c) => c.stage_id === exit.id).length);
  for (const card of middle.slice(info.project.name === 'phone' ? 0 : 3).slice(0, need)) {
    const res = await page.request.post(`/api/cases/${card.id}/moves`, {
      headers: { 'x-zorgroute-csrf': '1' },
      data: { to_stage: exit.id, expected_version: card.version, outcome: 'regular_group', reason: 'test' },
    });
    expect(res.status()).toBe(200);
  }
  board = await boardData(page);
  const total = board.cards.filter((c) => c.stage_id === exit.id).length;
  expect(total).toBeGreaterThan(10);
  await page.goto('/bord');
  await appReady(page);
  const column = page.getByTestId(`column-${exit.key}`);
  await expect(column.getByTestId('case-card')).toHaveCount(10);
  const more = column.getByTestId('column-more');
  await expect(more).toHaveText(`Toon nog ${total - 10} kaarten`);
  // A child who has left shows where to and how long the route took, not days of waiting.
  const left = column.getByTestId('case-card').first();
  await expect(left).toContainText(/Uitkomst: .+doorlooptijd \d+,\d mnd/);
  await expect(left).not.toContainText('in fase');
  await expectAccessible(page, '/bord with a long column');
  // A live update can rebuild the board under the pointer (as for a user, a second click then
  // does it), so the click is retried until the column has opened.
  await expect(async () => {
    if (await more.count()) await more.click();
    await expect(column.getByTestId('case-card')).toHaveCount(total, { timeout: 1500 });
  }).toPass({ timeout: 10_000 });
  await expect(column.getByTestId('column-more')).toHaveCount(0);
});

test('printing the board is logged first, and on paper every card shown is drawn, without buttons', async ({ page }) => {
  await signIn(page, 'professional');
  await page.goto('/bord');
  await appReady(page);
  await expect(page.getByTestId('case-card').first()).toBeVisible();
  // The browser's print command (or Ctrl+P) announces itself: the print is logged before it prints.
  const printed = page.waitForResponse((r) => r.url().endsWith('/api/cases/board/print'));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect((await printed).status()).toBe(204);
  // On paper the columns wrap to the page, cards out of view are drawn too (on screen they are
  // skipped until they scroll near), and the move buttons and page links are left out.
  await page.emulateMedia({ media: 'print' });
  const cards = page.getByTestId('case-card');
  const last = cards.last();
  expect(await last.evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('visible');
  expect(await page.getByTestId('board-columns').first().evaluate((el) => getComputedStyle(el).flexWrap)).toBe('wrap');
  await expect(page.getByTestId('move-open').first()).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  expect(await last.evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('auto');
  await expect(page.getByTestId('move-open').first()).toBeVisible();
});

test('printing the own task list is logged first', async ({ page }) => {
  await signIn(page, 'professional');
  await page.goto('/bord/taken');
  await appReady(page);
  const printed = page.waitForResponse((r) => r.url().endsWith('/api/cases/my-tasks/print'));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect((await printed).status()).toBe(204);
});

test('filters and swimlanes live in the URL', async ({ page }) => {
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const location = 'Korein Geldrop Zuid';
  const expected = board.cards.filter((c) => c.location === location).length;
  await page.goto('/bord');
  await appReady(page);
  // On a phone the filters are folded under their summary (the cards come first); on a wide
  // screen they are open.
  const filters = page.getByTestId('board-filters');
  const phone = (page.viewportSize()?.width ?? 1280) < 900;
  await expect(filters).toHaveJSProperty('open', !phone);
  // Opened (phone) or folded (wide screen) by the user, it stays so when the board is built
  // again (here in the other language).
  await filters.locator('summary').click();
  await expect(filters).toHaveJSProperty('open', phone);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('move-open').first()).toHaveText('Move');
  await expect(filters).toHaveJSProperty('open', phone);
  // The route's stages under their English names.
  await expect(page.getByTestId('column-zorgoverleg').first().locator('.column-title')).toContainText('Care meeting');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('column-zorgoverleg').first().locator('.column-title')).toContainText('Zorgoverleg');
  await expect(page.getByTestId('move-open').first()).toHaveText('Verplaatsen');
  await expect(filters).toHaveJSProperty('open', phone);
  if (!phone) await filters.locator('summary').click();
  await page.getByTestId('filter-location').selectOption(location);
  await expect(page).toHaveURL(/locatie=Korein%20Geldrop%20Zuid/);
  await expect(page.getByTestId('case-card')).toHaveCount(expected);
  await page.getByTestId('filter-lanes').selectOption('mentor');
  await expect(page).toHaveURL(/banen=mentor/);
  await expect(filters.locator('summary')).toHaveText('Filters (1)');
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId('case-card')).toHaveCount(expected);
  // Filters in use: open after a reload on any screen.
  await expect(filters).toHaveJSProperty('open', true);
  await expect(page.getByTestId('filter-location')).toHaveValue(location);
  await expect(page.locator('.lane-title').first()).toBeVisible();
  await expectAccessible(page, '/bord with filters and swimlanes');
});

test('a coordinator adds a stage to the route and removes it again', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'the route is shared by both projects; one edit is enough');
  await signIn(page, 'coordinator');
  await page.goto('/bord');
  await appReady(page);
  await page.getByTestId('route-link').click();
  await expect(page).toHaveURL(/\/bord\/route$/);
  await expect(page.getByTestId('route-stage').first()).toBeVisible();
  const before = await page.getByTestId('route-stage').count();
  await page.getByTestId('route-add').click();
  await expect(page.getByTestId('route-stage')).toHaveCount(before + 1);
  await page.getByLabel(`Fase ${before}`, { exact: true }).fill('Vliegende Brigade');
  await page.getByTestId('route-save').click();
  await expect(page.getByTestId('route-status')).toHaveText('De route is opgeslagen.');
  await expectAccessible(page, '/bord/route');
  await page.goto('/bord');
  await appReady(page);
  await expect(page.getByTestId('column-vliegende-brigade')).toBeVisible();

  await page.goto('/bord/route');
  await appReady(page);
  await page.getByTestId('route-stage').nth(before - 1).getByTestId('route-remove').click();
  await page.getByTestId('route-save').click();
  await expect(page.getByTestId('route-status')).toHaveText('De route is opgeslagen.');
  await expect(page.getByTestId('route-stage')).toHaveCount(before);
});

test('the team writes a note, a plan evaluation and a task on the case page', async ({ page }, info) => {
  await signIn(page, 'professional');
  const board = await boardData(page);
  const card = mine(board.cards.filter((c) => !board.stages.find((s) => s.id === c.stage_id).terminal), info)[0];
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  // A task being typed while a note is saved; the note's first save fails (the server is
  // unavailable): the note is kept to try again, and the task stays as typed throughout.
  await page.getByTestId('task-title').fill('Verslag naar JGZ sturen');
  await page.getByTestId('note-body').fill('Logopedie is gestart, twee keer per week.');
  let refuse = true;
  await page.route(`**/api/cases/${card.id}/notes`, (route) => (refuse && route.request().method() === 'POST'
    ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ status: 503, code: 'unavailable', message: 'The database is unavailable.' }) })
    : route.fallback()));
  await page.getByTestId('note-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Zorgroute is even niet bereikbaar' })).toBeVisible();
  await expect(page.getByTestId('note-body')).toHaveValue('Logopedie is gestart, twee keer per week.');
  await expect(page.getByTestId('task-title')).toHaveValue('Verslag naar JGZ sturen');
  refuse = false;
  // Saved with the keyboard: the case is drawn again and the focus is back on the button.
  await page.getByTestId('note-save').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('note').first()).toContainText('Logopedie is gestart');
  await expect(page.getByTestId('note-save')).toBeFocused();
  await expect(page.getByTestId('note-body')).toHaveValue('');
  await expect(page.getByTestId('task-title')).toHaveValue('Verslag naar JGZ sturen');
  await page.getByLabel('Wat is er besproken').fill('Noemt nu 15 woorden.');
  await page.getByTestId('evaluation-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'de volgende staat over 6 weken' })).toBeVisible();
  await expect(page.getByText('Noemt nu 15 woorden.').first()).toBeVisible();
  await expect(page.getByTestId('case-history')).toContainText('Evaluatie: Noemt nu 15 woorden.');
  await page.getByTestId('task-save').click();
  const task = page.getByTestId('task').filter({ hasText: 'Verslag naar JGZ sturen' });
  await expect(task).toBeVisible();
  await task.getByTestId('task-done').focus();
  await page.keyboard.press('Enter');
  await expect(task.locator('.done')).toBeVisible();
  // Its button is gone: the focus stays in the tasks (the next one's button, or their heading).
  await expect.poll(() => page.evaluate(() => document.activeElement.closest('section')?.getAttribute('aria-labelledby'))).toBe('tasks-heading');
  // The timeline puts it all in one list, newest first.
  const timeline = page.getByTestId('case-history');
  await expect(timeline).toContainText('Notitie: Logopedie is gestart');
  await expect(timeline).toContainText('Taak gedaan: Verslag naar JGZ sturen');
  await expect(timeline).toContainText('Naar fase');
  await expectAccessible(page, '/bord/casus with notes, plan and tasks');
});

// Follows a link of the app without loading the page again (as the app's own links do).
const inApp = (page, path) => page.evaluate((to) => {
  history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
}, path);

test('what is typed on a case page waits there while its user looks elsewhere, for them only, and the tab asks before it closes with it', async ({ page }, info) => {
  await signIn(page, 'professional');
  const board = await boardData(page);
  const [a, b] = mine(board.cards.filter((c) => !board.stages.find((s) => s.id === c.stage_id).terminal), info);
  await page.goto(`/bord/casus/${a.id}`);
  await appReady(page);
  await page.getByTestId('note-body').fill('Concept: moeder belt vrijdag terug.');
  await page.getByTestId('task-title').fill('Verslag opvragen');
  // To the board by the header's link, to another case, and back: the forms hold what was typed.
  await page.locator('header.site-header').getByRole('link', { name: 'Casusbord' }).click();
  await expect(page).toHaveURL(/\/bord$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Casusbord');
  await inApp(page, `/bord/casus/${b.id}`);
  await expect(page.getByTestId('case-child')).toHaveText(b.child);
  await expect(page.getByTestId('note-body')).toHaveValue('');
  await inApp(page, `/bord/casus/${a.id}`);
  await expect(page.getByTestId('case-child')).toHaveText(a.child);
  await expect(page.getByTestId('note-body')).toHaveValue('Concept: moeder belt vrijdag terug.');
  await expect(page.getByTestId('task-title')).toHaveValue('Verslag opvragen');

  // Closing or reloading the tab now asks first; leaving anyway drops the drafts (they were
  // never stored).
  const asked = [];
  page.on('dialog', (dialog) => { asked.push(dialog.type()); dialog.accept(); });
  await page.reload();
  await appReady(page);
  expect(asked).toEqual(['beforeunload']);
  await expect(page.getByTestId('note-body')).toHaveValue('');

  // Another user signed in on this browser never sees a draft of the one before.
  await page.getByTestId('note-body').fill('Alleen voor de medewerker.');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-link')).toBeVisible();
  await inApp(page, '/inloggen');
  await page.getByLabel('E-mailadres').fill('coordinator@demo.zorgroute.nl');
  await page.getByLabel('Wachtwoord').fill('Zorgroute-demo-2026');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByTestId('logout')).toBeVisible();
  await inApp(page, `/bord/casus/${a.id}`);
  await expect(page.getByTestId('case-child')).toHaveText(a.child);
  await expect(page.getByTestId('note-body')).toHaveValue('');
  // Nothing kept: the tab closes without asking.
  await page.reload();
  await appReady(page);
  expect(asked).toEqual(['beforeunload']);
});

test('a case page says when a colleague changed the case meanwhile and shows the latest version on request', async ({ browser, page }, info) => {
  await signIn(page, 'professional');
  const board = await boardData(page);
  const card = mine(board.cards.filter((c) => !board.stages.find((s) => s.id === c.stage_id).terminal), info)[0];
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  const changed = page.getByTestId('case-changed');
  // The user's own change reloads the page; it is not announced as someone else's.
  await page.getByTestId('note-body').fill('Eigen notitie: moeder belt vrijdag.');
  await page.getByTestId('note-save').click();
  await expect(page.getByTestId('note').first()).toContainText('Eigen notitie');
  await page.waitForTimeout(2000);
  await expect(changed).toBeEmpty();

  // The coordinator writes a note on the same case from another browser.
  const other = await browser.newContext();
  const colleague = await other.newPage();
  await signIn(colleague, 'coordinator');
  const text = `Notitie van de coördinator ${info.project.name} ${Date.now()}`;
  const res = await colleague.request.post(`/api/cases/${card.id}/notes`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { body: text, visibility: 'team' },
  });
  expect(res.status()).toBe(201);
  await other.close();

  // What is on screen stays (a note being typed is not lost); the page says there is more.
  await page.getByTestId('note-body').fill('Half getypt');
  await expect(changed).toContainText('Deze casus is intussen elders gewijzigd.', { timeout: 5000 });
  await expect(page.getByText(text)).toHaveCount(0);
  await expect(page.getByTestId('note-body')).toHaveValue('Half getypt');
  await expectAccessible(page, '/bord/casus changed elsewhere');
  await changed.getByTestId('case-reload').click();
  await expect(page.getByTestId('note').filter({ hasText: text })).toBeVisible();
  await expect(changed).toBeEmpty();
});

test('an observation report is attached, downloaded as it was, refused when not a PDF or image, and removed', async ({ page }, info) => {
  await signIn(page, 'professional');
  const board = await boardData(page);
  const card = mine(board.cards.filter((c) => !board.stages.find((s) => s.id === c.stage_id).terminal), info)[0];
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const name = `observatie-${info.project.name}.pdf`;
  // The browser says why before sending: a web page is not an attachment.
  await page.getByTestId('attachment-file').setInputFiles({ name: 'pagina.html', mimeType: 'text/html', buffer: Buffer.from('<p>x</p>') });
  await page.getByTestId('attachment-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'kies een PDF, PNG of JPEG' })).toBeVisible();
  await page.getByTestId('attachment-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
  await page.getByTestId('attachment-save').click();
  const item = page.getByTestId('attachment').filter({ hasText: name });
  await expect(item).toBeVisible();
  await expect(page.getByTestId('case-history')).toContainText(`Bijlage toegevoegd: ${name}`);
  await expectAccessible(page, '/bord/casus with an attachment');
  const download = page.waitForEvent('download');
  await item.getByRole('link', { name }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(name);
  expect((await readFile(await file.path())).equals(pdf)).toBe(true);
  await item.getByTestId('attachment-remove').click();
  await expect(page.getByTestId('attachment').filter({ hasText: name })).toHaveCount(0);
});

test('a coordinator shows the access overview of a child for the parents', async ({ page }, info) => {
  await signIn(page, 'coordinator');
  const board = await boardData(page);
  const card = mine(board.cards, info)[1];
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  // Printing the page (the button or the browser's own command) is logged before it prints
  // (once the case is on the page: what it prints).
  await expect(page.getByTestId('case-child')).toBeVisible();
  const printed = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${card.id}/print`));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect((await printed).status()).toBe(204);
  await page.getByTestId('access-show').click();
  const table = page.getByTestId('access-table');
  // In the reader's words, not the log's codes.
  const own = table.locator('tr', { hasText: 'Noor Jansen' });
  await expect(own.filter({ hasText: 'Dossier ingezien' }).first()).toContainText('Noor Jansen (Coördinator)');
  await expect(own.filter({ hasText: 'Dossier ingezien' }).first()).toContainText('coördinator van de gemeente');
  await expect(own.filter({ hasText: 'Dossier afgedrukt' }).first()).toContainText('uitgevoerd');
  await expect(table).not.toContainText('case file');
  await expect(table).not.toContainText('coordinator of the municipality');
  await expectAccessible(page, '/bord/casus access overview');
  await page.getByTestId('lang-switch').click();
  await expect(own.filter({ hasText: 'Viewed the file' }).first()).toContainText('coordinator of the municipality');
  await page.getByTestId('lang-switch').click();
  // With the overview open, it is printed too, and the line says so.
  const again = page.waitForResponse((r) => r.url().endsWith(`/api/cases/${card.id}/print`));
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  expect((await again).status()).toBe(204);
  const log = await (await page.request.get(`/api/cases/${card.id}/access-log`)).json();
  expect(log.filter((l) => l.action === 'print').map((l) => l.data).slice(-2))
    .toEqual(['case page', 'case page with the access overview']);
});

test('a coordinator searches the access log for refused attempts by one person, the search kept in the URL', async ({ browser, page }, info) => {
  // A professional asks for a child's access overview, which only coordinators may see.
  const other = await browser.newContext();
  const pm = await other.newPage();
  await signIn(pm, 'professional');
  const board = await boardData(pm);
  const card = mine(board.cards, info)[0];
  expect((await pm.request.get(`/api/cases/${card.id}`)).status()).toBe(200);
  expect((await pm.request.get(`/api/cases/${card.id}/access-log`)).status()).toBe(403);
  await other.close();

  await signIn(page, 'coordinator');
  await page.goto('/bord');
  await appReady(page);
  await page.getByTestId('logbook-link').click();
  await expect(page).toHaveURL(/\/bord\/logboek$/);
  await expect(page.getByTestId('logbook-line').first()).toBeVisible();
  // The page says that reading it leaves lines of its own.
  await expect(page.getByTestId('logbook')).toContainText('elke zoekopdracht, download en afdruk hier staat zelf ook in het logboek');
  await page.getByTestId('logbook-outcome').selectOption('denied');
  await page.getByLabel('Naam van wie het deed').fill('Sanne');
  await page.getByTestId('logbook-search').click();
  await expect(page).toHaveURL(/outcome=denied/);
  await expect(page).toHaveURL(/who=Sanne/);
  const refused = page.getByTestId('logbook-line').filter({ hasText: card.child });
  await expect(refused.filter({ hasText: 'Dit overzicht ingezien' }).first()).toContainText('Sanne de Vries');
  await expect(refused.first()).toContainText('geweigerd');
  // Every line of the answer (the earlier table stays on screen until the answer is there).
  await expect.poll(async () => (await page.getByTestId('logbook-line').allTextContents())
    .every((line) => line.includes('geweigerd'))).toBe(true);
  // The search downloaded: all its lines, in the table's words and columns.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('logbook-download').click()]);
  expect(file.suggestedFilename()).toBe(`zorgroute-logboek-${dutchDay()}.csv`);
  const csv = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
  const headings = await page.getByTestId('logbook-table').locator('thead th').allTextContents();
  expect(csv[0]).toBe(headings.join(';'));
  expect(csv.length - 1).toBe(await page.getByTestId('logbook-line').count());
  expect(csv.slice(1).every((l) => l.includes(';Sanne de Vries') && l.includes(';geweigerd;'))).toBe(true);
  expect(csv.some((l) => l.includes(`;Dit overzicht ingezien;`) && l.includes(`;${card.child};`))).toBe(true);
  await expect(page.getByTestId('logbook-status')).toHaveText('Het bestand met de regels van deze zoekopdracht is gedownload.');
  // A print of the page shown (the browser's command) is logged as one of the log, with its
  // search; on paper a wide table wraps to the page instead of being cut off where it scrolled.
  const printed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cases/access-log/print');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const print = await printed;
  expect(print.status()).toBe(204);
  expect(new URL(print.url()).searchParams.get('who')).toBe('Sanne');
  const scroll = page.locator('.table-scroll').filter({ has: page.getByTestId('logbook-table') });
  await page.emulateMedia({ media: 'print' });
  expect(await scroll.evaluate((el) => getComputedStyle(el).overflowX)).toBe('visible');
  await page.emulateMedia({ media: 'screen' });
  expect(await scroll.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
  // Nothing of a line is hidden to the right, also on a phone: there a line is a card, each
  // cell under its column's name.
  expect(await scroll.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expectAccessible(page, '/bord/logboek searched and downloaded');
  // The URL is the search: opened again, it shows the same lines; the child's name leads to the case.
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId('logbook-outcome')).toHaveValue('denied');
  await refused.first().getByRole('link', { name: card.child }).click();
  await expect(page).toHaveURL(new RegExp(`/bord/casus/${card.id}$`));

  // A move reads with the name of the stage it went to.
  const { card: moved, to } = movable(await boardData(page), info);
  expect((await page.request.get(`/api/cases/${moved.id}`)).status()).toBe(200);
  const res = await page.request.post(`/api/cases/${moved.id}/moves`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { to_stage: to.id, expected_version: moved.version, reason: 'e2e: logbook' },
  });
  expect(res.status()).toBe(200);
  // Narrowed to changes: the move is there, the reads of the file are not.
  await page.goto(`/bord/logboek?who=Noor&child=${encodeURIComponent(moved.child.split(' ')[0])}&kind=change`);
  await appReady(page);
  await expect(page.getByTestId('logbook-kind')).toHaveValue('change');
  await expect(page.getByTestId('logbook-line').filter({ hasText: `Fase gewijzigd: ${to.name}` }).first())
    .toContainText(moved.child);
  await expect(page.getByTestId('logbook-line').filter({ hasText: 'Dossier ingezien' })).toHaveCount(0);
  // All kinds again: the read is there too.
  await page.getByTestId('logbook-kind').selectOption('');
  await page.getByTestId('logbook-search').click();
  await expect(page.getByTestId('logbook-line').filter({ hasText: 'Dossier ingezien' }).first()).toContainText(moved.child);
  // Lines about no one child: the board looked at, the log itself searched (the searches above).
  await page.goto('/bord/logboek?who=Noor&kind=read');
  await appReady(page);
  await expect(page.getByTestId('logbook-line').filter({ hasText: 'Bord bekeken' }).first()).toContainText('—');
  await expect(page.getByTestId('logbook-line').filter({ hasText: 'Logboek doorzocht' }).first())
    .toContainText('coördinator van de gemeente');
  // The download and the print above, among what left the screen.
  await page.goto('/bord/logboek?who=Noor&kind=shared');
  await appReady(page);
  for (const deed of ['Logboek gedownload', 'Logboek afgedrukt']) {
    await expect(page.getByTestId('logbook-line').filter({ hasText: deed }).first()).toContainText('—');
  }
  await expectAccessible(page, '/bord/logboek with lines about no one child');
  // While the next search is answered, the lines shown are marked busy (for screen readers).
  await page.route((url) => url.pathname === '/api/cases/access-log' && url.searchParams.get('kind') === 'change',
    async (route) => { await new Promise((r) => setTimeout(r, 1000)); await route.continue(); });
  const results = page.getByTestId('logbook-results');
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await page.getByTestId('logbook-kind').selectOption('change');
  await page.getByTestId('logbook-search').click();
  await expect(results).toHaveAttribute('aria-busy', 'true');
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('logbook-line').filter({ hasText: 'Bord bekeken' })).toHaveCount(0);
});

test('a professional signals a new child, who starts at the first stage; the name is shown as text', async ({ page }, info) => {
  await signIn(page, 'professional');
  await page.goto('/bord');
  await appReady(page);
  await page.getByTestId('signal-new').click();
  await expect(page).toHaveURL(/\/bord\/nieuw$/);
  await expect(page.getByTestId('signal-form')).toBeVisible();
  // No error box before there is an error.
  await expect(page.getByTestId('signal-error')).toBeHidden();
  await expectAccessible(page, '/bord/nieuw');
  const name = `Ayla-${info.project.name} <img src=x onerror=window.__xss=1>`;
  await page.getByLabel('Voornaam van het kind').fill(name);
  await page.getByLabel('Eerste letter van de achternaam').fill('K');
  await page.getByLabel('Geboortedatum').fill('2030-01-01');
  await page.getByLabel('Spraak en taal', { exact: true }).check();
  await page.getByTestId('signal-save').click();
  await expect(page.getByTestId('signal-error')).toContainText('niet in de toekomst');
  // What was typed waits, unsaved, while the user looks at the board; it is back in the form.
  await page.getByLabel('Het kind heeft een VE-indicatie').check();
  const locations = page.getByLabel('Locatie', { exact: true });
  const lastLocation = await locations.locator('option').last().getAttribute('value');
  await locations.selectOption(lastLocation);
  await page.getByRole('link', { name: 'Terug naar het bord' }).click();
  await expect(page).toHaveURL(/\/bord$/);
  await page.getByTestId('signal-new').click();
  await expect(page.getByTestId('signal-form')).toBeVisible();
  await expect(page.getByLabel('Voornaam van het kind')).toHaveValue(name);
  await expect(page.getByLabel('Eerste letter van de achternaam')).toHaveValue('K');
  await expect(page.getByLabel('Geboortedatum')).toHaveValue('2030-01-01');
  await expect(page.getByLabel('Spraak en taal', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Het kind heeft een VE-indicatie')).toBeChecked();
  await expect(locations).toHaveValue(lastLocation);
  await page.getByLabel('Het kind heeft een VE-indicatie').uncheck();

  await page.getByLabel('Geboortedatum').fill('2024-02-10');
  await page.getByLabel('Naam van de ouder of verzorger').fill('Meryem K.');
  await page.getByLabel('Relatie tot het kind (bijvoorbeeld moeder)').fill('moeder');
  await page.getByLabel('Telefoonnummer').fill('06 1234 5678');
  await page.getByTestId('signal-save').click();
  await expect(page).toHaveURL(/\/bord\/casus\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('case-child')).toHaveText(`${name} K.`);
  await expect(page.getByTestId('guardian')).toContainText('Meryem K. (moeder) · 06 1234 5678');
  // A second contact added on the case page (a phone number that is not one is refused, and
  // what was typed stays to correct), the first one removed.
  await page.getByLabel('Naam van de ouder of verzorger').fill('Yusuf K.');
  await page.getByLabel('Telefoonnummer').fill('bel mij');
  await page.getByTestId('guardian-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Vul bij de ouder een naam in, en een telefoonnummer of e-mailadres.' })).toBeVisible();
  await expect(page.getByLabel('Naam van de ouder of verzorger')).toHaveValue('Yusuf K.');
  await expect(page.getByTestId('guardian')).toHaveCount(1);
  await page.getByLabel('Telefoonnummer').fill('');
  await page.getByLabel('E-mailadres van de ouder').fill('yusuf@example.nl');
  await page.getByTestId('guardian-save').click();
  await expect(page.getByTestId('guardian')).toHaveCount(2);
  await page.getByRole('button', { name: 'Verwijderen Meryem K.' }).click();
  await expect(page.getByTestId('guardian')).toHaveCount(1);
  await expect(page.getByTestId('guardian')).toContainText('Yusuf K. · yusuf@example.nl');

  // Saved: a next first signal starts with an empty form, and the tab closes without asking.
  await page.locator('header.site-header').getByRole('link', { name: 'Casusbord' }).click();
  await expect(page).toHaveURL(/\/bord$/);
  await page.getByTestId('signal-new').click();
  await expect(page.getByLabel('Voornaam van het kind')).toHaveValue('');
  await expect(page.getByLabel('Spraak en taal', { exact: true })).not.toBeChecked();
  const asked = [];
  page.on('dialog', (dialog) => { asked.push(dialog.type()); dialog.accept(); });
  await page.goto('/bord');
  await appReady(page);
  expect(asked).toEqual([]);
  const card = page.getByTestId('column-signalering').locator(`[data-child="${name} K."]`);
  await expect(card).toBeVisible();
  await expect(card.getByRole('link')).toHaveText(`${name} K.`);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('the own organisation adds the JGZ nurse to the team; she sees the child once the parents consent', async ({ browser, page }, info) => {
  test.skip(info.project.name === 'phone', 'shared demo data; one round is enough');
  await signIn(page, 'professional');
  const board = await boardData(page);
  const created = await page.request.post('/api/cases', {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { child_first_name: 'Ties', child_initial: 'M', birth_date: '2024-03-03', location_id: board.locations[0].id },
  });
  expect(created.status()).toBe(201);
  const { card } = await created.json();
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  await expect(page.getByTestId('team-member')).toHaveCount(1);
  await page.getByLabel('Wie komt erbij?').selectOption({ label: 'Ilse Verhoeven — Jeugdgezondheidszorg GGD Brabant-Zuidoost (ziet het kind pas na toestemming van de ouders)' });
  // A role of spaces only passes the browser; the server's refusal says what the form needs.
  const role = page.getByLabel('Rol bij dit kind (bijvoorbeeld logopedist)');
  await role.fill('   ');
  await page.getByTestId('team-add-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Schrijf de rol bij dit kind, in 1 tot 60 tekens.' })).toBeVisible();
  await expect(page.getByTestId('team-member')).toHaveCount(1);
  await role.fill('JGZ-verpleegkundige');
  await page.getByTestId('team-add-save').click();
  await expect(page.getByTestId('team-member')).toHaveCount(2);
  await expect(page.getByTestId('team-member').filter({ hasText: 'Ilse Verhoeven' })).toContainText('JGZ-verpleegkundige');
  await expectAccessible(page, '/bord/casus with the team form');
  // What the child needs: saved at the version on screen, shown again after a reload.
  await page.getByLabel('Ondersteuningsbehoefte').selectOption('not_fitting');
  await page.getByLabel('Mentor', { exact: true }).selectOption({ label: 'Ilse Verhoeven' });
  await page.getByTestId('profile-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'De gegevens zijn opgeslagen.' })).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel('Ondersteuningsbehoefte')).toHaveValue('not_fitting');
  await expect(page.getByLabel('Mentor', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

  const other = await browser.newContext();
  const nurse = await other.newPage();
  await signIn(nurse, 'jgz');
  expect((await nurse.request.get(`/api/cases/${card.id}`)).status()).toBe(404);
  // Her page says so in words, not "something went wrong".
  await nurse.goto(`/bord/casus/${card.id}`);
  await appReady(nurse);
  await expect(nurse.getByRole('alert')).toHaveText('Dit bestaat niet (meer), of u heeft er geen toegang toe.');
  const ggd = (await (await page.request.get('/api/cases/partners')).json()).find((p) => p.name === 'Jeugdgezondheidszorg GGD Brabant-Zuidoost');
  const today = dutchDay();
  const consent = await page.request.post(`/api/cases/${card.id}/consents`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { given_by: 'Vader', given_on: today, method: 'paper', organisation_ids: [ggd.id], valid_until: '2027-06-30' },
  });
  expect(consent.status()).toBe(201);
  await nurse.goto(`/bord/casus/${card.id}`);
  await appReady(nurse);
  await expect(nurse.getByTestId('case-child')).toHaveText('Ties M.');
  await other.close();

  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'Uit het team halen Ilse Verhoeven' }).click();
  await expect(page.getByTestId('team-member')).toHaveCount(1);
});

// A mail choice on /bord/taken: turned off, it stays off across a reload while the `others` stay
// on; then on again.
async function turnOffAndOn(page, box, others = []) {
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'U krijgt deze e-mail niet meer.' })).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(box).not.toBeChecked();
  for (const other of others) await expect(other).toBeChecked();
  await box.check();
  await expect(page.getByRole('status').filter({ hasText: 'U krijgt deze e-mail voortaan.' })).toBeVisible();
}

test('a professional sees their open tasks over all their children, overdue first, marks one done, chooses the mails about their work and sees new work arrive live', async ({ browser, page }, info) => {
  await signIn(page, 'professional');
  const me = await (await page.request.get('/api/auth/me')).json();
  const board = await boardData(page);
  const open = board.cards.filter((c) => (c.team ?? []).some((m) => m.user_id === me.id)
    && !board.stages.find((s) => s.id === c.stage_id).terminal);
  const card = mine(open, info)[0];
  const title = `Verslag nasturen (${info.project.name})`;
  const yesterday = dutchDay(-1);
  const created = await page.request.post(`/api/cases/${card.id}/tasks`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { title, assignee_id: me.id, due_on: yesterday },
  });
  expect(created.status()).toBe(201);
  // One that stays open (the keyboard's place in the list, below).
  const later = await page.request.post(`/api/cases/${card.id}/tasks`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { title: `Later (${info.project.name})`, assignee_id: me.id },
  });
  expect(later.status()).toBe(201);
  await page.goto('/bord');
  await appReady(page);
  await page.getByTestId('my-tasks-link').click();
  await expect(page).toHaveURL(/\/bord\/taken$/);
  // Grouped by when they are due, the overdue ones on top, each with its child and stage.
  const groups = page.getByTestId('my-tasks-group');
  await expect(groups.first()).toHaveAttribute('data-due', 'Overdue');
  await expect(groups.first().getByRole('heading')).toContainText('Te laat');
  const task = groups.first().getByTestId('my-task').filter({ hasText: title });
  await expect(task).toContainText(card.child);
  await expectAccessible(page, '/bord/taken');
  // The morning mail about overdue tasks, then the mail about new work from colleagues: each off
  // on its own, and it stays off; then on again.
  const mail = page.getByLabel(/e-mail als een taak te laat is/);
  await turnOffAndOn(page, mail);
  await turnOffAndOn(page, page.getByLabel(/e-mail als iemand mij een taak geeft/), [mail]);
  await task.getByRole('button', { name: `Afgerond: ${title}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De taak is afgerond.' })).toBeVisible();
  await expect(page.getByTestId('my-task').filter({ hasText: title })).toHaveCount(0);
  // A colleague gives them a task meanwhile: it appears without a reload, and the keyboard's
  // place stays on the task it was on, though the new one comes before it in the list.
  const done = page.getByRole('button', { name: new RegExp(`^Afgerond: Later \\(${info.project.name}\\)`) }).first();
  await done.focus();
  const focused = await done.getAttribute('id');
  const other = await browser.newContext();
  const colleague = await other.newPage();
  await signIn(colleague, 'coordinator');
  const given = `Aanvraag nakijken (${info.project.name} ${Date.now()})`;
  const res = await colleague.request.post(`/api/cases/${card.id}/tasks`, {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { title: given, assignee_id: me.id },
  });
  expect(res.status()).toBe(201);
  await other.close();
  await expect(page.getByTestId('my-task').filter({ hasText: given })).toBeVisible({ timeout: 5000 });
  await expect(page.locator(`#${focused}`)).toBeFocused();
  // The case page has it done as well: one list, two ways in.
  await page.goto(`/bord/casus/${card.id}`);
  await appReady(page);
  await expect(page.getByTestId('task').filter({ hasText: title }).locator('.done')).toBeVisible();
});

test('a parent answers a mailed consent request on a page in plain words, once, without an account, and withdraws it with the same link', async ({ browser, page }, info) => {
  await signIn(page, 'professional');
  const board = await boardData(page);
  const email = `ouder-${info.project.name}-${Date.now()}@example.nl`;
  const res = await page.request.post('/api/cases', {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { child_first_name: 'Mila', child_initial: 'K', birth_date: '2024-03-01', location_id: board.locations[0].id },
  });
  expect(res.status()).toBe(201);
  const id = (await res.json()).card.id;
  await page.goto(`/bord/casus/${id}`);
  await appReady(page);
  const ask = page.getByTestId('consent-mail');
  await ask.getByTestId('consent-ask-open').click();
  await ask.getByLabel('Naam van de ouder aan wie u het vraagt').fill('Fatima');
  await ask.getByLabel('E-mailadres van die ouder').fill(email);
  await ask.getByLabel('Jeugdgezondheidszorg GGD Brabant-Zuidoost').check();
  await ask.getByTestId('consent-ask-send').click();
  await expect(page.getByRole('status').filter({ hasText: 'De vraag is verstuurd.' })).toBeVisible();
  await expect(page.getByTestId('consent-request').first()).toContainText('wacht op antwoord');
  // The timeline has it: asked of whom, by whom.
  await expect(page.getByTestId('timeline-entry').first())
    .toContainText('Toestemming per e-mail gevraagd aan: Fatima · Sanne de Vries');
  await expectAccessible(page, '/bord/casus consent asked by mail');

  // The mail, as the outbox holds it: who asks and the link, not the child.
  const admin = await browser.newContext();
  const office = await admin.newPage();
  await signIn(office, 'admin');
  const mail = (await (await office.request.get('/api/admin/outbox')).json()).find((m) => m.to === email);
  await admin.close();
  expect(mail.body).not.toContain('Mila');
  const link = new URL(mail.body.split(/\s+/).find((w) => w.includes('/toestemming#')));

  // The parent, signed in nowhere, reads what is asked and says yes.
  const home = await browser.newContext();
  const parent = await home.newPage();
  await parent.goto(link.pathname + link.hash);
  await appReady(parent);
  await expect(parent.getByTestId('consent-asks')).toContainText('Mila K.');
  await expect(parent.getByTestId('consent-partners')).toContainText('Jeugdgezondheidszorg GGD Brabant-Zuidoost');
  await expectAccessible(parent, '/toestemming');
  await parent.getByTestId('consent-yes').click();
  await expect(parent.getByLabel('Uw naam')).toBeFocused();
  await parent.getByLabel('Uw naam').fill('Fatima El Amrani');
  await parent.getByLabel('Wilt u de kinderopvang iets laten weten?').fill('Bel mij gerust als er iets is.');
  await parent.getByTestId('consent-yes').click();
  await expect(parent.getByTestId('consent-answered')).toContainText('U heeft toestemming gegeven.');
  // Answered once: the link now shows the yes, with the way to withdraw it.
  await parent.reload();
  await appReady(parent);
  // A day in words for parents: "7 december 2026".
  const today = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' })
    .format(new Date());
  await expect(parent.getByTestId('consent-answered')).toContainText(`U heeft op ${today} toestemming gegeven.`);
  await expect(parent.getByTestId('consent-yes')).toHaveCount(0);
  await expectAccessible(parent, '/toestemming given');

  // The team's open page learns of the answer live, and shows the consent, given digitally by
  // the name she wrote.
  const changed = page.getByTestId('case-changed');
  await expect(changed).toContainText('Deze casus is intussen elders gewijzigd');
  await page.getByTestId('case-reload').click();
  await expect(page.getByTestId('consent').first()).toContainText('Fatima El Amrani');
  await expect(page.getByTestId('consent-request').first()).toContainText('toestemming gegeven');
  await expect(changed).toBeEmpty();
  // The timeline puts the yes after the question: at the moment it was given.
  await expect(page.getByTestId('timeline-entry').first())
    .toContainText('Toestemming gegeven door: Fatima El Amrani · “Bel mij gerust als er iets is.”');
  // One line of words, as it reads (not its parts laid out apart).
  expect(await page.getByTestId('timeline-entry').first().innerText())
    .toMatch(/^\d\d-\d\d-\d{4} · Toestemming gegeven door: Fatima El Amrani · “Bel mij gerust als er iets is\.”$/);
  await expect(page.getByTestId('consent-request').first().getByTestId('parent-message'))
    .toHaveText('Bel mij gerust als er iets is.');
  await expect(page.getByTestId('timeline-entry').nth(1)).toContainText('Toestemming per e-mail gevraagd aan: Fatima');

  // Withdrawing is as easy as giving: one button behind the same link and one question (it
  // stops at once); "no" leaves the consent as it was. The team sees it live.
  await parent.getByTestId('consent-withdraw').click();
  await expect(parent.getByTestId('consent-withdraw-sure')).toContainText('Weet u het zeker?');
  await expect(parent.getByTestId('consent-withdraw-keep')).toBeFocused();
  await expectAccessible(parent, '/toestemming withdrawing, the question');
  await parent.getByTestId('consent-withdraw-keep').click();
  await expect(parent.getByTestId('consent-withdraw')).toBeFocused();
  await expect(parent.getByTestId('consent-answered')).toContainText('toestemming gegeven');
  await parent.getByTestId('consent-withdraw').click();
  await parent.getByTestId('consent-withdraw-confirm').click();
  await expect(parent.getByTestId('consent-answered')).toContainText('Uw toestemming is ingetrokken.');
  await expect(parent.getByTestId('consent-withdraw')).toHaveCount(0);
  await home.close();
  await expect(changed).toContainText('Deze casus is intussen elders gewijzigd');
  await page.getByTestId('case-reload').click();
  await expect(page.getByTestId('consent').first()).toContainText('niet (meer) geldig');
  await expect(page.getByTestId('consent-request').first()).toContainText('toestemming ingetrokken');
});
