// The shell: Dutch by default, English on request (remembered), titles, keyboard, small screens.
import { test, expect } from '@playwright/test';
import { appReady, signIn, account, PASSWORD } from './helpers.mjs';

test('home is Dutch by default and switches to English, remembered after reload', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zorgroute jonge kind');
  await expect(page).toHaveTitle('Zorgroute jonge kind · Zorgroute');

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Care route for young children');
  await expect(page).toHaveTitle('Care route for young children · Zorgroute');

  await page.reload();
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('each route has its own title and unknown routes say so', async ({ page }) => {
  for (const [path, title] of [
    ['/kaart', 'Sociale kaart · Zorgroute'],
    ['/bord', 'Casusbord · Zorgroute'],
    ['/planner', 'Ondersteuningspiramide-planner · Zorgroute'],
    ['/inloggen', 'Inloggen · Zorgroute'],
    ['/bestaat-niet', 'Pagina niet gevonden · Zorgroute'],
  ]) {
    await page.goto(path);
    await appReady(page);
    await expect(page).toHaveTitle(title);
  }
});

test('a page of a group loaded on demand gets its modules with the main one, each fetched once', async ({ page }) => {
  await signIn(page, 'coordinator');
  await page.goto('/bord');
  await appReady(page);
  await expect(page.getByTestId('case-card').first()).toBeVisible();
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.wasm'))
    .map((e) => ({ name: e.name.split('/').pop(), by: e.initiatorType })));
  const names = wasm.map((e) => e.name);
  // The page's preloads (`link`) answered the split loader's own requests: nothing twice.
  expect(new Set(names).size).toBe(names.length);
  const group = wasm.filter((e) => e.name.startsWith('split_work_pages_'));
  expect(group).toEqual([{ name: group[0]?.name, by: 'link' }]);
  expect(wasm.filter((e) => e.name.startsWith('chunk_')).every((e) => e.by === 'link')).toBe(true);
  // The map (the main module alone) preloads no group.
  await page.goto('/kaart');
  await appReady(page);
  const preloads = await page.locator('link[rel=preload]').evaluateAll((links) => links.map((l) => l.href));
  expect(preloads.filter((href) => href.includes('split_') || href.includes('chunk_'))).toEqual([]);
});

test('keyboard: the skip link comes first and moves focus to the content', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('keyboard: sign in with the keyboard only', async ({ page }) => {
  await page.goto('/inloggen');
  await appReady(page);
  await page.getByLabel('E-mailadres').focus();
  await page.keyboard.type(account('professional'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/bord$/);
});

// WCAG 2.1 AA 1.4.10 (reflow): at 320 CSS px (a 1280 px screen zoomed to 400 %) no page scrolls
// sideways, with every fold-out (<details>) open; nor with the text spacing of 1.4.12 (a user's
// style sheet) on top. The desktop project only: a mobile browser would zoom out to fit a page that
// overflows, and hide it.
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }`;
test.describe('reflow', () => {
  test.use({ bypassCSP: true }); // the user's style sheet, added as an inline <style>
  test('no horizontal scrolling at 320 px, on every page, folds open, in Dutch and English, with wider text spacing', async ({ page }, info) => {
    test.skip(info.project.name === 'phone', 'a mobile viewport zooms out to fit; 320 px is set here');
    test.setTimeout(120_000); // 48 page loads, each measured twice
    await page.setViewportSize({ width: 320, height: 640 });
    const pages = {
      visitor: ['/', '/kaart', '/kaart?q=logopedie', 'service', '/kaart/wegwijzer', '/inloggen', '/wachtwoord-vergeten', '/bestaat-niet'],
      coordinator: ['/bord', 'case', '/bord/inzicht', '/bord/route', '/bord/nieuw', '/bord/taken', '/bord/logboek',
        '/planner', '/planner/vergelijk', '/kaart/beheer', '/account'],
      admin: ['/beheer', '/beheer/organisaties', '/beheer/logboek', '/beheer/e-mail', '/kaart/beheer'],
    };
    const service = (await (await page.request.get('/api/map/search?q=logopedie')).json()).results[0].id;
    // A mail in the outbox (/beheer/e-mail), addressed to one long word.
    const reset = await page.request.post('/api/auth/password-reset', {
      headers: { 'x-zorgroute-csrf': '1' }, data: { email: account('professional') },
    });
    expect(reset.status()).toBe(202);
    for (const [role, paths] of Object.entries(pages)) {
      await page.context().clearCookies();
      if (role !== 'visitor') await signIn(page, role);
      const kase = role === 'coordinator' && (await (await page.request.get('/api/cases/board')).json()).cards[0].id;
      for (const lang of ['nl', 'en']) {
        for (const path of paths) {
          const url = { service: `/kaart/dienst/${service}`, case: `/bord/casus/${kase}` }[path] ?? path;
          await page.goto(url);
          await appReady(page);
          if (lang === 'en' && path === paths[0]) {
            await page.getByTestId('lang-switch').click();
            await expect(page.locator('html')).toHaveAttribute('lang', 'en');
          }
          // What the page loads is on it, then every fold-out opened.
          await expect(page.locator('main').getByText(/^(Bezig met laden|Loading)…$/)).toHaveCount(0);
          await page.locator('details').evaluateAll((all) => all.forEach((d) => { d.open = true; }));
          // How far the page reaches past the screen's right edge, and what reaches there (the
          // outermost such elements, for the failure's message).
          const overflow = () => page.evaluate(() => {
            const right = (e) => e.getBoundingClientRect().right;
            const past = [...document.querySelectorAll('body *')]
              .filter((e) => right(e) > window.innerWidth && !(right(e.parentElement) > window.innerWidth));
            const names = past.map((e) => `${e.localName}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 30)}"`);
            return [document.documentElement.scrollWidth - window.innerWidth, names.slice(0, 3).join(' | ')];
          });
          const [plain, where] = await overflow();
          expect(plain, `${url} (${role}, ${lang}): ${where}`).toBeLessThanOrEqual(0);
          await page.addStyleTag({ content: TEXT_SPACING });
          const [spaced, spacedWhere] = await overflow();
          expect(spaced, `${url} (${role}, ${lang}, text spacing): ${spacedWhere}`).toBeLessThanOrEqual(0);
        }
      }
    }
  });
});
