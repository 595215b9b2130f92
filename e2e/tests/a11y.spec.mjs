// axe-core (WCAG 2.1 A + AA) on every page, as a visitor and as the roles that open each page.
import { test } from '@playwright/test';
import { appReady, signIn, expectAccessible } from './helpers.mjs';

const pages = ['/', '/kaart', '/kaart/beheer', '/bord', '/planner', '/inloggen', '/bestaat-niet'];

test('every page as a visitor', async ({ page }) => {
  for (const path of pages) {
    await page.goto(path);
    await appReady(page);
    await expectAccessible(page, `${path} (visitor)`);
  }
});

for (const role of ['professional', 'manager', 'coordinator']) {
  test(`every page as ${role}, in Dutch and English`, async ({ page }) => {
    test.setTimeout(90_000); // 14 page loads, each scanned
    await signIn(page, role);
    for (const path of pages) {
      await page.goto(path);
      await appReady(page);
      await expectAccessible(page, `${path} (${role}, nl)`);
    }
    await page.getByTestId('lang-switch').click();
    for (const path of pages) {
      await page.goto(path);
      await appReady(page);
      await expectAccessible(page, `${path} (${role}, en)`);
    }
  });
}

test('the login error state', async ({ page }) => {
  await page.goto('/inloggen');
  await appReady(page);
  await page.getByLabel('E-mailadres').fill('x@y.nl');
  await page.getByLabel('Wachtwoord').fill('wrong-password');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('alert').waitFor();
  await expectAccessible(page, '/inloggen with error');
});
