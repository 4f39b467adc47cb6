// Articles: the list, and an article page with every extracted figure highlighted in its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser } from './support/fixture.mjs';
import { watchErrors, waitForHydration, screenshotDir } from './support/browser.mjs';

const ctx = useServerAndBrowser();

test('the article list shows the seeds with dates and fact counts', async () => {
  const page = await ctx.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(ctx.server.url + '/articles');
  await waitForHydration(page);
  const rows = page.locator('table.data-table tbody tr');
  assert.equal(await rows.count(), 5);
  const text = await page.locator('table.data-table').innerText();
  assert.match(text, /四平市委八届六次全会总结上半年工作/);
  assert.match(text, /2023-08-04/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a fact link highlights its quote in the article text', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(ctx.server.url + '/articles');
  await waitForHydration(page);
  await page.getByRole('link', { name: '四平市委八届六次全会总结上半年工作' }).click();
  await page.waitForURL(/\/articles\/\d+$/);
  await page.locator('h1', { hasText: '四平市委八届六次全会' }).waitFor();

  const marks = page.locator('.article-text mark');
  assert.ok(await marks.count() >= 5, 'facts are highlighted in the text');
  const gdpRow = page.locator('table.facts tbody tr', { hasText: '5.3%' }).first();
  assert.match(await gdpRow.innerText(), /2023-H1/);
  const link = gdpRow.locator('a[href^="#fact-"]');
  const href = await link.getAttribute('href');
  assert.match(href, /^#fact-\d+$/);
  await link.click();
  const target = page.locator(href);
  assert.match(await target.innerText(), /5\.3%/);
  // :target styling marks the quote the reader came for.
  await page.waitForFunction((sel) => getComputedStyle(document.querySelector(sel)).outlineStyle === 'solid', href);
  const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.equal(outline, 'solid');
  assert.ok(await target.isVisible());
  await page.screenshot({ path: path.join(screenshotDir, 'article.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a missing article is a 404 page', async () => {
  const res = await fetch(ctx.server.url + '/articles/99999');
  assert.equal(res.status, 404);
  assert.match(await res.text(), /文章不存在/);
});
