// Shared steps for the browser tests.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';

export const PASSWORD = 'Zorgroute-demo-2026';
export const account = (role) => `${role === 'partner_editor' ? 'partner' : role}@demo.zorgroute.nl`;

/** Signs in through the API (the browser context keeps the cookies). */
export async function signIn(page, role) {
  const res = await page.request.post('/api/auth/login', {
    headers: { 'x-zorgroute-csrf': '1' },
    data: { email: account(role), password: PASSWORD },
  });
  expect(res.status()).toBe(200);
}

/** Waits until the Leptos app has mounted. */
export async function appReady(page) {
  // An entry page comes as its prerendered frame first; the app takes it over when it starts.
  await expect(page.locator('body[data-frame]')).toHaveCount(0);
  await expect(page.locator('header.site-header')).toBeVisible();
  // The page itself: pages of a split-off group mount after the shell, with their title.
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page).toHaveTitle(/Zorgroute/);
}

/** axe-core with the WCAG 2.1 A/AA rules: no violations allowed. */
export async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** RFC 4648 base32 → bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code an authenticator app shows (RFC 6238: HMAC-SHA-1, 30 s, 6 digits) for `secret` at `seconds`. */
export function totp(secret, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

/** The date in the Netherlands `offset` days from now, as YYYY-MM-DD: the app's "today". */
export function dutchDay(offset = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' })
    .format(new Date(Date.now() + offset * 86_400_000));
}
