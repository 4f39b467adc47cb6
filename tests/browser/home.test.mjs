// The first page: cities from the database, server-rendered, then hydrated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser } from './support/fixture.mjs';
import { watchErrors, waitForHydration, screenshotDir } from './support/browser.mjs';

const ctx = useServerAndBrowser();

test('server-rendered HTML already lists the three cities in Chinese', async () => {
  const res = await fetch(ctx.server.url + '/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  const html = await res.text();
  assert.match(html, /<html lang="zh-CN"/);
  assert.match(html, /<meta charset="utf-8"/);
  for (const name of ['四平', '营口', '临汾']) assert.ok(html.includes(name), `${name} missing from SSR HTML`);
});

test('picking a city highlights it and updates ?city= without a reload', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  await page.goto(ctx.server.url + '/');
  await waitForHydration(page);

  const rows = page.locator('table.city-table tbody tr');
  assert.deepEqual(await rows.locator('td:first-child').allTextContents(), ['四平', '营口', '临汾']);
  assert.deepEqual(await rows.locator('td:nth-child(2)').allTextContents(), ['Siping', 'Yingkou', 'Linfen']);

  // A full navigation would wipe this marker; client-side routing keeps it.
  await page.evaluate(() => { window.__noReload = true; });
  await page.getByRole('link', { name: '营口' }).click();
  await page.waitForURL(/\?city=yingkou$/);
  await page.locator('tr.selected[data-city="yingkou"]').waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page reloaded');
  assert.equal(await page.locator('tr.selected').count(), 1);
  assert.match(await page.locator('.city-detail').innerText(), /营口（Yingkou，辽宁省）/);
  assert.match(await page.locator('.city-detail').innerText(), /鲅鱼圈区/);

  // Back goes to the unselected overview, still without a reload.
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('city='));
  assert.equal(await page.locator('tr.selected').count(), 0);
  assert.equal(await page.evaluate(() => window.__noReload), true);

  await page.screenshot({ path: path.join(screenshotDir, 'home-desktop.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a shared ?city= link renders the selection on the server', async () => {
  const html = await (await fetch(ctx.server.url + '/?city=linfen')).text();
  assert.match(html, /<tr[^>]*class="selected"[^>]*data-city="linfen"|<tr[^>]*data-city="linfen"[^>]*class="selected"/);
});

test('static assets have the right content types and are compressed', async () => {
  const wasm = await fetch(ctx.server.url + '/pkg/app_bg.wasm', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-encoding'), 'gzip');
  const css = await fetch(ctx.server.url + '/pkg/app.css');
  assert.match(css.headers.get('content-type'), /text\/css/);
  const js = await fetch(ctx.server.url + '/pkg/app.js');
  assert.match(js.headers.get('content-type'), /javascript/);
  const health = await fetch(ctx.server.url + '/healthz');
  assert.equal(await health.text(), 'ok');
  const missing = await fetch(ctx.server.url + '/no/such/page');
  assert.equal(missing.status, 404);
});
