// Accounts (issue 6): an admin invites a professional; the professional accepts through the mailed
// link, sets up two-step verification with the secret shown on screen, and reaches the board.
// axe checks every administration page and every sign-in and two-step page on the way.
import { test, expect } from '@playwright/test';
import { appReady, signIn, expectAccessible, totp } from './helpers.mjs';

const NEW_PASSWORD = 'Zonnebloem-Route-42';

test('an invited professional accepts, enrols two-step verification, signs in and reaches the board', async ({ page, browser }, info) => {
  const email = `fenna.${info.project.name}.${Date.now()}@korein.nl`;

  await signIn(page, 'admin');
  await page.goto('/beheer');
  await appReady(page);
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await expectAccessible(page, '/beheer');
  await page.getByTestId('invite-name').fill('Fenna Smit');
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-role').selectOption('professional');
  await page.getByTestId('invite-municipality').selectOption({ label: 'Geldrop-Mierlo' });
  await page.getByTestId('invite-organisation').selectOption({ label: 'Korein' });
  await page.getByTestId('invite-submit').click();
  await expect(page.getByTestId('invite-sent')).toBeVisible();
  await expect(page.getByTestId('invitation-row').filter({ hasText: email })).toContainText('Open');

  await page.getByRole('link', { name: 'Gemeenten en organisaties' }).click();
  await expect(page.getByTestId('organisation-row').first()).toBeVisible();
  // A location whose postcode the server refuses: the form names the field by its label and
  // says what it expects, in Dutch, and keeps what was typed.
  const location = page.getByTestId('location-form');
  await location.getByLabel('Naam').fill(`Peuteropvang De Kleine Beer ${info.project.name}`);
  await location.locator('#location-organisation').selectOption({ label: 'Korein' });
  await location.locator('#location-municipality').selectOption({ label: 'Geldrop-Mierlo' });
  await location.getByLabel('Postcode').fill('5664');
  await location.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(location.getByTestId('form-refused')).toHaveText(
    'Controleer wat u heeft ingevuld bij ‘Postcode’. Een postcode is vier cijfers en twee letters, zoals 5664 EH.');
  await expect(location.getByLabel('Naam')).toHaveValue(`Peuteropvang De Kleine Beer ${info.project.name}`);
  await expectAccessible(page, '/beheer/organisaties');
  await page.getByRole('link', { name: 'Logboeken' }).click();
  await expect(page.getByTestId('auth-events').locator('tbody tr').first()).toBeVisible();
  // In words, each naming the account: the admin's own sign-in, the invitation just sent.
  const signedIn = page.getByTestId('auth-events').locator('tbody tr')
    .filter({ hasText: 'Beheerder Zorgroute (admin@demo.zorgroute.nl)' }).first();
  await expect(signedIn.getByRole('cell').nth(1)).toHaveText('Ingelogd');
  await expect(page.getByTestId('changes').locator('tbody tr').filter({ hasText: 'Uitnodiging: verstuurd' }).first()).toBeVisible();
  await expect(page.getByTestId('auth-events')).not.toContainText(/login_|second_factor_|locked_out|role_(granted|removed)/);
  await expectAccessible(page, '/beheer/logboek');
  await page.getByRole('link', { name: 'Uitgaande e-mail' }).click();
  const mail = page.getByTestId('mail').filter({ hasText: email });
  await expect(mail).toBeVisible();
  await expectAccessible(page, '/beheer/e-mail');
  const body = await mail.locator('pre').innerText();
  const link = body.match(/https?:\/\/\S+(\/uitnodiging#\S+)/)[1];

  // The invited person, in a browser of their own.
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, locale: 'nl-NL' });
  const fenna = await context.newPage();
  await fenna.goto(link);
  await appReady(fenna);
  await expectAccessible(fenna, '/uitnodiging');
  await fenna.getByTestId('new-password').fill(NEW_PASSWORD);
  await fenna.getByTestId('repeat-password').fill(NEW_PASSWORD + 'x');
  await expect(fenna.getByTestId('passwords-differ')).toBeVisible();
  await fenna.getByTestId('repeat-password').fill(NEW_PASSWORD);
  await fenna.getByTestId('link-submit').click();
  await expect(fenna.getByTestId('link-done')).toBeVisible();
  await fenna.getByTestId('to-login').click();

  await fenna.getByTestId('email').fill(email);
  await fenna.getByTestId('password').fill(NEW_PASSWORD);
  await fenna.getByTestId('login-submit').click();
  await expect(fenna.getByTestId('enrol-start')).toBeVisible();
  await expectAccessible(fenna, 'two-step set-up');
  // Without the second factor the session reads no case data.
  expect((await fenna.request.get('/api/cases/board')).status()).toBe(401);
  await fenna.getByTestId('enrol-start').click();
  await expect(fenna.getByTestId('totp-qr')).toBeVisible();
  const secret = (await fenna.getByTestId('totp-secret').innerText()).trim();
  await expectAccessible(fenna, 'two-step QR code');
  await fenna.getByTestId('code').fill('000000');
  await fenna.getByTestId('code-submit').click();
  await expect(fenna.getByTestId('code-error')).toBeVisible();
  const now = Date.now() / 1000;
  await fenna.getByTestId('code').fill(totp(secret, now));
  await fenna.getByTestId('code-submit').click();
  await expect(fenna.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await expectAccessible(fenna, 'recovery codes');
  await fenna.getByTestId('enrol-done').click();
  await expect(fenna).toHaveURL(/\/bord$/);
  await expect(fenna.getByRole('heading', { level: 1 })).toHaveText('Casusbord');
  await expect(fenna.getByTestId('user-name')).toContainText('Fenna Smit');

  // Signing in again asks for a code; the one already used is refused, the next one works.
  await fenna.getByTestId('logout').click();
  await fenna.goto('/inloggen');
  await fenna.getByTestId('email').fill(email);
  await fenna.getByTestId('password').fill(NEW_PASSWORD);
  await fenna.getByTestId('login-submit').click();
  await expect(fenna.getByTestId('verify-form')).toBeVisible();
  await expectAccessible(fenna, 'two-step code');
  await fenna.getByTestId('code').fill(totp(secret, now));
  await fenna.getByTestId('code-submit').click();
  await expect(fenna.getByTestId('code-error')).toBeVisible();
  await fenna.getByTestId('code').fill(totp(secret, now + 30));
  await fenna.getByTestId('code-submit').click();
  await expect(fenna).toHaveURL(/\/bord$/);

  // Her own account page: this session, and two-step verification on.
  await fenna.getByTestId('user-name').click();
  await expect(fenna).toHaveURL(/\/account$/);
  await expect(fenna.getByTestId('session-row').first()).toBeVisible();
  // The device as she knows it, not the browser's header.
  await expect(fenna.getByTestId('session-row').filter({ hasText: 'Deze sessie' })).toContainText(/Chrome op (Android|Linux) · /);
  await expect(fenna.getByTestId('session-row').first()).not.toContainText('Mozilla');
  await expect(fenna.getByTestId('two-step-on')).toBeVisible();
  await expectAccessible(fenna, '/account');
  await context.close();

  // The administration sees the invitation accepted.
  await page.goto('/beheer');
  await expect(page.getByTestId('invitation-row').filter({ hasText: email })).toContainText('Aangenomen');
});

test('forgotten password: the same answer for every address, and the reset pages are accessible', async ({ page }) => {
  await page.goto('/inloggen');
  await appReady(page);
  await page.getByTestId('forgot-link').click();
  await expect(page).toHaveURL(/\/wachtwoord-vergeten$/);
  await expectAccessible(page, '/wachtwoord-vergeten');
  await page.getByTestId('email').fill('niemand@example.nl');
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-sent')).toBeVisible();
  await page.goto('/wachtwoord-herstellen#onbekende-link');
  await appReady(page);
  await expectAccessible(page, '/wachtwoord-herstellen');
  await page.getByTestId('new-password').fill(NEW_PASSWORD);
  await page.getByTestId('repeat-password').fill(NEW_PASSWORD);
  await page.getByTestId('link-submit').click();
  await expect(page.getByTestId('link-error')).toContainText('werkt niet meer');
});

test('the app runs under its Content-Security-Policy without a single violation', async ({ page }) => {
  const violations = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  await appReady(page);
  await signIn(page, 'admin');
  for (const path of ['/kaart', '/inloggen', '/beheer', '/account']) {
    await page.goto(path);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.goto('/account');
  await page.getByTestId('enrol-start').click();
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  // The QR code (a data: image) rendered under the policy.
  expect(await page.getByTestId('totp-qr').evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

test('a coordinator manages the accounts of their own municipality, not the platform', async ({ page }) => {
  await signIn(page, 'coordinator');
  await page.goto('/beheer');
  await appReady(page);
  const users = page.getByTestId('users');
  await expect(users).toContainText('professional@demo.zorgroute.nl');
  await expect(users).not.toContainText('admin@demo.zorgroute.nl');
  await expect(page.getByRole('link', { name: 'Logboeken' })).toHaveCount(0);
  // The roles a coordinator may hand out: no coordinators or admins.
  const roles = await page.getByTestId('invite-role').locator('option').allInnerTexts();
  expect(roles).not.toContain('Beheerder');
  expect(roles).not.toContain('Coördinator');
  await expectAccessible(page, '/beheer as coordinator');
  // The admin-only pages say so without asking the server for what it would refuse.
  const refused = [];
  page.on('response', (r) => { if (r.status() === 403) refused.push(r.url()); });
  for (const path of ['/beheer/logboek', '/beheer/e-mail']) {
    await page.goto(path);
    await expect(page.getByTestId('no-access')).toBeVisible();
  }
  await page.waitForTimeout(300);
  expect(refused).toEqual([]);
});

test('an admin gives a professional a second role and takes it away again', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/beheer');
  await appReady(page);
  const row = page.getByTestId('user-row').filter({ hasText: 'jgz@demo.zorgroute.nl' });
  await row.getByText('Rollen wijzigen').click();
  const editor = row.locator('details');
  await editor.getByLabel('Rol', { exact: true }).selectOption('manager');
  await editor.getByLabel('Gemeente').selectOption({ label: 'Geldrop-Mierlo' });
  await editor.getByLabel('Organisatie').selectOption({ label: 'Korein' });
  await editor.getByRole('button', { name: 'Rol toevoegen' }).click();
  await expect(row.locator('ul.plain-list').first()).toContainText('Manager · Korein · Geldrop-Mierlo');
  await expectAccessible(page, '/beheer with the role editor open');
  const again = page.getByTestId('user-row').filter({ hasText: 'jgz@demo.zorgroute.nl' });
  if (!(await again.locator('details').evaluate((d) => d.open))) {
    await again.getByText('Rollen wijzigen').click();
  }
  await again.getByRole('button', { name: /Intrekken Manager/ }).click();
  const roles = page.getByTestId('user-row').filter({ hasText: 'jgz@demo.zorgroute.nl' }).locator('ul.plain-list').first();
  await expect(roles).not.toContainText('Manager ·');
  await expect(roles).toContainText('Professional ·');
});

test('an e-mail address too long for its line breaks after the @, never inside a word', async ({ page }) => {
  await signIn(page, 'admin');
  // Every word of the cells with an address lies on one line (a word is what lies between
  // spaces and the breaks the page allows; the changes' JSON breaks anywhere, as code does).
  const unbroken = () => page.evaluate(() => [...document.querySelectorAll('td:not(.json)')]
    .filter((td) => td.textContent.includes('@'))
    .flatMap((td) => {
      const texts = [];
      const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) texts.push(walk.currentNode);
      return texts;
    })
    .flatMap((n) => [...n.textContent.matchAll(/\S+/g)].map((word) => {
      const range = document.createRange();
      range.setStart(n, word.index);
      range.setEnd(n, word.index + word[0].length);
      return { word: word[0], lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
    }))
    .filter((w) => w.lines > 1)
    .map((w) => w.word));
  await page.goto('/beheer');
  await appReady(page);
  await expect(page.getByTestId('user-row').filter({ hasText: 'coordinator@demo.zorgroute.nl' })).toBeVisible();
  expect(await unbroken()).toEqual([]);
  await page.goto('/beheer/logboek');
  await appReady(page);
  await expect(page.locator('td', { hasText: '(admin@demo.zorgroute.nl)' }).first()).toBeVisible();
  expect(await unbroken()).toEqual([]);
});

test('the administration asks for the municipalities and organisations once per page, however many accounts it lists', async ({ page }) => {
  await signIn(page, 'admin');
  const asked = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/admin/municipalities' || path === '/api/admin/organisations') asked.push(path);
  });
  const once = ['/api/admin/municipalities', '/api/admin/organisations'];
  // The accounts page: the invitation form and every account's role editor choose from them.
  await page.goto('/beheer');
  await appReady(page);
  await expect(page.getByTestId('user-row').nth(2)).toBeVisible();
  await expect(page.getByTestId('invite-municipality').locator('option', { hasText: 'Geldrop-Mierlo' })).toBeAttached();
  const editor = page.getByTestId('user-row').filter({ has: page.locator('details') }).first();
  await expect(editor.locator('select[id$="-m"] option', { hasText: 'Geldrop-Mierlo' })).toBeAttached();
  expect(asked.sort()).toEqual(once);
  // The tenants page: three sections list or choose from them.
  asked.length = 0;
  await page.getByRole('navigation', { name: 'Onderdelen van beheer' }).getByRole('link', { name: 'Gemeenten en organisaties' }).click();
  await expect(page.getByTestId('admin-tenants')).toBeVisible();
  await expect(page.locator('#location-organisation option', { hasText: 'Korein' })).toBeAttached();
  expect(asked.sort()).toEqual(once);
});

test('those an administration page is not open to are told so, and their browser asks for none of its lists', async ({ page }) => {
  const asked = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/admin/')) asked.push(path);
  });
  // A coordinator keeps the accounts of their municipality, not the platform's tenants.
  await signIn(page, 'coordinator');
  await page.goto('/beheer/organisaties');
  await appReady(page);
  await expect(page.getByTestId('no-access')).toBeVisible();
  // A professional has no part of the administration.
  await page.context().clearCookies();
  await signIn(page, 'professional');
  await page.goto('/beheer');
  await appReady(page);
  await expect(page.getByTestId('no-access')).toBeVisible();
  expect(asked).toEqual([]);
});
