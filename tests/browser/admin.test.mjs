// Adding and deleting articles from the browser: login, the add form, the figures on the
// overview at once, CSRF, and the confirmation before deleting.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser } from './support/fixture.mjs';
import { watchErrors, waitForHydration, screenshotDir } from './support/browser.mjs';

const TOKEN = 'browser-test-admin-token-5551';
before(() => { process.env.DASHBOARD_ADMIN_TOKEN = TOKEN; });
const ctx = useServerAndBrowser();

const ARTICLE = '临汾日报讯 今年一季度，临汾市地区生产总值同比增长7.2%，全市集中开工项目58个，总投资126.5亿元。';

test('a pasted article shows its figures on the overview within a second, with its quote', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);

  // Without a session the form is behind the login.
  await page.goto(ctx.server.url + '/add');
  await page.waitForURL(/\/login\?next=%2Fadd|\/login\?next=\/add/);
  await page.fill('#reviewer', '王编辑');
  await page.fill('#token', 'wrong-token-wrong-token');
  await page.click('.admin-form button[type=submit]');
  await page.waitForURL(/\/login\?error=/);
  assert.match(await page.locator('.error').innerText(), /令牌错误/);
  await page.fill('#reviewer', '王编辑');
  await page.fill('#token', TOKEN);
  await page.click('.admin-form button[type=submit]');
  await page.waitForURL(/\/add$/);
  const cookie = (await context.cookies()).find((c) => c.name === 'dashboard_session');
  assert.ok(cookie.httpOnly, 'session cookie is HttpOnly');
  assert.equal(cookie.sameSite, 'Strict');

  await page.fill('#text', ARTICLE);
  await page.fill('#title', '临汾一季度 <b>经济</b>');
  await page.fill('#published', '2024-04-15');
  await page.screenshot({ path: path.join(screenshotDir, 'add-article.png') });
  const saved = Date.now();
  await page.click('.admin-form button[type=submit]');
  await page.waitForURL(/\/articles\/\d+\?added=1$/);
  await waitForHydration(page);
  assert.match(await page.locator('h1').innerText(), /临汾一季度 <b>经济<\/b>/, 'the title is shown as text');
  assert.match(await page.locator('table.facts').innerText(), /7\.2%/);

  await page.goto(ctx.server.url + '/?city=linfen');
  await waitForHydration(page);
  const gdp = page.locator('.kpi-card[data-city="linfen"] .kpi[data-metric="gdp_growth_pct"]');
  assert.match(await gdp.innerText(), /7\.2%/);
  assert.match(await gdp.locator('a').getAttribute('title'), /地区生产总值同比增长7\.2%/);
  const elapsed = Date.now() - saved;
  console.log(`article saved → on the overview: ${elapsed} ms`);
  assert.ok(elapsed < 5000);

  // A form post without the session's CSRF token is refused.
  const forged = await page.evaluate(async () => {
    const body = new FormData();
    body.append('text', '伪造');
    const r = await fetch('/admin/articles', { method: 'POST', body });
    return r.status;
  });
  assert.equal(forged, 403);

  // Deleting asks first, then removes the article and its figures.
  const articleId = await page.evaluate(async () => {
    const list = await (await fetch('/api/v1/articles')).json();
    return list.find((a) => a.title && a.title.startsWith('临汾一季度')).id;
  });
  await page.goto(ctx.server.url + `/articles/${articleId}/delete`);
  assert.match(await page.locator('h1').innerText(), /删除文章/);
  await page.click('button.danger');
  await page.waitForURL(/\/articles$/);
  const status = (await page.request.get(ctx.server.url + `/api/v1/articles/${articleId}`)).status();
  assert.equal(status, 404);
  assert.deepEqual(errors.filter((e) => !e.includes('403')), []);
  await context.close();
});

async function logIn(context, next) {
  const page = await context.newPage();
  await page.goto(ctx.server.url + '/login?next=' + encodeURIComponent(next));
  await page.fill('#reviewer', '赵审核');
  await page.fill('#token', TOKEN);
  await page.click('.admin-form button[type=submit]');
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return page;
}

test('a figure corrected on the review page shows on the overview, marked, with its history', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const api = await context.request.get(ctx.server.url + '/api/v1/facts?city=siping&metric=gdp_growth_pct&scope=city&status=all');
  const fact = (await api.json()).items.find((f) => f.period === '2023-H1' && f.quote.includes('5.3%'));
  assert.ok(fact, 'the seeds have 四平 2023-H1 GDP growth 5.3%');

  // The article page links to the review page, which is behind the login.
  const reviewPath = `/articles/${fact.article_id}/review`;
  const page = await logIn(context, reviewPath);
  const errors = watchErrors(page);
  const card = page.locator(`#fact-${fact.id}`);
  assert.match(await card.innerText(), /未审核/);
  await card.locator('input[name=value]').fill('5.4');
  await card.locator('input[name=reason]').fill('按统计公报更正');
  await card.locator('button[value=correct]').click();
  await page.waitForURL(new RegExp(`done=${fact.id}#fact-${fact.id}$`));
  assert.match(await page.locator(`#fact-${fact.id} h2`).innerText(), /5\.4 % 已更正/);
  await page.locator(`#fact-${fact.id}`).screenshot({ path: path.join(screenshotDir, 'review-card.png') });

  // The overview's KPI card and the GDP chart use the corrected value and say it was corrected.
  await page.goto(ctx.server.url + '/?city=siping');
  await waitForHydration(page);
  const gdp = page.locator('.kpi-card[data-city="siping"] .kpi[data-metric="gdp_growth_pct"]');
  assert.match(await gdp.innerText(), /5\.4%[\s\S]*已更正/);
  const svg = await (await context.request.get(ctx.server.url + '/charts/gdp_growth_pct.svg?city=siping')).text();
  assert.match(svg, /2023-H1 5\.4%[^<]*已更正/, 'the chart tooltip says the figure was corrected');
  const csv = await (await context.request.get(ctx.server.url + '/api/v1/facts.csv?city=siping&metric=gdp_growth_pct&scope=city')).text();
  assert.ok(csv.split('\n').some((l) => l.includes(',5.4,') && l.endsWith(',corrected')), csv);

  // The article's fact table shows the status, linked to the history.
  await page.goto(ctx.server.url + `/articles/${fact.article_id}`);
  await waitForHydration(page);
  const status = page.locator(`#row-${fact.id} a.status`);
  assert.equal(await status.innerText(), '已更正');
  await status.click();
  await page.waitForURL(new RegExp(`/facts/${fact.id}/history$`));
  const rows = await page.locator('table.history tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /自动提取/);
  assert.match(rows[0], /5\.3/);
  assert.match(rows[1], /赵审核[\s\S]*按统计公报更正/);
  assert.equal(await page.locator('table.history tbody tr').nth(1).locator('td.changed').innerText(), '5.4');
  await page.screenshot({ path: path.join(screenshotDir, 'fact-history.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
