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

test('no horizontal scrolling at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'coordinator');
  for (const path of ['/', '/kaart', '/bord', '/planner', '/inloggen']) {
    await page.goto(path);
    await appReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
