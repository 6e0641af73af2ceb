// The playground in a real browser: headless Chromium driven by playwright-core.
//   node tests/browser/playground.mjs BASE_URL SCREENSHOT.png
// Loads BASE_URL/, waits for the first preview, types a spec with a mistake and waits for the
// error at its field, fixes it and sees the preview change, picks another example, and saves a
// screenshot. Exits non-zero on the first expectation that fails (each wait is bounded).
// playwright-core is resolved from the working directory (where npm installed it).
import { createRequire } from 'node:module';
const { chromium } = createRequire(process.cwd() + '/')('playwright-core');

const [base, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const fail = async (why) => { console.error('FAIL: ' + why); await browser.close(); process.exit(1); };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/');
  const renders = async () => Number(await page.getAttribute('#status', 'data-renders') || 0);
  await page.waitForFunction(() => Number(document.getElementById('status').dataset.renders || 0) >= 1, null, { timeout: 10000 });
  const first = await page.getAttribute('#preview', 'src');
  if (!first || !first.startsWith('blob:')) await fail('no first preview');

  // A mistake: the error appears at its field.
  const bad = JSON.stringify({ title: 'Typed', series: [{ type: 'line', y: [1, 'two', 3] }] }, null, 2);
  await page.fill('#spec', bad);
  await page.waitForSelector('#error', { state: 'visible', timeout: 10000 });
  const path = await page.getAttribute('#error', 'data-path');
  if (path !== '/series/0/y/1') await fail('error path ' + path);
  const selected = await page.evaluate(() => {
    const t = document.getElementById('spec');
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  if (selected !== '"two"') await fail('selected ' + selected);

  // Fixed: the preview changes and the error goes.
  const before = await renders();
  await page.fill('#spec', bad.replace('"two"', '2'));
  await page.waitForFunction((n) => Number(document.getElementById('status').dataset.renders || 0) > n, before, { timeout: 10000 });
  if (await page.isVisible('#error')) await fail('the error stayed');
  const second = await page.getAttribute('#preview', 'src');
  if (second === first) await fail('the preview did not change');

  // Another example.
  const n = await renders();
  await page.selectOption('#example', 'bar');
  await page.waitForFunction((k) => Number(document.getElementById('status').dataset.renders || 0) > k, n, { timeout: 10000 });
  if (!(await page.inputValue('#spec')).includes('"bar"')) await fail('the example was not loaded');
  await page.waitForFunction(() => document.getElementById('preview').naturalWidth > 0, null, { timeout: 10000 });
  if (errors.length) await fail('page errors: ' + errors.join('; '));
  if (shot) await page.screenshot({ path: shot });
  console.log('playground: ok');
} catch (e) {
  await fail(String(e));
}
await browser.close();
