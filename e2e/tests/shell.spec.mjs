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
