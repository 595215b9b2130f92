// The planner as a manager uses it: preset → drag the pyramid → save → compare → CSV.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { appReady, signIn, expectAccessible } from './helpers.mjs';

const number = (text) => Number(text.replace(/[^0-9,.-]/g, '').replace(/\./g, '').replace(',', '.'));
// FTE with two decimals, written the Dutch way ("12,50").
const fte = (text) => {
  expect(text.trim()).toMatch(/^\d+,\d\d$/);
  return Number(text.trim().replace(',', '.'));
};

async function figures(page) {
  return {
    fte: fte(await page.getByTestId('figure-fte_total').locator('dd').textContent()),
    cost: number(await page.getByTestId('figure-cost_total').locator('dd').textContent()),
  };
}

/** Drags the VE boundary of the pyramid so that extra + VE = `cum` percent. */
async function dragVeBoundaryTo(page, cum) {
  await page.getByTestId('pyramid').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('pyramid').boundingBox();
  const handle = await page.getByTestId('handle-ve').locator('circle').boundingBox();
  // Whole pixels: pointer events report integer client coordinates.
  const y = Math.round(box.y + (12 + 236 * Math.sqrt(cum / 100)) * (box.height / 260));
  const x = Math.round(handle.x + handle.width / 2);
  await page.mouse.move(x, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.up();
}

async function saveAs(page, name) {
  await page.getByTestId('scenario-name').fill(name);
  await page.getByTestId('save').click();
  // The confirmation (or the reason it failed) and the saved scenario's address.
  await expect(page.getByTestId('planner-status')).toHaveText('Opgeslagen.');
  await expect(page).toHaveURL(/\/planner\?scenario=[0-9a-f-]{36}$/);
  await expect(page.getByTestId('saved-list')).toContainText(name);
  // When and by whom, in words (not a version number).
  const today = new Date().toLocaleDateString('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric' });
  await expect(page.getByTestId('saved-list').getByRole('listitem').filter({ hasText: name }).first())
    .toContainText(`gewijzigd op ${today} door Ahmed El Amrani`);
  // The editor that saved stays on screen with its confirmation (it is not loaded anew).
  await expect(page.getByTestId('planner-status')).toHaveText('Opgeslagen.');
  await expect(page.getByTestId('scenario-name')).toHaveValue(name);
}

test('a manager drags VE from 20% to 25%, saves, compares and exports CSV', async ({ page }, info) => {
  // Both browser projects share one server: names carry the project so they stay apart.
  const heerlen = `Heerlen VE 25% ${info.project.name}`;
  const bosch = `Den Bosch PeuterPlus ${info.project.name}`;
  await signIn(page, 'manager');
  await page.goto('/planner?preset=heerlen');
  await appReady(page);
  await expect(page.getByTestId('ve-share')).toHaveValue('20');
  const before = await figures(page);

  await dragVeBoundaryTo(page, 3 + 25);
  await expect(page.getByTestId('ve-share')).toHaveValue('25');
  await expect(page.getByTestId('extra-share')).toHaveValue('3');
  const after = await figures(page);
  expect(after.fte).toBeGreaterThan(before.fte);
  expect(after.cost).toBeGreaterThan(before.cost);
  // A cost of a million stays on one line in its tile, as the other figures do (it used to
  // break between its digits on a wide screen, four tiles in a row).
  const height = (key) => page.getByTestId(`figure-${key}`).locator('dd').evaluate((dd) => dd.getBoundingClientRect().height);
  expect(after.cost).toBeGreaterThan(1_000_000);
  expect(await height('cost_total')).toBe(await height('fte_total'));
  // The financing per source in words and amounts at the page's own size, also on a phone.
  const sources = page.getByTestId('financing-bars').getByRole('listitem');
  await expect(sources.filter({ hasText: 'OAB' })).toHaveText(/^OAB\s+€\s[\d.]+$/);
  const size = await page.getByTestId('financing-bars').locator('.hbar-label').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(size).toBeGreaterThanOrEqual(16);
  // Every figure of the staff table is in view, also on a phone (a row there is a card, each
  // figure under its column's name), and is still a table's cell to a screen reader.
  const staff = page.getByTestId('staff-table');
  expect(await staff.evaluate((t) => t.parentElement.scrollWidth <= t.parentElement.clientWidth)).toBe(true);
  const fte = staff.getByRole('row', { name: /^Pedagogisch medewerker/ }).getByRole('cell').nth(2);
  await expect(fte).toHaveAccessibleName(/^\d+,\d\d$/);
  expect(await fte.evaluate((td) => td.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
  await expectAccessible(page, '/planner (manager, Heerlen)');

  await saveAs(page, heerlen);
  await expect(page.getByTestId('ve-share')).toHaveValue('25');

  await page.getByTestId('preset').selectOption('s-hertogenbosch');
  await expect(page).toHaveURL(/preset=s-hertogenbosch/);
  // A fresh, unsaved scenario from the preset.
  await expect(page.getByTestId('scenario-name')).toHaveValue('');
  await expect(page.getByTestId('planner-status')).toBeEmpty();
  await saveAs(page, bosch);

  // Back leads to the scenario saved before (the save took the unsaved page's place in the
  // history). Its editor comes late (as over a slow network): boxes ticked meanwhile stay.
  await page.route('**/api/planner/scenarios/*', async (route) => {
    if (route.request().method() === 'GET') await new Promise((done) => setTimeout(done, 1000));
    await route.continue();
  });
  await page.goBack();
  const list = page.getByTestId('saved-list');
  await list.locator('li', { hasText: heerlen }).getByRole('checkbox').check();
  await list.locator('li', { hasText: bosch }).getByRole('checkbox').check();
  // The saved scenario's editor is there (its status line starts empty): both still ticked.
  await expect(page.getByTestId('scenario-name')).toHaveValue(heerlen);
  await expect(page.getByTestId('planner-status')).toBeEmpty();
  await expect(page.getByTestId('ve-share')).toHaveValue('25');
  for (const name of [heerlen, bosch]) {
    await expect(list.locator('li', { hasText: name }).getByRole('checkbox')).toBeChecked();
  }
  await page.getByTestId('compare-link').click();
  await expect(page).toHaveURL(/\/planner\/vergelijk\?ids=/);
  const table = page.getByTestId('compare-table');
  await expect(table.locator('thead')).toContainText(heerlen);
  await expect(table.locator('thead')).toContainText(bosch);
  await expect(page.getByTestId('row-groups_plus').locator('td.diff-up')).toHaveCount(1);
  await expectAccessible(page, '/planner/vergelijk');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toBe('zorgroute-vergelijking.csv');
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\n');
  expect([`Kengetal;${heerlen};${bosch}`, `Kengetal;${bosch};${heerlen}`]).toContain(lines[0]);
  expect(lines.some((l) => l.startsWith('Kosten per jaar;'))).toBe(true);
});

test('the comparison without two scenarios chosen says how to choose them', async ({ page }) => {
  await signIn(page, 'manager');
  // An address kept without scenarios, and one with a single scenario: nothing to compare.
  for (const address of ['/planner/vergelijk', '/planner/vergelijk?ids=0b5f1c2e-4a8b-4c1d-9e7f-3a2b1c0d9e8f']) {
    await page.goto(address);
    await appReady(page);
    await expect(page.getByTestId('compare-empty')).toHaveText(/Kies in de planner 2 tot 4 opgeslagen scenario's/);
    await expect(page.getByTestId('compare-table')).toHaveCount(0);
    await expect(page.getByTestId('export-csv')).toHaveCount(0);
  }
  await expectAccessible(page, '/planner/vergelijk without scenarios');
  await page.getByRole('link', { name: 'Terug naar de planner' }).click();
  await expect(page).toHaveURL(/\/planner$/);
});

test('the pyramid boundary is a keyboard slider', async ({ page }) => {
  await signIn(page, 'manager');
  await page.goto('/planner');
  await appReady(page);
  const handle = page.getByTestId('handle-ve').locator('circle');
  await handle.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(page.getByTestId('ve-share')).toHaveValue('25');
  await expect(handle).toHaveAttribute('aria-valuenow', '25');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('ve-share')).toHaveValue('24.5');
});

test('duplicate and delete a saved scenario', async ({ page }, info) => {
  const name = `Coach op alle locaties ${info.project.name}`;
  page.on('dialog', (dialog) => dialog.accept());
  await signIn(page, 'manager');
  await page.goto('/planner?preset=geldrop-mierlo');
  await appReady(page);
  await saveAs(page, name);
  const original = page.url();
  await page.getByTestId('duplicate').click();
  await expect(page).not.toHaveURL(original);
  await expect(page.getByTestId('scenario-name')).toHaveValue(`${name} (kopie)`);
  await page.getByTestId('delete').click();
  await expect(page).toHaveURL(/\/planner$/);
  await expect(page.getByTestId('saved-list')).toContainText(name);
  await expect(page.getByTestId('saved-list')).not.toContainText(`${name} (kopie)`);
});

test('undo changes goes back to the starting point, and to a saved scenario as saved', async ({ page }, info) => {
  await signIn(page, 'manager');
  await page.goto('/planner?preset=heerlen');
  await appReady(page);
  const undo = page.getByTestId('undo');
  const start = await figures(page);
  await expect(undo).toBeDisabled();
  await page.getByTestId('ve-share').fill('30');
  await expect(undo).toBeEnabled();
  await expect.poll(async () => (await figures(page)).fte).toBeGreaterThan(start.fte);
  // Picking the same starting point again changes nothing; the button does.
  await page.getByTestId('preset').selectOption('heerlen');
  await expect(page.getByTestId('ve-share')).toHaveValue('30');
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ve-share')).toHaveValue('20');
  await expect(page.getByTestId('planner-status')).toHaveText('Uw wijzigingen zijn ongedaan gemaakt.');
  await expect.poll(() => figures(page)).toEqual(start);
  await expect(undo).toBeDisabled();

  // A saved scenario: back to what was saved, not to the starting point.
  await page.getByTestId('ve-share').fill('30');
  await saveAs(page, `Heerlen VE 30% ${info.project.name}`);
  await expect(undo).toBeDisabled();
  await page.getByTestId('ve-share').fill('35');
  await undo.click();
  await expect(page.getByTestId('ve-share')).toHaveValue('30');
  await expect(undo).toBeDisabled();
});

test('invalid input is explained and a coordinator can calculate but not save', async ({ page }) => {
  await signIn(page, 'coordinator');
  await page.goto('/planner');
  await appReady(page);
  await expect(page.getByTestId('save')).toHaveCount(0);
  // The message names the fields by their labels and says why in the page's language (not the
  // input's field names, not the API's English); the fields it names are marked invalid.
  const message = page.getByTestId('planner-invalid');
  const levels = ['level-on-group', 'level-outside-group', 'level-outside-regular'];
  await page.getByTestId('level-on-group').fill('90');
  await expect(message).toHaveText(
    'Deze invoer kan niet worden doorgerekend. Extra ondersteuning naar plek (samen 100%): Samen moet dit 100% zijn. Nu is het 140,0%.');
  for (const id of levels) {
    await expect(page.getByTestId(id)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId(id)).toHaveAccessibleDescription(await message.innerText());
  }
  await expect(page.getByTestId('ve-share')).not.toHaveAttribute('aria-invalid', /.*/);
  await expectAccessible(page, '/planner with invalid input');
  await page.getByTestId('level-on-group').fill('50');
  await page.getByTestId('toddlers-age3').fill('2000000');
  await expect(message).toHaveText('Deze invoer kan niet worden doorgerekend. Peuters van 3 jaar: Vul een heel getal in van 0 tot 1.000.000.');
  await expect(page.getByTestId('level-on-group')).not.toHaveAttribute('aria-invalid', /.*/);
  await page.getByTestId('lang-switch').click();
  await expect(message).toHaveText('This input cannot be computed. Toddlers aged 3: Enter a whole number from 0 to 1,000,000.');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('toddlers-age3').fill('200');
  await expect(page.getByTestId('planner-results')).toBeVisible();
  await expect(message).toHaveCount(0);
  // Figures in the page's language: "€ 1.234.567" and "12,50" in Dutch, "€ 1,234,567" and
  // "12.50" in English.
  const cost = page.getByTestId('figure-cost_total').locator('dd');
  const staff = page.getByTestId('figure-fte_total').locator('dd');
  await expect(cost).toHaveText(/^€\s\d{1,3}(\.\d{3})+$/);
  await expect(staff).toHaveText(/^\d+,\d\d$/);
  await page.getByTestId('lang-switch').click();
  await expect(cost).toHaveText(/^€\s\d{1,3}(,\d{3})+$/);
  await expect(staff).toHaveText(/^\d+\.\d\d$/);
  await page.getByTestId('lang-switch').click();
  await expectAccessible(page, '/planner (coordinator)');
});

test('tier shares can be taken from the case board as counts only', async ({ page }) => {
  await signIn(page, 'manager');
  const me = await (await page.request.get('/api/auth/me')).json();
  const municipality = me.memberships[0].municipality_id;
  const counts = await (await page.request.get(`/api/planner/live-counts?municipality_id=${municipality}`)).json();
  expect(Object.keys(counts)).not.toContain('cards');
  await page.goto('/planner');
  await appReady(page);
  await page.getByTestId('live-counts').click();
  await expect(page.getByTestId('live-counts-summary')).toContainText(`${counts.open_cases}`);
  const share = (n) => String(Math.round((n / 400) * 100 * 2) / 2);
  await expect(page.getByTestId('extra-share')).toHaveValue(share(counts.extra_support));
  await expect(page.getByTestId('ve-share')).toHaveValue(share(counts.ve_indicated));
});

test('the demo has two saved scenarios to compare, and a list that cannot load says so', async ({ page }) => {
  await signIn(page, 'manager');
  await page.goto('/planner');
  await appReady(page);
  const list = page.getByTestId('saved-list');
  for (const name of ['Huidige situatie 2026', 'Plan 2027']) {
    await list.locator('li', { hasText: name }).getByRole('checkbox').check();
  }
  await page.getByTestId('compare-link').click();
  const table = page.getByTestId('compare-table');
  await expect(table.locator('thead th').nth(1)).toHaveText('Huidige situatie 2026');
  await expect(table.locator('thead th').nth(2)).toContainText('Plan 2027');
  // Against the current situation the plan costs more (red) and clears its warning (green);
  // more toddlers with VE is marked, but neither better nor worse.
  const plan = (key) => page.getByTestId(`row-${key}`).locator('td').nth(1);
  await expect(plan('cost_total')).toHaveClass(/diff-up.*worse/);
  await expect(plan('warnings')).toHaveClass(/diff-down.*better/);
  await expect(plan('tier_ve')).toHaveClass(/diff-up/);
  await expect(plan('tier_ve')).not.toHaveClass(/better|worse/);
  await expectAccessible(page, 'the demo scenarios compared');

  // No saved scenarios (a municipality that has none yet): the list says so.
  await page.route('**/api/planner/scenarios', (route) => route.fulfill({ json: [] }));
  await page.goto('/planner');
  await appReady(page);
  await expect(list.locator('li')).toHaveText(/^Nog geen opgeslagen scenario's/);
  await expectAccessible(page, '/planner without saved scenarios');

  // The list's request refused: it says it could not be loaded instead of looking empty.
  await page.unrouteAll();
  await page.route('**/api/planner/scenarios', (route) =>
    route.fulfill({
      status: 503,
      json: { status: 503, code: 'unavailable', message: 'down' },
    }),
  );
  await page.goto('/planner');
  await appReady(page);
  await expect(list.locator('li.error')).toHaveText(/even niet bereikbaar/);
  await expect(list.locator('li')).toHaveCount(1);
  await expectAccessible(page, '/planner with its list refused');
});
