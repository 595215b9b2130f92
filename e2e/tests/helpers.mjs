// Shared steps for the browser tests.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
  await expect(page.locator('header.site-header')).toBeVisible();
}

/** axe-core with the WCAG 2.1 A/AA rules: no violations allowed. */
export async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}
