// test_dashboard.mjs — drives the shelter dashboard in Debian's chromium
// (headless, playwright-core) against the broker test_dashboard.py set up.
//
// The page shows Wakkanai (0121400) in Japanese, English, Thai and
// Vietnamese.  Checked as the coordinator would see it:
//   - it loads and connects over WebSockets; what is in force (the real
//     retained state) is shown in the four languages, side by side;
//   - a newly published alert (bosaicast render + mosquitto_pub) appears
//     in the four languages side by side, marked new;
//   - a change of what is in force (bosaicast run on a second document)
//     is highlighted, and the alert is not shown twice;
//   - the feed line follows the heartbeat: offline, ok, stale;
//   - "Mark all as seen" clears the highlights; the print view hides the
//     controls and keeps the table.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const require = createRequire(process.env.BC_NODE_MODULES + '/');
const { chromium } = require('playwright-core');

const SRC = process.env.BC_SOURCE_DIR;
const BIN = process.env.BC_BIN;
const URL = process.env.BC_DASH_URL;
const PORT = process.env.BC_MQTT_PORT;
const CITY = '0121400';
const LANGS = ['ja', 'en', 'th', 'vi'];
const SAMPLES = path.join(SRC, 'tests/data/jmaxml',
  'kuribo001-research_jmaxml_20260326_Samples');
const DOC_LANDSLIDE = path.join(SAMPLES, '15_16_01_241031_VPWW56.xml');

let passed = 0;
let failed = 0;
function ok(cond, what) {
  if (cond) {
    passed++;
    console.error('ok   ' + what);
  } else {
    failed++;
    console.error('FAIL ' + what);
    throw new Error(what);
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120000,
    ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  }
  return r;
}

function publish(topic, payload, retain = false) {
  const p = JSON.parse(payload);
  const args = ['-V', 'mqttv5', '-h', '127.0.0.1', '-p', PORT, '-q', '1',
    '-t', topic, '-s', '-D', 'publish', 'content-type', 'application/json'];
  if (p.lang) {
    args.push('-D', 'publish', 'user-property', 'lang', p.lang,
      '-D', 'publish', 'user-property', 'kind', p.kind,
      '-D', 'publish', 'user-property', 'id', p.id);
  }
  if (retain) args.push('-r');
  const r = run('mosquitto_pub', args, { input: payload,
    env: { ...process.env, XDG_CONFIG_HOME: process.env.BC_XDG } });
  if (/failed/.test(r.stderr)) throw new Error('publish refused: ' + r.stderr);
}

function retained(topic) {
  const r = run('mosquitto_sub', ['-V', 'mqttv5', '-h', '127.0.0.1', '-p',
    PORT, '-t', topic, '-C', '1', '-W', '5']);
  return JSON.parse(r.stdout);
}

function rendered(doc) {
  const r = run(BIN, ['render', '--topics', '--city', CITY, '--lang',
    LANGS.join(','), doc]);
  return r.stdout.trim().split('\n').map((l) => l.split('\t'));
}

function status(online) {
  const now = new Date().toISOString().slice(0, 19) + 'Z';
  return JSON.stringify(online ? { v: 1, kind: 'status', online: true,
    since: now, lastDocument: null, backlog: 0, exercise: false,
    sources: null, sent: now } : { v: 1, kind: 'status', online: false });
}

async function waitText(page, sel, re, timeout = 15000) {
  await page.waitForFunction(([s, src]) => {
    const e = document.querySelector(s);
    return e && new RegExp(src).test(e.textContent);
  }, [sel, re.source], { timeout });
  return page.textContent(sel);
}

const squash = (s) => s.replace(/\s+/g, '');

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1500,
      height: 1100 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${URL}?city=${CITY}&langs=${LANGS.join(',')}`);
    ok(await page.title() !== '', 'the page loads');
    await waitText(page, '#conn', /connected ·/);
    ok(true, 'connected to the broker over WebSockets');

    // What is in force, from the retained state, in every language.
    const state = {};
    for (const l of LANGS) {
      state[l] = retained(`bosai/v1/areas/01/${CITY}/${l}/state`);
    }
    const rainId = state.en.alerts[0].id;
    await page.waitForSelector(`#inforce tr[data-id="${rainId}"]`);
    const heads = await page.$$eval('#inforce thead th',
      (ths) => ths.map((t) => t.getAttribute('lang')));
    ok(JSON.stringify(heads) === JSON.stringify(LANGS),
      'one column per chosen language, in order: ' + heads.join(','));
    const cells = await page.$$eval(`#inforce tr[data-id="${rainId}"] td`,
      (tds) => tds.map((t) => [t.getAttribute('lang'), t.textContent]));
    for (const [i, l] of LANGS.entries()) {
      ok(cells[i][0] === l &&
        squash(cells[i][1]).includes(squash(state[l].alerts[0].headline)),
      `in force, ${l}: ${state[l].alerts[0].headline.slice(0, 50)}…`);
    }
    const rainClass = await page.getAttribute(
      `#inforce tr[data-id="${rainId}"]`, 'class');
    ok(!/new/.test(rainClass), 'what was in force on opening is not ' +
      'marked as a change');
    const placeTh = await page.textContent('#inforce thead th[lang="th"]');
    ok(placeTh.includes(state.th.area.name), 'Thai column names the ' +
      'place in Thai: ' + state.th.area.name);

    // The feed line: bosaicast run --once ended with "offline".
    await waitText(page, '#feed', /feed offline/);
    ok(true, 'feed offline after the broadcaster stopped');
    publish('bosai/v1/status', status(true), true);
    await waitText(page, '#feed', /feed ok/);
    ok(true, 'feed ok on a heartbeat');

    // A new alert, published as the broadcaster would.
    const fresh = {};
    let freshId = '';
    for (const [topic, payload] of rendered(DOC_LANDSLIDE)) {
      if (!topic.includes('/areas/')) continue;
      publish(topic, payload);
      const p = JSON.parse(payload);
      fresh[p.lang] = p.headline;
      freshId = p.id;
    }
    const card = `#alerts article[data-id="${freshId}"]`;
    await page.waitForFunction(([sel, n]) =>
      document.querySelectorAll(sel + ' .col h3').length === n,
    [card, LANGS.length], { timeout: 15000 });
    const cols = await page.$$eval(`${card} .col`, (cs) => cs.map((c) => {
      const r = c.getBoundingClientRect();
      return { lang: c.getAttribute('lang'), x: r.x, y: r.y,
        h3: c.querySelector('h3') ? c.querySelector('h3').textContent : '' };
    }));
    for (const [i, l] of LANGS.entries()) {
      ok(cols[i].lang === l && cols[i].h3 === fresh[l],
        `new alert, ${l}: ${fresh[l].slice(0, 50)}…`);
    }
    ok(cols.every((c, i) => i === 0 || (Math.abs(c.y - cols[0].y) < 2 &&
      c.x > cols[i - 1].x)), 'the four languages are side by side');
    ok(/\bnew\b/.test(await page.getAttribute(card, 'class')),
      'the new alert is highlighted');

    // What is in force changes: the daemon publishes the landslide
    // warning and the new state.
    run(BIN, ['run', '--once', '--mqtt-port', PORT, '--mqtt-username',
      'bosaicast', '--mqtt-password-file',
      path.join(process.env.BC_BROKER_DIR, 'password'), '--db',
      path.join(process.env.BC_BROKER_DIR, 'bosaicast.db'), DOC_LANDSLIDE]);
    const row = `#inforce tr[data-id="${freshId}"]`;
    await page.waitForSelector(row + '.new', { timeout: 15000 });
    const rowText = await page.textContent(row);
    ok(/NEW/.test(rowText), 'the change in force is highlighted (NEW)');
    ok(!/new/.test(await page.getAttribute(
      `#inforce tr[data-id="${rainId}"]`, 'class')),
    'the unchanged warning is not highlighted');
    ok(await page.locator(card).count() === 1,
      'the same alert published twice is shown once');
    publish('bosai/v1/status', status(true), true);
    await waitText(page, '#feed', /feed ok/);

    const shot = process.env.BC_DASH_SHOT ||
      path.join(process.env.BC_BINARY_DIR || '/tmp', 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    ok(true, 'screenshot ' + shot);

    // No heartbeat for more than the stale limit (5 s here).
    await waitText(page, '#feed', /feed stale/, 20000);
    ok(true, 'feed stale once the heartbeat stops');

    await page.click('#seen');
    ok(await page.locator('.new').count() === 0,
      'Mark all as seen clears the highlights');

    await page.emulateMedia({ media: 'print' });
    ok(!(await page.isVisible('#controls')), 'print view: no controls');
    ok(await page.isVisible('#inforce') &&
      await page.isVisible(card), 'print view: the table and the alerts');
    ok((await page.textContent('#print-head')).includes(CITY),
      'print view: names the municipality');
    if (process.env.BC_DASH_PRINT_SHOT) {
      await page.screenshot({ path: process.env.BC_DASH_PRINT_SHOT,
        fullPage: true });
    }
    ok(errors.length === 0, 'no script errors on the page' +
      (errors.length ? ': ' + errors.join('; ') : ''));
  } finally {
    await browser.close();
  }
}

main().then(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}, (e) => {
  console.error('FAIL: ' + e.message);
  console.log(`${passed} passed, ${failed || 1} failed`);
  process.exit(1);
});
