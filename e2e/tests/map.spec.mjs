// The public social map: search, filters in the URL, results list and map, the service page.
import { test, expect } from '@playwright/test';
import { appReady, expectAccessible, signIn } from './helpers.mjs';

test('a parent searches speech therapy for a 2½-year-old near 5664 and opens a result', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  await page.getByLabel('Wat zoekt u?').fill('logopedie');
  await page.getByLabel('Postcode of woonplaats').fill('5664');
  await page.getByLabel('Leeftijd van uw kind').selectOption({ label: '2½ jaar' });
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/q=logopedie/);
  await expect(page).toHaveURL(/postcode=5664/);
  await expect(page).toHaveURL(/age=30/);
  await expect(page.getByTestId('map-total')).toContainText('2 resultaten in de buurt van Geldrop');
  await expectAccessible(page, '/kaart with results');

  // On a phone the filters are a folded sheet; open it and ask for "no referral needed".
  const filters = page.getByTestId('map-filters');
  if (!(await filters.evaluate((d) => d.open))) await filters.locator('summary').click();
  await page.getByText('Geen verwijzing nodig').first().click();
  await expect(page).toHaveURL(/no_referral=true/);
  await expect(page.getByTestId('map-total')).toContainText('1 resultaat');
  const card = page.getByTestId('service-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('card-referral')).toHaveText('Geen verwijzing nodig');
  await expectAccessible(page, '/kaart filtered');
  await expect(card.getByTestId('card-wait')).toHaveText('4 weken');

  // The search is in the URL: a reload (or a shared link) shows the same.
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId('service-card')).toHaveCount(1);
  await expect(page.getByLabel('Wat zoekt u?')).toHaveValue('logopedie');

  await card.getByRole('link', { name: 'Logopedie voor peuters' }).click();
  await expect(page).toHaveURL(/\/kaart\/dienst\//);
  await expect(page.getByTestId('service-name')).toHaveText('Logopedie voor peuters');
  await expect(page.getByTestId('service-referral')).toHaveText('Geen verwijzing nodig');
  await expect(page.getByRole('link', { name: '040 285 1122' })).toHaveAttribute('href', 'tel:0402851122');
  // Its hours as people say them: a span of days, not five names.
  await expect(page.getByTestId('service-page')).toContainText('maandag tot en met vrijdag: 08:30 – 17:00');
  await expect(page.locator('.zr-marker')).toHaveCount(1);
  // The place reads as an address: its name, the street and town under it, and a route there
  // from wherever the parent is.
  expect(await page.getByTestId('service-place').innerText())
    .toBe('Praatgoed Geldrop\nMolenstraat 8, 5664 HV, Geldrop\nRoute plannen (OpenStreetMap)');
  await expect(page.getByRole('link', { name: 'Route plannen (OpenStreetMap)' })).toHaveAttribute(
    'href', /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B51\.\d{5}%2C5\.\d{5}#map=17\//);
  await expectAccessible(page, '/kaart/dienst');

  // The parent asks to be called back, with permission; the answer says what happens next.
  await page.getByLabel('Uw naam').fill('Fatima');
  await page.getByLabel('Telefoonnummer').fill('06 1234 5678');
  await page.getByLabel('Uw vraag').fill('Mijn zoon van 2,5 praat nog weinig. Kunt u mij bellen?');
  await page.getByTestId('ask-send').click();
  await expect(page.getByTestId('ask-result')).toContainText('toestemming');
  await page.getByLabel(/Ik geef toestemming/).check();
  await page.getByTestId('ask-send').click();
  await expect(page.getByTestId('ask-result')).toContainText('Dank u wel. Uw vraag is verstuurd.');
  await expect(page.getByLabel('Uw naam')).toHaveValue('');
  await expectAccessible(page, '/kaart/dienst after asking');
  await page.getByText('Terug naar zoeken').click();
  await expect(page).toHaveURL(/\/kaart$/);
  // One week is a week (not "1 weken").
  await page.goto('/kaart?q=consultatiebureau');
  await appReady(page);
  await expect(page.getByTestId('service-card').filter({ hasText: 'Consultatiebureau' }).getByTestId('card-wait')).toHaveText('1 week');
});

test('opened directly (a shared link), a service page has the browser fetch the service and the terms with the page, once each, in the language chosen before', async ({ page, context, baseURL }) => {
  const service = (await (await page.request.get('/api/map/search?q=logopedie')).json()).results[0];
  for (const lang of ['nl', 'en']) {
    await context.addCookies([{ name: 'zr-lang', value: lang, url: baseURL }]);
    const asked = [];
    const listen = (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/map/')) asked.push(url.pathname + url.search);
    };
    page.on('request', listen);
    await page.goto(`/kaart/dienst/${service.id}`);
    await appReady(page);
    // The name as the search gave it in Dutch (the English page may have a translation).
    if (lang === 'nl') await expect(page.getByTestId('service-name')).toHaveText(service.name);
    else await expect(page.getByTestId('service-name')).not.toBeEmpty();
    page.off('request', listen);
    // Both came with the page (its Link header), before the app started; the app took those
    // answers instead of asking again.
    const answers = [`/api/map/services/${service.id}?lang=${lang}`, '/api/map/terms'];
    const started = await page.evaluate((urls) => urls.map((u) => performance.getEntriesByType('resource')
      .filter((e) => { const url = new URL(e.name); return url.pathname + url.search === u; })
      .map((e) => e.initiatorType)), answers);
    expect(started, lang).toEqual([['link'], ['link']]);
    expect(asked.filter((u) => answers.includes(u)).sort(), lang).toEqual([...answers].sort());
  }
});

test('a partner editor changes a service, a coordinator approves it, and the map shows it', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'the directory is shared by both projects; one round is enough');
  const text = 'Elke woensdag en zaterdag inloop voor vaders en moeders, ook in het Arabisch.';
  await signIn(page, 'partner_editor');
  await page.goto('/kaart/beheer');
  await appReady(page);
  const service = page.getByTestId('managed-service').filter({ hasText: 'OuderWijzer: vragen over opvoeden' });
  await service.getByTestId('service-edit').click();
  await page.getByLabel('Wat is het? (eenvoudig Nederlands)').fill(text);
  await page.getByLabel('Wachttijd (weken)').fill('0');
  const editor = page.getByTestId('service-editor');
  await editor.getByLabel('Somalisch').check();
  await editor.getByLabel('KluppluZ Geldrop').check();
  await editor.getByLabel('Website (begint met https://)').fill('https://www.ouderwijzer.example/inloop');
  // Its hours (Wednesday 09:00–11:30): a row added and taken away again, Saturday added, an hour longer.
  const hours = editor.getByTestId('hours-row');
  await expect(hours).toHaveCount(1);
  await editor.getByTestId('hours-add').click();
  await expect(hours).toHaveCount(2);
  await hours.nth(1).getByRole('button', { name: 'Deze tijden weghalen' }).click();
  await expect(hours).toHaveCount(1);
  await expect(hours.getByLabel('woensdag', { exact: true })).toBeChecked();
  await hours.getByLabel('zaterdag', { exact: true }).check();
  await hours.getByLabel('Tot', { exact: true }).fill('12:30');
  await expectAccessible(page, '/kaart/beheer editing');
  // A phone number the server refuses: the editor stays open with everything typed, and says
  // which field (by its label) and what it expects, in Dutch; nothing is proposed.
  const phones = editor.getByLabel("Telefoonnummers (gescheiden door komma's)");
  const phoneNumbers = await phones.inputValue();
  await phones.fill(`${phoneNumbers}, bel ons`);
  await page.getByTestId('service-propose').click();
  await expect(editor.getByTestId('form-refused')).toHaveText(
    'Controleer wat u heeft ingevuld bij ‘Telefoon’. Een telefoonnummer heeft 6 tot 15 cijfers, zoals 040 123 45 67. Zet een komma tussen twee nummers.');
  await expect(page.getByLabel('Wat is het? (eenvoudig Nederlands)')).toHaveValue(text);
  await expect(hours.getByLabel('zaterdag', { exact: true })).toBeChecked();
  await expect(page.getByTestId('draft').filter({ hasText: 'Wacht op goedkeuring' })).toHaveCount(0);
  await expectAccessible(page, '/kaart/beheer with a refused proposal');
  await phones.fill(phoneNumbers);
  await page.getByTestId('service-propose').click();
  await expect(page.getByTestId('manage-message')).toContainText('Uw voorstel is verstuurd');
  await expect(page.getByTestId('draft').filter({ hasText: 'Wacht op goedkeuring' })).toHaveCount(1);
  await expect(page.getByTestId('draft-approve')).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, 'coordinator');
  await page.goto('/kaart/beheer');
  await appReady(page);
  const draft = page.getByTestId('draft').filter({ hasText: 'Wacht op goedkeuring' });
  await expect(draft).toContainText(text);
  // The changes as the editor and the map name them: labels, languages and places in words.
  const change = (label) => draft.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(change('Wat is het? (eenvoudig Nederlands)').getByRole('cell').last()).toHaveText(text);
  await expect(change('Talen').getByRole('cell').last()).toHaveText('Nederlands, Arabisch, Turks, Pools, Oekraïens, Somalisch');
  await expect(change('Waar?').getByRole('cell')).toHaveText(['OuderWijzer Geldrop-Mierlo', 'OuderWijzer Geldrop-Mierlo, KluppluZ Geldrop']);
  await expect(draft.getByRole('table')).not.toContainText(/languages|place_ids|\[|[0-9a-f]{8}-[0-9a-f]{4}-/);
  await expect(change('Openingstijden').getByRole('cell')).toHaveText(['woensdag: 09:00 – 11:30', 'woensdag, zaterdag: 09:00 – 12:30']);
  await expect(change('Website (begint met https://)').getByRole('cell').last()).toHaveText('https://www.ouderwijzer.example/inloop');
  await expectAccessible(page, '/kaart/beheer (coordinator)');
  await draft.getByTestId('draft-approve').click();
  await expect(page.getByTestId('manage-message')).toContainText('Goedgekeurd');

  await page.goto('/kaart?q=zaterdag');
  await appReady(page);
  await page.getByRole('link', { name: 'OuderWijzer: vragen over opvoeden' }).click();
  await expect(page.getByTestId('service-description')).toHaveText(text);
  await expect(page.getByText('woensdag, zaterdag: 09:00 – 12:30')).toBeVisible();
  await expect(page.getByRole('link', { name: /ouderwijzer\.example/ })).toHaveAttribute('href', 'https://www.ouderwijzer.example/inloop');
});

test('the map shows the results, and a marker leads to its result in the list', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'the side-by-side map is the desktop layout; phones open it with a button');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/kaart?type=logopedie');
  await appReady(page);
  await expect(page.getByTestId('service-card')).toHaveCount(2);
  await expect(page.getByTestId('results-map')).toBeVisible();
  // "Logopedie op de peutergroep" is given at two places, "Logopedie voor peuters" at one.
  await expect(page.locator('.zr-marker')).toHaveCount(3);
  await expect(page.locator('.zr-outline').first()).toBeAttached();
  await page.locator('.zr-marker[title^="Logopedie voor peuters"]').click();
  await expect(page.getByRole('link', { name: 'Logopedie voor peuters' })).toBeFocused();
  await expectAccessible(page, '/kaart with the map');
});

test('the map asks for its tile server, the map library and its cluster plugin at the same time', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'the side-by-side map is the desktop layout');
  await page.setViewportSize({ width: 1280, height: 900 });
  // Over a 40 ms link, one after the other would be a round trip apart each.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: -1, uploadThroughput: -1 });
  await page.goto('/kaart?type=logopedie');
  await appReady(page);
  await expect(page.locator('.zr-marker')).toHaveCount(3);
  const [config, library, plugin] = await page.evaluate(() => ['/api/map/config', '/leaflet.js', '/leaflet.markercluster.js']
    .map((end) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(end)).toJSON()));
  expect(library.startTime).toBeLessThan(config.responseEnd);
  expect(plugin.startTime).toBeLessThan(library.responseEnd);
});

test('/kaart shows at once, before the app has started, and keeps what was typed meanwhile', async ({ page }) => {
  // Hold the app's module back, as a slow connection would.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/kaart', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sociale kaart');
  await expect(page).toHaveTitle('Sociale kaart · Zorgroute');
  await expect(page.locator('body[data-frame]')).toHaveCount(1);
  // Styled at once by the sheet the frame carries, which the Content-Security-Policy allows.
  await expect(page.locator('header.site-header')).toHaveCSS('background-color', 'rgb(11, 92, 99)');
  await page.getByLabel('Wat zoekt u?').fill('logopedie');
  release();
  await appReady(page);
  await expect(page.getByLabel('Wat zoekt u?')).toHaveValue('logopedie');
  await expect(page.getByLabel('Wat zoekt u?')).toBeFocused();
  await page.getByLabel('Wat zoekt u?').press('Enter');
  await expect(page).toHaveURL(/\/kaart\?q=logopedie$/);
  await expect(page.getByTestId('map-total')).toContainText('resultaten');
});

test('without JavaScript /kaart still shows its search, in the language chosen before', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/kaart');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sociale kaart');
  await page.getByLabel('Wat zoekt u?').fill('logopedie');
  await page.getByLabel('Wat zoekt u?').press('Enter');
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&postcode=&age=$/);
  await context.addCookies([{ name: 'zr-lang', value: 'en', url: baseURL }]);
  await page.goto('/kaart');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Social map');
  await expect(page).toHaveTitle('Social map · Zorgroute');
  await context.close();
});

test('on a phone the map opens with a button, and the page works in English', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/kaart?need=motoriek');
  await appReady(page);
  await expect(page.getByTestId('results-map')).toHaveCount(0);
  await page.getByTestId('map-toggle').click();
  await expect(page.getByTestId('map-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('results-map')).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByLabel('What are you looking for?')).toBeVisible();
  await expect(page.getByTestId('service-list')).toContainText("Children's physiotherapy");
  await expectAccessible(page, '/kaart in English');
  await page.getByTestId('lang-switch').click();
});

test('a parent limits the search to 2 km from their postcode', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  const radius = page.getByTestId('map-radius');
  await expect(radius, 'a distance needs a postcode to measure from').toBeDisabled();
  await page.getByLabel('Postcode of woonplaats').fill('5664');
  await expect(radius).toBeEnabled();
  await radius.selectOption({ label: 'Binnen 2 km' });
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/radius=2/);
  await expect(page.getByTestId('map-total')).toContainText('13 resultaten binnen 2 km van Geldrop');
  const distances = await page.getByTestId('service-card').locator('dd', { hasText: / km$/ }).allTextContents();
  expect(distances.length).toBeGreaterThan(0);
  for (const d of distances) expect(parseFloat(d.replace(',', '.'))).toBeLessThanOrEqual(2);
  await expectAccessible(page, '/kaart within 2 km');

  // Without a postcode the limit goes too: every service again.
  await page.getByLabel('Postcode of woonplaats').fill('');
  await expect(radius).toBeDisabled();
  await page.getByTestId('map-submit').click();
  await expect(page).not.toHaveURL(/radius=/);
  await expect(page.getByTestId('map-total')).toContainText('16 resultaten');
});

test('a search that found nothing offers the same search without its filters, at any distance, and the guided search', async ({ page }) => {
  await page.goto('/kaart?q=logopedie&need=motoriek');
  await appReady(page);
  const empty = page.getByTestId('map-empty');
  await expect(empty).toContainText('Geen hulp gevonden die bij alles past wat u zocht.');
  // No map button, no empty map beside the list on a wide screen, nothing to sort.
  await expect(page.getByTestId('map-toggle')).toHaveCount(0);
  await expect(page.getByTestId('map-sort')).toHaveCount(0);
  await expect(page.getByTestId('results-map')).toHaveCount(0);
  await expect(empty.getByTestId('map-any-distance')).toHaveCount(0);
  await expect(empty.getByRole('link', { name: 'Welke hulp past bij mijn kind? Beantwoord vier vragen.' })).toHaveAttribute('href', '/kaart/wegwijzer');
  await expectAccessible(page, '/kaart with no results');
  await empty.getByRole('button', { name: 'Zoeken zonder filters' }).click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie$/);
  await expect(page.getByTestId('service-card')).toHaveCount(2);
  await expect(page.getByTestId('map-total')).toBeFocused();
  await expect(page.getByTestId('map-empty')).toHaveCount(0);

  // A language named in the text ("turks") is searched as the filter it is, and shown as one:
  // the text keeps its other words.
  await page.goto('/kaart?q=logopedie+turks');
  await appReady(page);
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&language=tr$/);
  await expect(page.getByTestId('map-q')).toHaveValue('logopedie');
  await expect(page.getByTestId('filter-language')).toHaveValue('tr');
  await expect(page.getByTestId('map-empty')).toBeVisible();
  await page.getByTestId('map-empty').getByRole('button', { name: 'Zoeken zonder filters' }).click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie$/);
  await expect(page.getByTestId('service-card')).toHaveCount(2);
  // Typed: "gratis" ticks free help.
  await page.getByTestId('map-q').fill('gratis logopedie');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&financing=free$/);
  await expect(page.getByTestId('filter-financing-free')).toBeChecked();
  await expect(page.getByTestId('map-q')).toHaveValue('logopedie');
  await page.goBack();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie$/);
  await expect(page.locator('[data-testid="filter-financing-free"]:checked')).toHaveCount(0);
  // Typed: "vergoed" asks for the help the health insurance pays for.
  await page.getByTestId('map-q').fill('wordt logopedie vergoed?');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=wordt%20logopedie&financing=zvw$/);
  await expect(page.getByTestId('filter-financing-zvw')).toBeChecked();
  await expect(page.getByTestId('service-card')).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie$/);
  // Typed: a postcode among the words is where to search from, in its own field.
  await page.getByTestId('map-q').fill('logopedie 5664 ab');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&postcode=5664%20AB$/);
  await expect(page.getByTestId('map-postcode')).toHaveValue('5664 AB');
  await expect(page.getByTestId('map-q')).toHaveValue('logopedie');
  await expect(page.getByTestId('service-card')).toHaveCount(2);
  await expect(page.getByTestId('service-card').first()).toContainText(/Afstand:?\s*\d+,\d km/);

  // Far from every speech therapist: the same search at any distance, the nearest first.
  await page.goto('/kaart?q=logopedie&postcode=6411&radius=2');
  await appReady(page);
  await expect(page.getByTestId('map-empty')).toBeVisible();
  await expect(page.getByTestId('map-without-filters')).toHaveCount(0);
  await page.getByTestId('map-any-distance').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&postcode=6411$/);
  await expect(page.getByTestId('service-card')).toHaveCount(2);
});

test('help that is not on the map, or only a worry, leads to where any question about a child can go', async ({ page }) => {
  // A dentist is not on the social map: the empty list says where any question can go, and
  // finds that from the same postcode.
  await page.goto('/kaart?q=tandarts&postcode=5664');
  await appReady(page);
  const empty = page.getByTestId('map-empty');
  await expect(empty).toContainText('Met elke vraag over uw kind kunt u naar het consultatiebureau of het lokaal team.');
  await empty.getByRole('button', { name: 'Zoek waar u met uw vraag terechtkunt' }).click();
  await expect(page).toHaveURL(/\/kaart\?q=advies&postcode=5664$/);
  await expect(page.getByTestId('map-total')).toBeFocused();
  const cards = page.getByTestId('service-card');
  await expect(cards.first()).toContainText('Consultatiebureau');
  await expect(cards.filter({ hasText: 'Vraag stellen aan het lokaal team jeugd' })).toHaveCount(1);
  // No way out of its own results is offered again.
  await page.goto('/kaart?q=ik+maak+me+zorgen&radius=2&postcode=6411');
  await appReady(page);
  await expect(page.getByTestId('map-empty')).toBeVisible();
  await expect(page.getByTestId('map-front-door')).toHaveCount(0);
  // A worry alone, typed: the same help, the child health clinic first.
  await page.goto('/kaart');
  await appReady(page);
  await page.getByTestId('map-q').fill('Ik maak me zorgen, waar kan ik terecht?');
  await page.getByTestId('map-submit').click();
  await expect(cards.first()).toContainText('Consultatiebureau');
  await expect(page.getByTestId('map-empty')).toHaveCount(0);
});

test('a typo finds the word meant, and the page says which word it searched for; "hulp" is every service', async ({ page }) => {
  await page.goto('/kaart?q=logopdie');
  await appReady(page);
  await expect(page.getByTestId('map-searched-for')).toHaveText('Niets gevonden voor “logopdie”. Dit is wat we vonden voor “logopedie”.');
  await expect(page.getByTestId('service-card')).toHaveCount(2);
  await expectAccessible(page, '/kaart with a typo');
  // Words Dutch writes as one, typed apart: searched as one word, and the page says so.
  await page.getByTestId('map-q').fill('peuter speelzaal');
  await page.getByTestId('map-submit').click();
  await expect(page.getByTestId('map-searched-for')).toHaveText('We zochten op “peuterspeelzaal”, als één woord.');
  await expect(page.getByTestId('service-card').first()).toContainText('Peuteropvang Potje Knor');
  // A compound the directory does not know: searched by its first part, and the page says so.
  await page.getByTestId('map-q').fill('gedragsstoornis');
  await page.getByTestId('map-submit').click();
  await expect(page.getByTestId('map-searched-for')).toHaveText('Niets gevonden voor “gedragsstoornis”. Dit is wat we vonden voor “gedrag”.');
  await expect(page.getByTestId('service-card').first()).toContainText('Behandeling bij gedrag en emoties');
  // Found as written: nothing to say.
  await page.getByTestId('map-q').fill('logopedie');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie$/);
  await expect(page.getByTestId('service-card')).toHaveCount(2);
  await expect(page.getByTestId('map-searched-for')).toHaveCount(0);
  // "gratis hulp": help is what every service is, so this is all free help, shown as that
  // filter, in name order (no "best match" without words to rank by).
  await page.getByTestId('map-q').fill('gratis hulp');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?financing=free$/);
  await expect(page.getByTestId('filter-financing-free')).toBeChecked();
  await expect(page.getByTestId('map-sort').locator('option')).toHaveText(['Kortste wachttijd', 'Naam']);
  // "in het Turks", "Turkse tolk": help in Turkish, shown as that filter.
  await page.goto('/kaart?q=Turkse%20tolk');
  await appReady(page);
  await expect(page).toHaveURL(/\/kaart\?language=tr$/);
  await expect(page.getByTestId('filter-language')).toHaveValue('tr');
  await expect(page.getByTestId('map-q')).toHaveValue('');
  // "zonder verwijzing": the filter that says so.
  await page.goto('/kaart?q=logopedie%20zonder%20verwijzing');
  await appReady(page);
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&no_referral=true$/);
  await expect(page.getByTestId('filter-no-referral')).toBeChecked();
  await expect(page.getByTestId('service-card')).toHaveCount(1);
  await page.goto('/kaart');
  await appReady(page);
  const everything = await page.getByTestId('map-total').textContent();
  await page.goto('/kaart?q=hulp');
  await appReady(page);
  await expect(page.getByTestId('map-sort').locator('option')).toHaveText(['Kortste wachttijd', 'Naam']);
  await expect(page.getByTestId('map-total')).toHaveText(everything);
});

test('a parent searches from their town: typed among the words or in the postcode field', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  // Among the words: searched from there, and shown in the postcode field, where it can change.
  await page.getByTestId('map-q').fill('logopedie in Geldrop');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&postcode=Geldrop$/);
  await expect(page.getByTestId('map-q')).toHaveValue('logopedie');
  await expect(page.getByLabel('Postcode of woonplaats')).toHaveValue('Geldrop');
  await expect(page.getByTestId('map-total')).toHaveText('2 resultaten in de buurt van Geldrop');
  await expect(page.getByTestId('service-card').first()).toContainText('km');
  await expectAccessible(page, '/kaart from a town typed among the words');
  // In the field, as people say it: Den Bosch is 's-Hertogenbosch; a distance limit works from it.
  await page.getByTestId('map-q').fill('');
  await page.getByTestId('map-postcode').fill('Den Bosch');
  await page.getByTestId('map-radius').selectOption('25');
  await page.getByTestId('map-submit').click();
  await expect(page.getByTestId('map-total')).toHaveText(/ binnen 25 km van 's-Hertogenbosch$/);
  await page.getByTestId('map-radius').selectOption('');
  await page.getByTestId('map-submit').click();
  await expect(page.getByTestId('map-total')).toHaveText(/in de buurt van 's-Hertogenbosch$/);
  await expect(page.getByTestId('map-sort')).toHaveValue('distance');
  // A town the route does not cover is said at the field, in Dutch and in English.
  await page.getByTestId('map-postcode').fill('Amsterdam');
  await page.getByTestId('map-submit').click();
  await expect(page.getByTestId('map-error')).toHaveText('Amsterdam kennen we niet. Vul een postcode of woonplaats in uit de gemeenten van de zorgroute.');
  await expect(page.getByTestId('map-postcode')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('map-error')).toHaveText("We do not know Amsterdam. Enter a postcode or town in one of the care route's municipalities.");
  await page.getByTestId('lang-switch').click();
});

test('a parent writes their child\'s age among the words: it is searched as the age, in the age field', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  const age = page.getByLabel('Leeftijd van uw kind');
  await page.getByTestId('map-q').fill('mijn dochter van 2 praat nog niet');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/[?&]age=24(&|$)/);
  await expect(age.locator('option:checked')).toHaveText('2 jaar');
  await expect(page.getByTestId('map-q')).toHaveValue('mijn van praat nog niet');
  await expect(page.getByTestId('service-card').first()).toContainText('Logopedie');
  // An age that is not one of the choices is one as well, so the field shows what is searched.
  await page.getByTestId('map-q').fill('logopedie 20 maanden');
  await age.selectOption('');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&age=20$/);
  await expect(age.locator('option:checked')).toHaveText('1 jaar en 8 maanden');
  await expectAccessible(page, '/kaart with an age typed among the words');
});

test('a parent who needs help soon sorts by the shortest wait, or says "geen wachtlijst"', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  await page.getByTestId('map-sort').selectOption({ label: 'Kortste wachttijd' });
  await expect(page).toHaveURL(/\/kaart\?sort=wait$/);
  // Each card's wait in weeks, in the order shown; a service that does not say its wait is last.
  // (Read until the new order is there: the list in name order stays until the answer comes.)
  const cards = page.getByTestId('service-card');
  const waits = () => cards.evaluateAll((list) => list.map((card) => {
    const text = card.querySelector('[data-testid=card-wait]')?.textContent;
    if (text === undefined) return Infinity;
    return text === 'Geen wachttijd' ? 0 : parseInt(text, 10);
  }));
  await expect.poll(async () => {
    const shown = await waits();
    return shown.length > 3 && shown.every((w, i) => !Number.isNaN(w) && (i === 0 || shown[i - 1] <= w));
  }).toBe(true);
  expect(await waits()).toContain(Infinity);
  await expectAccessible(page, '/kaart by shortest wait');
  // Said among the words: the same order, shown in the sort field.
  await page.getByTestId('map-q').fill('logopedie geen wachtlijst');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=logopedie&sort=wait$/);
  await expect(page.getByTestId('map-sort')).toHaveValue('wait');
  await expect(cards.first()).toContainText('Logopedie op de peutergroep');
  // The wait alone ("wachtlijst") asks how long it is: every service, the shortest wait first.
  await page.getByTestId('map-q').fill('wachtlijst');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?sort=wait$/);
  await expect(page.getByTestId('map-sort')).toHaveValue('wait');
  await expect(page.getByTestId('map-q')).toHaveValue('');
});

test('a parent who writes that home is not safe sees where to call, and the local team', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  await page.getByTestId('map-q').fill('huiselijk geweld');
  await page.getByTestId('map-submit').click();
  const safety = page.getByTestId('map-safety');
  await expect(safety).toContainText('Is het thuis niet veilig voor u of uw kind? Bel Veilig Thuis: 0800 2000.');
  await expect(safety.getByRole('link', { name: '0800 2000' })).toHaveAttribute('href', 'tel:08002000');
  await expect(safety.getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
  await expect(page.getByTestId('service-card').filter({ hasText: 'Vraag stellen aan het lokaal team' })).toHaveCount(1);
  await expectAccessible(page, '/kaart with words that say home is not safe');
  await page.getByTestId('lang-switch').click();
  await expect(safety).toContainText('Is it not safe at home for you or your child? Call Veilig Thuis (Safe at Home): 0800 2000.');
  await page.getByTestId('lang-switch').click();
  // A toddler who hits is a question about behaviour: no such notice.
  await page.getByTestId('map-q').fill('mijn peuter slaat mij');
  await page.getByTestId('map-submit').click();
  await expect(page).toHaveURL(/\/kaart\?q=mijn%20peuter%20slaat%20mij$/);
  await expect(page.getByTestId('service-card').filter({ hasText: 'Behandeling bij gedrag en emoties' })).toHaveCount(1);
  await expect(safety).toHaveCount(0);
});

test('a refused search is explained in the page\'s words, at the field it is about', async ({ page }) => {
  // A postcode we do not know, typed into the form: the field is marked and described by why.
  await page.goto('/kaart');
  await appReady(page);
  const postcode = page.getByTestId('map-postcode');
  const error = page.getByTestId('map-error');
  await postcode.fill('1234');
  await page.getByTestId('map-submit').click();
  await expect(error).toHaveText('Postcode 1234 kennen we niet. Vul een postcode in uit de gemeenten van de zorgroute.');
  await expect(postcode).toHaveAttribute('aria-invalid', 'true');
  await expect(postcode).toHaveAccessibleDescription(await error.innerText());
  await expectAccessible(page, '/kaart with an unknown postcode');
  // Not a postcode at all; then in English.
  await postcode.fill('56x4');
  await page.getByTestId('map-submit').click();
  await expect(error).toHaveText(/^Dit is geen postcode of woonplaats\. Een postcode is vier cijfers/);
  await page.getByTestId('lang-switch').click();
  await expect(error).toHaveText(/^This is not a postcode or a town\./);
  await page.getByTestId('lang-switch').click();
  // A good postcode clears it.
  await postcode.fill('5664');
  await page.getByTestId('map-submit').click();
  await expect(page.getByTestId('map-total')).toBeVisible();
  await expect(postcode).not.toHaveAttribute('aria-invalid', /.*/);

  // A shared link with a query the form cannot make: said so, with a way to start again, and
  // never the API's English sentence.
  await page.goto('/kaart?sort=distance&age=abc');
  await appReady(page);
  await expect(error).toHaveText('Deze zoeklink klopt niet helemaal. Begin een nieuwe zoekopdracht');
  await expect(postcode).not.toHaveAttribute('aria-invalid', /.*/);
  await error.getByRole('link', { name: 'Begin een nieuwe zoekopdracht' }).click();
  await expect(page).toHaveURL(/\/kaart$/);
  await expect(page.getByTestId('map-total')).toBeVisible();
  await expect(error).toHaveCount(0);
});

test('the guided search answers "which help fits my child?" with reasons', async ({ page }) => {
  await page.goto('/kaart');
  await appReady(page);
  await page.getByTestId('guided-link').click();
  await expect(page).toHaveURL(/\/kaart\/wegwijzer$/);
  await page.getByLabel('1. Hoe oud is uw kind?').selectOption({ label: '2½ jaar' });
  await page.getByLabel('Spraak en taal').check();
  // A postcode outside the route's municipalities: the page says so at the field.
  const postcode = page.getByLabel('3. Postcode of woonplaats');
  await postcode.fill('5611 AB');
  await page.getByLabel('4. Welke taal spreekt u thuis?').selectOption({ label: 'Arabisch' });
  await page.getByTestId('guide-submit').click();
  await expect(page.getByTestId('guide-error')).toHaveText(
    'Postcode 5611 AB kennen we niet. Vul een postcode in uit de gemeenten van de zorgroute.');
  await expect(postcode).toHaveAttribute('aria-invalid', 'true');
  await expect(postcode).toHaveAccessibleDescription(/Postcode 5611 AB kennen we niet/);
  await postcode.fill('5664');
  await page.getByTestId('guide-submit').click();
  await expect(page.getByTestId('guide-error')).toHaveCount(0);
  await expect(postcode).not.toHaveAttribute('aria-invalid', 'true');
  const results = page.getByTestId('guide-result');
  await expect(results.first()).toContainText('Helpt bij spraak en taal');
  await expect(results.first()).toContainText('Ook in het Arabisch');
  await expect(page.getByTestId('guide-results')).toContainText('Logopedie voor peuters');
  expect(await results.count()).toBeLessThanOrEqual(5);
  await expectAccessible(page, '/kaart/wegwijzer with a shortlist');
  // In English the reasons read as sentences too.
  await page.getByTestId('lang-switch').click();
  await expect(results.first()).toContainText('Helps with speech and language');
  await expect(results.first()).toContainText('Also in Arabic');
  await page.getByTestId('lang-switch').click();
});

test('a partner proposes a location change; an admin keeps the taxonomy', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'shared demo data; one round is enough');
  await signIn(page, 'partner_editor');
  await page.goto('/kaart/beheer');
  await appReady(page);
  const location = page.getByTestId('managed-location').first();
  await location.getByTestId('location-edit').click();
  await page.getByLabel('Toegankelijkheid (Nederlands)').fill('Drempelvrij, ingang aan de achterkant');
  await page.getByLabel('Over de plek').fill('Naast de bibliotheek, parkeren op het plein.');
  await expectAccessible(page, '/kaart/beheer editing a location');
  await page.getByTestId('location-propose').click();
  await expect(page.getByTestId('manage-message')).toContainText('Uw voorstel is verstuurd');
  const draft = page.getByTestId('draft').filter({ hasText: 'Naast de bibliotheek' });
  await expect(draft).toContainText('Wacht op goedkeuring');
  // Its changes under the location editor's labels.
  await expect(draft.getByRole('rowheader')).toHaveText(['Over de plek', 'Toegankelijkheid (Nederlands)']);

  await page.context().clearCookies();
  await signIn(page, 'admin');
  await page.goto('/kaart/beheer');
  await appReady(page);
  await expect(page.getByTestId('term')).toHaveCount(18);
  // Each term's taxonomy by its name, not its code.
  const taxonomies = await page.getByTestId('term').locator('td:first-child').allInnerTexts();
  expect([...new Set(taxonomies)].sort()).toEqual(['Soort hulp', 'Zorg van ouders']);
  // A code the taxonomy refuses: said at the form, which keeps what was typed.
  const taxonomy = page.getByTestId('taxonomy');
  await taxonomy.locator('#t-code').fill('Spraak Taal');
  await taxonomy.locator('#t-name').fill('Spraak en taal (nieuw)');
  await taxonomy.locator('#t-name-en').fill('Speech and language (new)');
  await taxonomy.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(taxonomy.getByTestId('form-refused')).toHaveText(
    'Controleer wat u heeft ingevuld bij ‘Code’. Een code heeft 2 tot 40 kleine letters, cijfers of streepjes, zoals spraak-taal.');
  await expect(taxonomy.locator('#t-name-en')).toHaveValue('Speech and language (new)');
  await expect(page.getByTestId('term')).toHaveCount(18);
  await expectAccessible(page, '/kaart/beheer (admin, taxonomy)');

  // A parent's word for a term: once saved with the term, a search for it finds the services
  // that carry the term. Markup in it stays text.
  const movement = page.getByTestId('term').filter({ has: page.locator('code', { hasText: /^motoriek$/ }) });
  const words = movement.getByLabel('Zoekwoorden van ouders');
  await expect(words).toHaveValue(/kruipen/);
  await words.fill('fietsen, <b>steppen</b>');
  await movement.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('manage-message')).toHaveText('De lijst is bijgewerkt.');
  await page.reload();
  await appReady(page);
  await expect(words).toHaveValue('fietsen, <b>steppen</b>');
  await page.goto('/kaart?q=fietsen');
  await appReady(page);
  await expect(page.getByTestId('service-card').filter({ hasText: 'Consultatiebureau' }).first()).toBeVisible();
});

test('text typed by partners and parents is shown as text, never run', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'shared demo data; one round is enough');
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const csrf = { 'x-zorgroute-csrf': '1' };
  await signIn(page, 'partner_editor');
  const ws = await (await page.request.get('/api/map/manage')).json();
  const service = ws.services.find((s) => s.edit.name === 'OuderWijzer: vragen over opvoeden');
  const edit = { ...service.edit, description: `Inloop ${payload} voor ouders` };
  const proposed = await page.request.post(`/api/map/manage/services/${service.id}/drafts`, { headers: csrf, data: edit });
  expect(proposed.status()).toBe(201);
  const { draft_id: draft } = await proposed.json();
  const question = await page.request.post(`/api/map/services/${service.id}/questions`, {
    headers: csrf,
    data: { name: `Ouder ${payload}`, phone: '0612345678', question: `Vraag ${payload}`, consent: true },
  });
  expect(question.status()).toBe(201);

  await page.context().clearCookies();
  await signIn(page, 'coordinator');
  expect((await page.request.post(`/api/map/manage/drafts/${draft}/approve`, { headers: csrf, data: {} })).status()).toBe(200);
  await page.goto('/kaart/beheer');
  await appReady(page);
  await expect(page.getByTestId('question').filter({ hasText: 'onerror' }).first()).toContainText('<script>');
  await page.goto(`/kaart/dienst/${service.id}`);
  await appReady(page);
  await expect(page.getByTestId('service-description')).toHaveText(`Inloop ${payload} voor ouders`);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('a partner proposes a new service, and once approved parents find it', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'shared demo data; one round is enough');
  await signIn(page, 'partner_editor');
  await page.goto('/kaart/beheer');
  await appReady(page);
  await page.getByTestId('service-new').click();
  await page.getByLabel('Naam', { exact: true }).fill('Taalcafé voor ouders');
  // Written as a care organisation writes: the form gives tips for plain Dutch (B1) as one types,
  // tied to the field, and none once the text is plain.
  const about = page.getByLabel('Wat is het? (eenvoudig Nederlands)');
  await about.fill('Een laagdrempelige voorziening in het kader van de VVE. Indien gewenst volgt een intake.');
  const tips = page.locator('#e-description-tips');
  await expect(about).toHaveAttribute('aria-describedby', 'e-description-tips');
  await expect(tips.getByRole('listitem')).toHaveText([
    'Schrijf liever ‘makkelijk te bereiken’ dan ‘laagdrempelige’.',
    'Schrijf liever ‘bij, voor’ dan ‘in het kader van’.',
    'Schrijf voluit wat ‘VVE’ betekent.',
    'Schrijf liever ‘als’ dan ‘Indien’.',
    'Schrijf liever ‘eerste gesprek’ dan ‘intake’.',
  ]);
  await expectAccessible(page, '/kaart/beheer with tips for plain Dutch');
  await page.getByLabel('Hoe komt een gezin bij u? (Nederlands)').fill('U kunt middels een e-mail een afspraak maken.');
  await about.fill('Oefen Nederlands met andere ouders, met koffie en speelgoed voor de kinderen.');
  await expect(tips.getByRole('listitem')).toHaveCount(0);
  await page.getByLabel('U kunt zelf contact opnemen, zonder verwijzing').check();
  await page.getByLabel('Gratis').check();
  await expectAccessible(page, '/kaart/beheer proposing a new service');
  await page.getByTestId('service-propose').click();
  await expect(page.getByTestId('manage-message')).toContainText('Uw voorstel is verstuurd');

  await page.context().clearCookies();
  await signIn(page, 'coordinator');
  await page.goto('/kaart/beheer');
  await appReady(page);
  // The coordinator sees the same tips beside the proposed text.
  const draft = page.getByTestId('draft').filter({ hasText: 'Taalcafé voor ouders' });
  await expect(draft.getByTestId('plain-tips').getByRole('listitem')).toHaveText(['Schrijf liever ‘met, door’ dan ‘middels’.']);
  await draft.getByTestId('draft-approve').click();
  await expect(page.getByTestId('manage-message')).toContainText('Goedgekeurd');
  await page.goto('/kaart?q=taalcaf%C3%A9');
  await appReady(page);
  await expect(page.getByTestId('service-card')).toContainText('Taalcafé voor ouders');
});
