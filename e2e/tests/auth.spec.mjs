// Signing in and out as a demo professional, and what each role's navigation shows.
import { test, expect } from '@playwright/test';
import { appReady, signIn, account, PASSWORD } from './helpers.mjs';

test('a professional signs in, sees the Dutch shell, switches to English and signs out', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.getByTestId('login-link').click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await page.getByLabel('E-mailadres').fill(account('professional'));
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();

  await expect(page).toHaveURL(/\/bord$/);
  await expect(page.getByTestId('user-name')).toContainText('Sanne de Vries');
  const nav = page.getByTestId('nav');
  await expect(nav.getByRole('link', { name: 'Casusbord' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Planner' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Casusbord');

  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Case board');
  await expect(page.getByTestId('logout')).toHaveText('Sign out');

  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('login-link')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Case board' })).toHaveCount(0);
  await page.goto('/bord');
  await expect(page.getByTestId('need-login')).toBeVisible();
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('a visitor who is not signed in is not asked about a session, and an ended session is forgotten', async ({ page, context }) => {
  const asked = [];
  const refused = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/auth/')) asked.push(new URL(r.url()).pathname); });
  page.on('response', (r) => { if (r.status() === 401) refused.push(new URL(r.url()).pathname); });
  // A parent on the map: no session check that can only fail.
  await page.goto('/kaart');
  await appReady(page);
  await expect(page.getByTestId('map-total')).toBeVisible();
  expect(asked).toEqual([]);
  expect(refused).toEqual([]);
  // A page for professionals says to sign in, and asks for nothing it would be refused (the
  // board's cards are asked for beside the session check only where a session may exist).
  await page.goto('/bord');
  await expect(page.getByTestId('need-login')).toBeVisible();
  await expect(page.getByTestId('login-link')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked).toEqual([]);
  expect(refused).toEqual([]);

  // A session that ended while the browser kept its sign (both tokens gone): the next page asks,
  // is refused, and forgets the sign, so the page after it asks nothing.
  await signIn(page, 'professional');
  expect((await context.cookies()).find((c) => c.name === 'zr_signed_in')?.httpOnly).toBe(false);
  await context.clearCookies({ name: 'zr_access' });
  await context.clearCookies({ name: 'zr_refresh' });
  await page.goto('/kaart');
  await appReady(page);
  await expect.poll(() => asked).toEqual(['/api/auth/me', '/api/auth/refresh']);
  await expect.poll(async () => (await context.cookies()).some((c) => c.name === 'zr_signed_in')).toBe(false);
  await page.goto('/bord');
  await expect(page.getByTestId('need-login')).toBeVisible();
  expect(asked).toHaveLength(2);
});

test('a wrong password is explained in words, without saying whether the account exists', async ({ page }) => {
  await page.goto('/inloggen');
  await appReady(page);
  await page.getByLabel('E-mailadres').fill('onbekend@demo.zorgroute.nl');
  await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of het wachtwoord klopt niet.');
  await expect(page).toHaveURL(/\/inloggen$/);
});

test('navigation and the cards of the home page follow the roles', async ({ page }) => {
  const expected = {
    professional: ['Sociale kaart', 'Casusbord'],
    coordinator: ['Sociale kaart', 'Casusbord', 'Planner', 'Kaart beheren', 'Beheer'],
    manager: ['Sociale kaart', 'Planner'],
    partner_editor: ['Sociale kaart', 'Kaart beheren'],
    admin: ['Sociale kaart', 'Kaart beheren', 'Beheer'],
  };
  // The home page's cards: the product's three parts for a visitor, then what each role opens.
  await page.goto('/');
  await appReady(page);
  const cards = page.getByTestId('home-cards').getByRole('heading');
  await expect(cards).toHaveText(['Sociale kaart', 'Casusbord', 'Planner']);
  for (const [role, links] of Object.entries(expected)) {
    await page.context().clearCookies();
    await signIn(page, role);
    await page.goto('/');
    await appReady(page);
    await expect(page.getByTestId('nav').getByRole('link')).toHaveText(links);
    await expect(cards).toHaveText(links);
  }
});

test('a manager who opens the case board is told plainly that the role has no access', async ({ page }) => {
  await signIn(page, 'manager');
  await page.goto('/bord');
  await expect(page.getByTestId('no-access')).toBeVisible();
});

test('a page that asks several things at once when the access token has expired renews it once and stays signed in', async ({ page, context }) => {
  await signIn(page, 'admin');
  await page.goto('/');
  await appReady(page);
  await context.clearCookies({ name: 'zr_access' });
  const calls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname); });
  // One of them answers late, after the swap is done: its 401 is about the old token, and the
  // call is repeated without a second swap.
  await page.route('**/api/admin/invitations', async (route) => {
    const response = await route.fetch();
    await new Promise((done) => setTimeout(done, 800));
    await route.fulfill({ response });
  });
  // The administration asks for its accounts, invitations and choices at once: each finds the
  // token gone. One swap of the refresh token serves them all (two would end the session).
  const late = page.waitForResponse((r) => r.url().endsWith('/api/admin/invitations') && r.status() === 200);
  await page.getByTestId('nav').getByRole('link', { name: 'Beheer', exact: true }).click();
  await expect(page).toHaveURL(/\/beheer$/);
  await expect(page.getByTestId('need-login')).toHaveCount(0);
  await expect(page.getByText('admin@demo.zorgroute.nl').first()).toBeVisible();
  await late;
  expect(calls.filter((c) => c === '/api/auth/refresh'), calls.join(' ')).toHaveLength(1);
  expect((await page.request.get('/api/auth/me')).status()).toBe(200);
});

test('an expired access token is renewed silently with the refresh cookie', async ({ page, context }) => {
  await signIn(page, 'professional');
  await context.clearCookies({ name: 'zr_access' });
  await page.goto('/bord');
  await expect(page.getByTestId('user-name')).toContainText('Sanne de Vries');
  await expect(page.getByTestId('need-login')).toHaveCount(0);
});
