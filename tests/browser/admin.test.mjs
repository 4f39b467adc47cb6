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
