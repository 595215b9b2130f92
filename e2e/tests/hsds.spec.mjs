// What a tool written for Open Referral HSDS 3.0 reads from us validates against the HSDS
// schema (vendored in e2e/hsds-schema, checked with ajv).
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { signIn } from './helpers.mjs';

const dir = fileURLToPath(new URL('../hsds-schema/', import.meta.url));

function validator(name) {
  // strict: false — the source schema uses "%Y" as a format, which JSON Schema does not define.
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(dir + file, 'utf8')), file);
  }
  return ajv.getSchema(`${name}.json`);
}

function expectValid(validate, value, what) {
  const ok = validate(value);
  expect(validate.errors ?? [], `${what} against the HSDS schema`).toEqual([]);
  expect(ok).toBe(true);
}

test('HSDS output validates against the HSDS 3.0 schema', async ({ request, page }, info) => {
  test.skip(info.project.name === 'phone', 'an API check; one browser project is enough');
  const service = validator('service');
  const organization = validator('organization');

  const full = await (await request.get('/api/hsds/services?full=true&per_page=100')).json();
  expect(full.total_items).toBeGreaterThanOrEqual(16);
  for (const s of full.contents) expectValid(service, s, `service ${s.name}`);
  expect(full.contents[0].organization).toBeTruthy();

  const one = await (await request.get(`/api/hsds/services/${full.contents[0].id}`)).json();
  expectValid(service, one, 'GET /services/{id}');

  // The schema check is not a rubber stamp: a service without its required status fails it.
  const broken = { ...one };
  delete broken.status;
  expect(service(broken)).toBe(false);

  await signIn(page, 'admin');
  const data = await (await page.request.get('/api/hsds/export')).json();
  for (const org of data.organizations) {
    const { services, ...plain } = org;
    expectValid(organization, plain, `organization ${org.name}`);
    for (const s of services) expectValid(service, s, `exported service ${s.name}`);
  }
});
