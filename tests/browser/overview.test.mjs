// The overview: KPI cards, chart panels, filters in the URL, provenance, downloads, language,
// the page without JavaScript, and what it costs to load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { useServerAndBrowser } from './support/fixture.mjs';
import { watchErrors, waitForHydration, screenshotDir } from './support/browser.mjs';
import { repoRoot } from './support/server.mjs';

const ctx = useServerAndBrowser();

async function open(url, { width = 1280, height = 900, javaScriptEnabled = true } = {}) {
  const context = await ctx.browser.newContext({ viewport: { width, height }, javaScriptEnabled, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(ctx.server.url + url);
  if (javaScriptEnabled) await waitForHydration(page);
  return { page, errors, close: () => context.close() };
}

const card = (page, city) => page.locator(`.kpi-card[data-city="${city}"]`);
const kpi = (page, city, metric) => card(page, city).locator(`.kpi[data-metric="${metric}"]`);
const panel = (page, id) => page.locator(`#panel-${id}`);

test('server-rendered overview already carries the seeds’ headline figures', async () => {
  const res = await fetch(ctx.server.url + '/');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<html[^>]* lang="zh-CN"/);
  // Three charts, each an accessible SVG figure.
  assert.equal((html.match(/<svg[^>]*role="figure"/g) ?? []).length >= 3, true);
  for (const s of ['5.3%', '138', '258', '2023-H1', '2023-Q1', '四平', '营口', '临汾']) {
    assert.ok(html.includes(s), `${s} missing from the server-rendered overview`);
  }
});

test('KPI cards show 四平 2023-H1 GDP 5.3% and 营口 2023-Q1 138 projects / 258亿元', async () => {
  const { page, errors, close } = await open('/');
  const gdp = kpi(page, 'siping', 'gdp_growth_pct');
  assert.match(await gdp.innerText(), /5\.3%/);
  assert.match(await gdp.innerText(), /2023-H1/);
  const projects = kpi(page, 'yingkou', 'project_count');
  assert.match(await projects.innerText(), /138 个/);
  assert.match(await projects.innerText(), /2023-Q1/);
  const investment = kpi(page, 'yingkou', 'project_investment_yi');
  assert.match(await investment.innerText(), /258 亿元/);
  assert.match(await investment.innerText(), /2023-Q1/);
  // Each figure links to its quote.
  assert.match(await gdp.locator('a').first().getAttribute('href'), /^\/articles\/\d+#fact-\d+$/);
  // The charts hold the same numbers.
  assert.equal(await panel(page, 'gdp').locator('.chart-wide .pt[data-series="四平"][data-period="2023-H1"]').getAttribute('data-value'), '5.3');
  assert.equal(await panel(page, 'projects').locator('.chart-wide .pt[data-series="营口"][data-period="2023-Q1 项目集中开工"]').getAttribute('data-value'), '138');
  assert.equal(await panel(page, 'investment').locator('.chart-wide .pt[data-series="营口"][data-period="2023-Q1"]').getAttribute('data-value'), '258');
  await page.screenshot({ path: path.join(screenshotDir, 'overview-desktop.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});

test('toggling a city changes the chart and the URL without a reload; the link restores the view; back works', async () => {
  const { page, errors, close } = await open('/');
  await page.evaluate(() => { window.__noReload = true; });
  const gdpTitle = () => panel(page, 'gdp').locator('.chart-wide svg').getAttribute('aria-label');
  assert.match(await gdpTitle(), /四平、营口、临汾/);

  await page.locator('#f-city-linfen').uncheck();
  await page.waitForURL(/city=siping&city=yingkou/);
  await page.waitForFunction(() => !document.querySelector('#panel-gdp .chart-wide svg')?.getAttribute('aria-label').includes('临汾'));
  assert.match(await gdpTitle(), /四平、营口$/);
  assert.equal(await page.locator('.kpi-card[data-city="linfen"]').count(), 0);
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the page reloaded');

  // The copied link, opened fresh, shows the same view (rendered on the server).
  const copied = page.url();
  const { page: again, close: closeAgain } = await open(new URL(copied).pathname + new URL(copied).search);
  assert.equal(await again.locator('#f-city-linfen').isChecked(), false);
  assert.equal(await again.locator('#f-city-siping').isChecked(), true);
  assert.match(await again.locator('#panel-gdp .chart-wide svg').getAttribute('aria-label'), /四平、营口$/);
  await closeAgain();

  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('city='));
  await page.waitForFunction(() => document.querySelector('#panel-gdp .chart-wide svg')?.getAttribute('aria-label').includes('临汾'));
  assert.equal(await page.locator('#f-city-linfen').isChecked(), true);
  await page.goForward();
  await page.waitForURL(/city=siping&city=yingkou/);
  assert.equal(await page.evaluate(() => window.__noReload), true);
  assert.deepEqual(errors, []);
  await close();
});

test('hovering or focusing a bar shows its value and quote; clicking opens the highlighted quote', async () => {
  const { page, errors, close } = await open('/');
  const bar = panel(page, 'gdp').locator('.chart-wide a.pt[data-series="四平"][data-period="2023-H1"]');
  await bar.hover();
  const tip = panel(page, 'gdp').locator('.chart-wide .chart-tip');
  await tip.waitFor();
  const text = await tip.innerText();
  assert.match(text, /四平 2023-H1 5\.3%/);
  assert.match(text, /“.*5\.3%.*”/s, 'the quote is in the tooltip');
  await page.mouse.move(0, 0);
  await tip.waitFor({ state: 'detached' });

  // Keyboard: focusing the point shows the same tooltip.
  await bar.focus();
  await tip.waitFor();
  assert.match(await tip.innerText(), /5\.3%/);

  await bar.click();
  await page.waitForURL(/\/articles\/\d+#fact-\d+$/);
  const id = new URL(page.url()).hash.slice(1);
  // The fact's mark (or the mark holding its anchor, when quotes overlap) is outlined.
  const current = page.locator(`mark[id="${id}"], mark:has([id="${id}"])`);
  await current.waitFor();
  assert.match(await current.innerText(), /5\.3%/);
  await page.waitForFunction((fid) => {
    const el = document.getElementById(fid);
    return getComputedStyle(el.closest('mark')).outlineStyle === 'solid';
  }, id);
  const inView = await current.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the highlighted quote is scrolled into view');
  assert.deepEqual(errors, []);
  await close();
});

test('chart ↔ table toggle and the investment measure live in the URL', async () => {
  const { page, errors, close } = await open('/');
  await panel(page, 'gdp').getByRole('link', { name: '表格' }).click();
  await page.waitForURL(/table=gdp/);
  const row = panel(page, 'gdp').locator('tr[data-city="siping"][data-period="2023-H1"]');
  await row.waitFor();
  assert.match(await row.innerText(), /5\.3%/);
  assert.equal(await panel(page, 'gdp').locator('svg').count(), 0);

  await panel(page, 'investment').getByRole('link', { name: '到位资金' }).click();
  await page.waitForURL(/investment=funds_in_place_yi/);
  await panel(page, 'investment').locator('.chart-wide .pt[data-value="160.53"]').waitFor();
  // Both choices survive together.
  assert.match(page.url(), /table=gdp/);
  assert.deepEqual(errors, []);
  await close();
});

test('PNG, SVG and CSV downloads hold exactly what the panel shows', async () => {
  const { page, errors, close } = await open('/?city=siping&city=yingkou');
  const links = panel(page, 'projects').locator('.downloads a');
  const hrefs = Object.fromEntries(await Promise.all(['PNG', 'SVG', 'CSV'].map(async (name) => [name, await links.getByText(name, { exact: true }).getAttribute('href')])));
  for (const href of Object.values(hrefs)) assert.match(href, /city=siping&city=yingkou/);

  const png = await fetch(ctx.server.url + hrefs.PNG);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await png.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);

  const svg = await (await fetch(ctx.server.url + hrefs.SVG)).text();
  const pageSvg = await panel(page, 'projects').locator('.chart-wide .pt').evaluateAll((els) => els.map((e) => `${e.dataset.series}|${e.dataset.period}|${e.dataset.value}`));
  for (const point of pageSvg) {
    const [series, period, value] = point.split('|');
    assert.ok(svg.includes(`data-series="${series}" data-period="${period}" data-value="${value}"`), `downloaded SVG lacks ${point}`);
  }
  assert.ok(!svg.includes('临汾'), 'a city not shown is not in the download');

  // A real click-download of the CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), links.getByText('CSV', { exact: true }).click()]);
  const file = await download.path();
  const csv = readFileSync(file);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const text = csv.toString('utf8');
  assert.match(text, /营口,yingkou,2023-Q1,project_count,项目集中开工,138,/);
  assert.equal(text.trim().split('\n').length - 1, pageSvg.length, 'one CSV row per point on the chart');
  assert.deepEqual(errors, []);
  await close();
});

test('the English toggle translates labels, metrics and cities', async () => {
  const { page, errors, close } = await open('/');
  await page.evaluate(() => { window.__noReload = true; });
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  await page.locator('h1', { hasText: 'Regional economic indicators' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await kpi(page, 'siping', 'gdp_growth_pct').innerText(), /GDP growth/);
  assert.match(await card(page, 'siping').locator('h3').innerText(), /Siping/);
  assert.match(await panel(page, 'gdp').locator('.chart-wide svg').getAttribute('aria-label'), /GDP growth: Siping, Yingkou, Linfen/);
  assert.match(await panel(page, 'projects').locator('.downloads a').first().getAttribute('href'), /lang=en/);
  assert.equal(await page.evaluate(() => window.__noReload), true);
  await page.screenshot({ path: path.join(screenshotDir, 'overview-en.png'), fullPage: true });
  await page.getByRole('link', { name: '中文' }).click();
  await page.locator('h1', { hasText: '区域经济指标概览' }).waitFor();
  assert.deepEqual(errors, []);
  await close();
});

test('without JavaScript the charts are there and the filter form still works', async () => {
  const { page, errors, close } = await open('/', { javaScriptEnabled: false });
  assert.ok(await page.locator('#panel-gdp .chart-wide svg').isVisible());
  assert.match(await kpi(page, 'siping', 'gdp_growth_pct').innerText(), /5\.3%/);
  await page.locator('#f-city-linfen').uncheck();
  await Promise.all([page.waitForURL(/city=siping&city=yingkou/), page.getByRole('button', { name: '应用' }).click()]);
  assert.match(await page.locator('#panel-gdp .chart-wide svg').getAttribute('aria-label'), /四平、营口$/);
  await page.getByRole('link', { name: '表格' }).first().click();
  await page.waitForURL(/table=gdp/);
  assert.match(await page.locator('#panel-gdp tr[data-city="siping"]').innerText(), /5\.3%/);
  assert.deepEqual(errors, []);
  await close();
});

test('375 px wide: one column, no horizontal scrolling, legible charts', async () => {
  const { page, errors, close } = await open('/', { width: 375, height: 812 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  assert.ok(await page.locator('#panel-gdp .chart-narrow svg').isVisible());
  assert.ok(!(await page.locator('#panel-gdp .chart-wide svg').isVisible()));
  await page.screenshot({ path: path.join(screenshotDir, 'overview-375.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});

test('performance: sizes, first contentful paint, hydration, no layout shift', async () => {
  const html = await (await fetch(ctx.server.url + '/')).text();
  const htmlBytes = Buffer.byteLength(html);
  const wasm = path.join(repoRoot, 'target/site/pkg/app_bg.wasm');
  const wasmRaw = statSync(wasm).size;
  const wasmGzip = statSync(wasm + '.gz').size;

  const runs = [];
  for (let i = 0; i < 5; i++) {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(ctx.server.url + '/');
    await waitForHydration(page);
    await page.waitForTimeout(300);
    runs.push(await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      hydrated: performance.getEntriesByName('hydrated')[0]?.startTime,
      cls: window.__cls,
    })));
    await context.close();
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const figures = {
    html_bytes: htmlBytes,
    wasm_raw_bytes: wasmRaw,
    wasm_gzip_bytes: wasmGzip,
    fcp_ms_median: Math.round(median('fcp')),
    hydrated_ms_median: Math.round(median('hydrated')),
    cls_max: Math.max(...runs.map((r) => r.cls)),
    runs: runs.length,
  };
  console.log('overview performance (localhost):', JSON.stringify(figures));
  mkdirSync(path.join(repoRoot, 'target/perf'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'target/perf/overview.json'), JSON.stringify(figures, null, 2));

  assert.ok(htmlBytes <= 100 * 1024, `overview HTML is ${htmlBytes} bytes (limit 100 KB)`);
  assert.ok(wasmGzip <= 400 * 1024, `wasm is ${wasmGzip} bytes gzipped (limit 400 KB)`);
  assert.ok(figures.cls_max < 0.02, `layout shifts while loading: CLS ${figures.cls_max}`);
  assert.ok(Number.isFinite(figures.fcp_ms_median) && Number.isFinite(figures.hydrated_ms_median));
});

test('static assets have the right content types and are compressed; unknown pages are 404', async () => {
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
