// Presentation mode: a title slide, one chart per slide, arrow keys and clicks, print layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser } from './support/fixture.mjs';
import { watchErrors, waitForHydration, screenshotDir } from './support/browser.mjs';

const ctx = useServerAndBrowser();

test('arrow keys and clicks move between slides; the slide is in the URL', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1600, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(ctx.server.url + '/present?city=siping&city=yingkou');
  await waitForHydration(page);
  await page.evaluate(() => { window.__noReload = true; });

  const current = page.locator('.slide.current');
  assert.equal(await current.count(), 1);
  assert.match(await current.innerText(), /区域经济指标/);
  assert.match(await current.innerText(), /四平、营口/);
  assert.match(await current.innerText(), /四平日报 2023-08-04/, 'the title slide lists the sources');
  assert.equal(await page.locator('.site-header').count(), 0, 'no site chrome in presentation mode');
  const total = await page.locator('.slide').count();
  assert.ok(total >= 4, `expected a title slide and charts, got ${total} slides`);

  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/slide=1/);
  assert.match(await current.locator('svg').getAttribute('aria-label'), /地区生产总值（GDP）增长：四平、营口/);
  assert.ok(await current.locator('.pt[data-value="5.3"]').count() >= 1);
  await page.screenshot({ path: path.join(screenshotDir, 'present-slide1.png') });

  await page.keyboard.press('ArrowRight');
  await page.waitForURL(/slide=2/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/slide=1/);
  // A click on the slide (not on a point) moves on too.
  await page.locator('.slide.current').click({ position: { x: 5, y: 5 } });
  await page.waitForURL(/slide=2/);
  await page.keyboard.press('End');
  await page.waitForURL(new RegExp(`slide=${total - 1}`));
  await page.keyboard.press('ArrowRight');
  assert.match(page.url(), new RegExp(`slide=${total - 1}`), 'the last slide stays');
  await page.keyboard.press('Home');
  await page.waitForURL((u) => !u.search.includes('slide='));
  assert.equal(await page.evaluate(() => window.__noReload), true, 'moving reloaded the page');

  // The same slide from a fresh load, and without JavaScript via the links.
  const direct = await ctx.browser.newPage({ javaScriptEnabled: false });
  await direct.goto(ctx.server.url + '/present?city=siping&city=yingkou&slide=1');
  assert.match(await direct.locator('.slide.current svg').getAttribute('aria-label'), /增长：四平、营口/);
  await direct.getByRole('link', { name: /下一页/ }).click();
  await direct.waitForURL(/slide=2/);
  await direct.close();

  assert.deepEqual(errors, []);
  await page.close();
});

test('printing gives every slide its own A4 landscape page', async () => {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(ctx.server.url + '/present');
  await waitForHydration(page);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.locator('.slide').evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
  assert.equal(shown, await page.locator('.slide').count());
  assert.equal(await page.locator('.present-nav').evaluate((e) => getComputedStyle(e).display), 'none');
  const pdf = await page.pdf({ landscape: true, format: 'A4', preferCSSPageSize: true });
  // One page per slide.
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, shown);
  await page.close();
});
