// End-to-end test of `confsearch serve` in headless Chromium (Debian's /usr/bin/chromium),
// driven by playwright-core. Started by scripts/browser-test.sh, which builds confsearch,
// indexes the bundled corpus (CONFSEARCH_URL) and a corpus of tricky notes
// (CONFSEARCH_FIXTURES_URL), and serves each. Screenshots go to ARTEFACTS.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = need('CONFSEARCH_URL');
const fixtures = need('CONFSEARCH_FIXTURES_URL');
const artefacts = process.env.ARTEFACTS || 'target/browser';
mkdirSync(artefacts, { recursive: true });

function need(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run scripts/browser-test.sh`);
  return value;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-gpu'],
});
const problems = [];
let failed = false;

async function newPage(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Chromium logs every 4xx answer; the 400 asked for on purpose (a bad filter) is not a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 400 \(Bad Request\)/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  // Nothing but this machine's server: no CDN, no font, no analytics.
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith(fixtures) && !url.startsWith('data:')) {
      problems.push(`request off the server: ${url}`);
    }
  });
  return page;
}

async function step(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}\n${e.stack || e}`);
  }
}

const hitTitles = (page) => page.locator('#hits .hit h3').allTextContents();
const status = (page) => page.locator('#status').textContent();

const page = await newPage(1200, 800);

await step('a search from the URL: highlighted match, facet counts, box focused', async () => {
  await page.goto(`${base}/?q=secrets management`);
  await page.locator('#hits .hit').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  assert.equal(await page.inputValue('#q'), 'secrets management');
  const first = page.locator('#hits .hit').first();
  assert.equal(await first.locator('h3').textContent(), 'Secrets management');
  assert.deepEqual(await first.locator('h3 mark').allTextContents(), ['Secrets', 'management']);
  assert.ok((await first.locator('.snippet mark').count()) > 0, 'the snippet has a highlight');
  assert.match(await first.locator('.meta').textContent(), /2019-10-17 16:15–16:45/);
  assert.match(await first.locator('.place').textContent(), /^2019\/devopsdays-edinburgh-2019\.txt:\d+/);
  const years = page.locator('section[data-facet="year"] button');
  assert.ok((await years.count()) >= 2, 'several years to choose from');
  for (const facet of ['year', 'theme', 'conference', 'kind']) {
    const counts = await page.locator(`section[data-facet="${facet}"] .count`).allTextContents();
    assert.ok(counts.length > 0 && counts.every((c) => /^\d+$/.test(c)), `${facet}: ${counts}`);
  }
  await page.screenshot({ path: join(artefacts, 'serve.png') });
});

await step('a year facet narrows the list and the URL; back restores both', async () => {
  const before = await hitTitles(page);
  const total = await status(page);
  const year = page.locator('section[data-facet="year"] button[data-value="2019"]');
  const count = Number(await year.locator('.count').textContent());
  await year.click();
  await page.waitForURL((u) => u.searchParams.getAll('year').join() === '2019');
  await page.waitForFunction((t) => document.getElementById('status').textContent !== t, total);
  const after = await hitTitles(page);
  assert.ok(after.length < before.length, `${after.length} < ${before.length}`);
  assert.equal(after.length, Math.min(count, 20));
  for (const meta of await page.locator('#hits .hit .meta').allTextContents()) assert.match(meta, /2019/);
  assert.equal(await year.getAttribute('aria-pressed'), 'true');
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('year'));
  await page.waitForFunction((t) => document.getElementById('status').textContent === t, total);
  assert.deepEqual(await hitTitles(page), before);
});

await step('keyboard: / focuses the box, arrows move, Enter opens, Escape comes back', async () => {
  await page.locator('#status').click();
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = (await hitTitles(page))[1];
  assert.equal(await page.locator('#hits .hit.selected h3').textContent(), second);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('session'));
  await page.locator('#session h2').waitFor();
  assert.equal(await page.locator('#session h2').textContent(), second);
  await page.keyboard.press('Escape');
  await page.waitForURL((u) => !u.searchParams.has('session'));
  await page.locator('#hits .hit').first().waitFor();
  assert.equal((await hitTitles(page))[1], second);
});

await step('a session opens with its notes and every link, in a new tab', async () => {
  await page.goto(`${base}/?q=handling secrets`);
  await page.locator('#hits .hit').first().waitFor();
  await page.locator('#hits .hit h3 a', { hasText: 'Handling Secrets in Practice' }).click();
  await page.locator('#session h2').waitFor();
  assert.equal(await page.locator('#session h2').textContent(), 'Handling Secrets in Practice');
  assert.ok((await page.locator('#session pre.body').textContent()).length > 100);
  const links = page.locator('#session ul.links a');
  assert.ok((await links.count()) >= 1);
  for (const a of await links.all()) {
    assert.equal(await a.getAttribute('target'), '_blank');
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
    assert.match(await a.getAttribute('href'), /^https?:\/\//);
  }
  await page.screenshot({ path: join(artefacts, 'serve-session.png') });
  await page.goBack();
  await page.locator('#hits .hit').first().waitFor();
});

await step('a session lists its related sessions, each opening in the page', async () => {
  await page.goto(`${base}/?q=handling secrets`);
  await page.locator('#hits .hit h3 a', { hasText: 'Handling Secrets in Practice' }).click();
  const related = page.locator('#session ul.related a');
  await related.first().waitFor();
  assert.equal(await related.count(), 3);
  const title = await related.first().textContent();
  await related.first().click();
  await page.waitForFunction((t) => document.querySelector('#session h2')?.textContent === t, title);
  assert.ok(new URL(page.url()).searchParams.get('session'));
  await page.goBack();
  await page.locator('#session h2', { hasText: 'Handling Secrets in Practice' }).waitFor();
});

await step('nothing found: did you mean; a bad filter: the error says why', async () => {
  await page.goto(`${base}/?q=xsecrets`);
  await page.locator('#status button.suggestion').waitFor();
  assert.equal(await status(page), 'No sessions match. Did you mean secrets?');
  await page.locator('#status button.suggestion').click();
  await page.locator('#hits .hit').first().waitFor();
  await page.goto(`${base}/?since=2020&until=2019`);
  await page.locator('#status.error').waitFor();
  assert.equal(await status(page), 'Error: --since 2020 is after --until 2019: no session can match');
});

await step('a filter value no session has: a notice above the results says why', async () => {
  await page.goto(`${base}/?q=kubernetes&speaker=Nobody`);
  const notice = page.locator('#warnings:not([hidden]) p');
  await notice.first().waitFor();
  const text = await notice.first().textContent();
  assert.match(text, /^--speaker "Nobody" matches no session/);
  assert.equal(await status(page), 'No sessions match. Remove a filter above to see more.');
  const above = await page.evaluate(() => {
    const [w, s] = [document.getElementById('warnings'), document.getElementById('status')];
    return w.getBoundingClientRect().bottom <= s.getBoundingClientRect().top;
  });
  assert.ok(above, 'the notice is above the results');
  // Without the filter, nothing to warn of.
  await page.goto(`${base}/?q=kubernetes`);
  await page.locator('#hits .hit').first().waitFor();
  assert.equal(await page.locator('#warnings').isHidden(), true);
});

await step('typing searches as you type and keeps the URL', async () => {
  await page.goto(`${base}/`);
  await page.locator('#hits .hit').first().waitFor();
  await page.locator('#q').fill('');
  await page.keyboard.type('kubernetes');
  await page.waitForURL((u) => u.searchParams.get('q') === 'kubernetes');
  await page.waitForFunction(() => [...document.querySelectorAll('#hits .hit mark')]
    .some((m) => m.textContent.toLowerCase().startsWith('kubernetes')));
});

await step('a phone-width screen: no sideways scrolling', async () => {
  const phone = await newPage(390, 844);
  await phone.goto(`${base}/?q=secrets management`);
  await phone.locator('#hits .hit').first().waitFor();
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide`);
  await phone.screenshot({ path: join(artefacts, 'serve-phone.png') });
  await phone.close();
});

await step('UTF-8 byte ranges become the right letters: Zürich', async () => {
  const p = await newPage(1200, 800);
  await p.goto(`${fixtures}/?q=Zürich cache`);
  const first = p.locator('#hits .hit').first();
  await first.waitFor();
  assert.equal(await first.locator('h3').textContent(), 'Zürich cache invalidation');
  assert.deepEqual(await first.locator('h3 mark').allTextContents(), ['Zürich', 'cache']);
  const marks = await first.locator('.snippet mark').allTextContents();
  assert.deepEqual(marks.map((m) => m.toLowerCase()), ['caching', 'zürich', 'cache']);
  await p.close();
});

await step('a note with <script> and <img onerror> shows them as text; nothing runs', async () => {
  const p = await newPage(1200, 800);
  await p.goto(`${fixtures}/?q=script notes`);
  const first = p.locator('#hits .hit').first();
  await first.waitFor();
  assert.match(await first.locator('h3').textContent(), /<script>window\.pwned = 1<\/script> in notes/);
  await first.click();
  await p.locator('#session pre.body').waitFor();
  assert.match(await p.locator('#session pre.body').textContent(), /<img src=x onerror=/);
  assert.equal(await p.locator('#hits script, #hits img, #session script, #session img').count(), 0);
  assert.equal(await p.evaluate(() => window.pwned), undefined);
  await p.close();
});

await step('a talk from the official programme is marked; a noted one is not', async () => {
  const p = await newPage(1200, 800);
  await p.goto(`${fixtures}/?q=Kubernetes Without Tears`);
  const first = p.locator('#hits .hit').first();
  await first.waitFor();
  assert.equal(await first.locator('h3').textContent(), 'Kubernetes Without Tears');
  assert.match(await first.locator('.meta').textContent(), /^talk \[programme\] · /);
  await first.click();
  await p.locator('#session dl').waitFor();
  assert.match(await p.locator('#session dl').textContent(), /from\s*programme/);
  await p.goto(`${fixtures}/?q=Zürich cache`);
  const noted = p.locator('#hits .hit').first();
  await noted.waitFor();
  assert.doesNotMatch(await noted.locator('.meta').textContent(), /programme/);
  await p.close();
});

await step('no errors in the page, nothing fetched elsewhere', async () => {
  assert.deepEqual(problems, []);
});

await browser.close();
if (failed) {
  console.log('browser test failed');
  process.exit(1);
}
console.log(`browser test passed; screenshots in ${artefacts}`);
