/* dashboard.js — the shelter coordinator's board.
 *
 * One municipality, the languages spoken in the shelter, side by side:
 * what is in force there now (the retained state topics), the alerts as
 * they arrive, what changed since the coordinator last looked, and a
 * print view for the notice board.  It talks to the broker over MQTT v5 on
 * WebSockets (vendor/mqtt.min.js), read-only.
 *
 * Text from the broker is only ever set with textContent: a payload can
 * not inject markup, and the page's Content-Security-Policy (serve.py)
 * forbids inline scripts anyway.
 */
'use strict';

const LANGS = [
  ['ja', '日本語'], ['ja-x-easy', 'やさしい にほんご'], ['en', 'English'],
  ['zh-Hans', '简体中文'], ['zh-Hant', '繁體中文'], ['ko', '한국어'],
  ['es', 'Español'], ['pt', 'Português'], ['id', 'Bahasa Indonesia'],
  ['vi', 'Tiếng Việt'], ['tl', 'Tagalog'], ['th', 'ไทย'], ['ne', 'नेपाली'],
  ['km', 'ខ្មែរ'], ['my', 'မြန်မာ'], ['mn', 'Монгол'],
];
const AUTONYM = Object.fromEntries(LANGS);
const MAX_ALERTS = 50;          // cards kept on the page
const MAX_PAYLOAD = 256 * 1024; // as the broker's message_size_limit

const app = {
  cfg: { ws: 'ws://127.0.0.1:9001/', root: 'bosai/v1', stale: 90 },
  cities: new Map(),            // code -> {ja, en, ..., by tag}
  city: '', langs: [],
  client: null, topics: [],
  connected: false,
  state: new Map(),             // lang -> {alerts: [...], area}
  inForce: new Map(),           // id -> {level, kind, byLang: {lang: item}}
  baseline: new Set(),          // ids in force when the page learned them
  changes: new Map(),           // id -> 'new' | 'gone'
  gone: new Map(),              // id -> the entry as it was
  alerts: new Map(),            // id -> {received, byLang: {lang: payload}}
  order: [],                    // alert ids, newest first
  unseen: new Set(),
  status: null, statusAt: 0,
};

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}

function parseTsv(text) {
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines.shift().split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] || '']));
  });
}

/* "2026-04-21T09:35:00+09:00" -> "09:35" (the payloads are Japan time) */
function hhmm(iso) {
  const m = /T(\d\d:\d\d)/.exec(iso || '');
  return m ? m[1] : '';
}

function jstTime(ms) {
  return new Date(ms + 9 * 3600 * 1000).toISOString().slice(11, 19);
}

function jstNow() {
  const d = new Date(Date.now() + 9 * 3600 * 1000);
  return d.toISOString().slice(0, 19).replace('T', ' ') + ' JST';
}

function levelClass(level, severity) {
  let l = Number.isInteger(level) ? level : 0;
  if (!l) {
    l = { extreme: 5, severe: 4, moderate: 3, minor: 2 }[severity] || 0;
  }
  return l ? 'l' + l : '';
}

function levelBadge(level) {
  return el('span', { class: 'lvl ' + levelClass(level),
    text: Number.isInteger(level) ? 'L' + level : '—' });
}

function placeName(lang) {
  const c = app.cities.get(app.city);
  const s = app.state.get(lang);
  return (s && s.area && s.area.name) || (c && c[lang]) || app.city;
}

/* ---------------------------------------------------------------- */
/* Messages */

function onMessage(topic, payload, packet) {
  if (payload.length > MAX_PAYLOAD) return;
  let p;
  try {
    p = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (e) {
    console.warn('bad payload on', topic, e.message);
    return;
  }
  if (!p || typeof p !== 'object' || p.v !== 1) return;
  const retained = !!packet.retain;
  if (topic === app.cfg.root + '/status') return onStatus(p, retained);
  const prefix = areaPrefix();
  if (!topic.startsWith(prefix)) return;
  const [lang, what] = topic.slice(prefix.length).split('/');
  if (!app.langs.includes(lang) || p.lang !== lang) return;
  if (what === 'state') onState(lang, p, retained);
  else onAlert(lang, p);
  render();
}

function onStatus(p, retained) {
  app.status = p;
  const sent = Date.parse(p.sent || '');
  // A retained heartbeat counts from when it was sent, a live one from now.
  app.statusAt = retained ? (Number.isFinite(sent) ?
    Math.min(sent, Date.now()) : 0) : Date.now();
  renderStatus();
}

function onState(lang, p, retained) {
  if (!Array.isArray(p.alerts)) return;
  app.state.set(lang, { alerts: p.alerts, area: p.area });
  // State arrives per language: an id is in force while any language
  // lists it, and gone when none does any more.
  const before = app.inForce;
  const now = new Map();
  for (const [l, s] of app.state) {
    for (const a of s.alerts) {
      if (!a || typeof a.id !== 'string') continue;
      if (!now.has(a.id)) now.set(a.id, { level: a.level, kind: a.kind,
        byLang: {} });
      now.get(a.id).byLang[l] = a;
    }
  }
  for (const [id, e] of before) {
    if (!now.has(id)) {
      app.gone.set(id, e);
      app.changes.set(id, 'gone');
    }
  }
  for (const id of now.keys()) {
    if (before.has(id)) continue;
    app.gone.delete(id);
    // What the broker held when the page subscribed is the starting
    // point, not a change; anything after that is.
    if (retained && !app.seenLive) app.baseline.add(id);
    else app.changes.set(id, 'new');
  }
  app.inForce = now;
  if (!retained) app.seenLive = true;
}

function onAlert(lang, p) {
  if (typeof p.id !== 'string' || typeof p.headline !== 'string') return;
  let a = app.alerts.get(p.id);
  if (!a) {
    a = { received: Date.now(), byLang: {} };
    app.alerts.set(p.id, a);
    app.order.unshift(p.id);
    app.unseen.add(p.id);
    while (app.order.length > MAX_ALERTS) {
      app.alerts.delete(app.order.pop());
    }
  }
  a.byLang[lang] = p;   // a repeat of the same id replaces, never adds
}

/* ---------------------------------------------------------------- */
/* Drawing */

function render() {
  renderTitle();
  renderInForce();
  renderAlerts();
  renderStatus();
}

function renderTitle() {
  const c = app.cities.get(app.city);
  const name = c ? `${c.ja} · ${c.en}` : app.city || 'bosaicast';
  $('#title-place').textContent = name;
  document.title = `${name} — bosaicast`;
  $('#print-head').textContent = `${name} (${app.city}) — printed ` +
    `${jstNow()} · 印刷 ${jstNow()}`;
}

function renderInForce() {
  const head = $('#inforce thead tr');
  head.replaceChildren(...app.langs.map((l) => el('th', { lang: l },
    el('span', { text: AUTONYM[l] }),
    el('span', { class: 'place', text: placeName(l) }))));
  const now = Date.now();
  const rows = [];
  const entries = [...app.inForce.entries()].filter(([, e]) =>
    !Object.values(e.byLang).every((a) => a.expires &&
      Date.parse(a.expires) <= now));
  const gone = [...app.gone.entries()].filter(([id]) =>
    app.changes.get(id) === 'gone');
  for (const [id, e] of [...entries, ...gone]) {
    const change = app.changes.get(id);
    const tr = el('tr', { class: change || '', 'data-id': id });
    for (const l of app.langs) {
      const a = e.byLang[l];
      const td = el('td', { lang: l });
      if (change === 'new') td.append(el('span', { class: 'tag new',
        text: 'NEW 新規' }));
      if (change === 'gone') td.append(el('span', { class: 'tag gone',
        text: 'ENDED 終了' }));
      if (a) {
        td.append(levelBadge(a.level), el('span', { class: 'headline',
          text: a.headline }), el('span', { class: 'since',
          text: `since ${hhmm(a.since)}` +
            (a.expires ? ` · until ${hhmm(a.expires)}` : '') }));
      } else {
        td.append(el('span', { class: 'missing',
          text: '(not yet received in this language)' }));
      }
      tr.append(td);
    }
    rows.push(tr);
  }
  $('#inforce tbody').replaceChildren(...rows);
  // No retained state at all a few seconds after subscribing: nothing
  // has been in force here since the broker kept state.
  const known = app.langs.some((l) => app.state.has(l)) ||
    (app.connected && Date.now() - app.subscribedAt > 5000);
  $('#inforce-empty').hidden = rows.length > 0 || !known;
}

const MSG_TAG = {
  update: ['update', 'UPDATE 更新'],
  cancel: ['cancel', 'CANCELLED 取消'],
  correction: ['correction', 'CORRECTION 訂正'],
};

function renderAlerts() {
  const cards = [];
  for (const id of app.order) {
    const a = app.alerts.get(id);
    const any = Object.values(a.byLang)[0];
    const art = el('article', {
      class: ['alert', levelClass(any.level, any.severity),
        app.unseen.has(id) ? 'new' : ''].join(' ').trim(),
      'data-id': id });
    const meta = el('p', { class: 'meta' });
    if (app.unseen.has(id)) meta.append(el('span', { class: 'tag new',
      text: 'NEW 新着' }));
    const mt = MSG_TAG[any.msgType];
    if (mt) meta.append(el('span', { class: 'tag ' + mt[0], text: mt[1] }));
    if (any.status && any.status !== 'actual') meta.append(el('span',
      { class: 'tag drill', text: 'DRILL/TEST 訓練・試験' }));
    meta.append(levelBadge(any.level), `${any.kind} · JMA ` +
      `${any.jma && any.jma.type} · issued ${hhmm(any.issued)} JST · ` +
      `received ${jstTime(a.received)} JST`);
    const cols = el('div', { class: 'cols' });
    cols.style.setProperty('--n', String(app.langs.length));
    for (const l of app.langs) {
      const p = a.byLang[l];
      const col = el('div', { class: 'col', lang: l },
        el('p', { class: 'langname', text: AUTONYM[l] }));
      if (!p) {
        col.append(el('p', { class: 'missing',
          text: '(not yet received in this language)' }));
      } else {
        col.append(el('h3', { text: p.headline }));
        const here = Array.isArray(p.areas) ?
          p.areas.find((x) => x && x.code === app.city) : null;
        // The area message's headline is usually "place: detail".
        if (here && here.detail && !p.headline.includes(here.detail)) {
          col.append(el('p', { class: 'here',
            text: `${here.name}: ${here.detail}` }));
        }
        if (p.body) col.append(el('p', { class: 'body', text: p.body }));
        if (Array.isArray(p.actions) && p.actions.length) {
          col.append(el('ul', {}, ...p.actions.map((t) =>
            el('li', { text: String(t) }))));
        }
        if (p.issuedText) col.append(el('p', { class: 'since',
          text: p.issuedText }));
      }
      cols.append(col);
    }
    art.append(meta, cols);
    cards.push(art);
  }
  $('#alerts').replaceChildren(...cards);
  $('#alerts-empty').hidden = cards.length > 0;
}

function renderStatus() {
  const conn = $('#conn');
  conn.textContent = app.connected ? 'connected · 接続中' :
    'not connected · 未接続';
  conn.className = 'pill ' + (app.connected ? 'ok' : 'bad');
  const feed = $('#feed');
  const s = app.status;
  const age = (Date.now() - app.statusAt) / 1000;
  if (!s) {
    feed.textContent = 'waiting for the feed · 受信待ち';
    feed.className = 'pill';
  } else if (!s.online) {
    feed.textContent = 'feed offline · 配信停止中';
    feed.className = 'pill bad';
  } else if (age > app.cfg.stale) {
    feed.textContent = `feed stale: no heartbeat for ${Math.round(age)} s` +
      ' · 情報が更新されていません';
    feed.className = 'pill bad';
  } else {
    feed.textContent = 'feed ok · 配信中';
    feed.className = 'pill ok';
  }
  $('#updated').textContent = `now ${jstNow()}`;
}

/* ---------------------------------------------------------------- */
/* Connection and selection */

function areaPrefix() {
  return `${app.cfg.root}/areas/${app.city.slice(0, 2)}/${app.city}/`;
}

function subscribe() {
  if (!app.client) return;
  if (app.topics.length) app.client.unsubscribe(app.topics);
  app.topics = app.langs.map((l) => areaPrefix() + l + '/#');
  app.topics.push(app.cfg.root + '/status');
  app.client.subscribe(app.topics, { qos: 1 });
  app.subscribedAt = Date.now();
}

function resetModel() {
  for (const k of ['state', 'inForce', 'changes', 'gone', 'alerts']) {
    app[k].clear();
  }
  app.baseline.clear();
  app.unseen.clear();
  app.order = [];
  app.seenLive = false;
}

function connect() {
  if (typeof mqtt === 'undefined') {
    $('#form-error').textContent = 'vendor/mqtt.min.js did not load';
    return;
  }
  app.client = mqtt.connect(app.cfg.ws, {
    protocolVersion: 5, clean: true, reconnectPeriod: 3000,
    connectTimeout: 10000,
    clientId: 'bosaicast-dashboard-' + Math.random().toString(16).slice(2),
  });
  app.client.on('connect', () => {
    // After a reconnection the retained state comes again: differences
    // from what the page showed are changes the coordinator must see.
    if (app.connectedOnce) app.seenLive = true;
    app.connectedOnce = true;
    app.connected = true;
    subscribe();
    render();
  });
  app.client.on('close', () => { app.connected = false; renderStatus(); });
  app.client.on('offline', () => { app.connected = false; renderStatus(); });
  app.client.on('error', (e) => console.warn('mqtt:', e.message));
  app.client.on('message', onMessage);
}

function readSelection() {
  const q = new URLSearchParams(location.search);
  let city = q.get('city') || localStorage.getItem('bc.city') || '';
  let langs = (q.get('langs') || localStorage.getItem('bc.langs') ||
    'ja,ja-x-easy,en').split(',').filter((l) => AUTONYM[l]);
  if (!/^\d{7}$/.test(city)) city = '';
  app.city = city;
  app.langs = [...new Set(langs)];
}

function applySelection(ev) {
  if (ev) ev.preventDefault();
  const raw = $('#city').value.trim();
  const m = /^(\d{7})\b/.exec(raw);
  let code = m ? m[1] : '';
  if (!code) {
    for (const [c, n] of app.cities) {
      if (n.ja === raw || n.en.toLowerCase() === raw.toLowerCase()) code = c;
    }
  }
  const langs = [...document.querySelectorAll('#langs input:checked')]
    .map((i) => i.value);
  if (!code || !langs.length) {
    $('#form-error').textContent = 'Choose a municipality (7-digit code ' +
      'or name) and at least one language · 市区町村と言語を選んでください';
    return;
  }
  $('#form-error').textContent = '';
  app.city = code;
  app.langs = LANGS.map(([l]) => l).filter((l) => langs.includes(l));
  localStorage.setItem('bc.city', app.city);
  localStorage.setItem('bc.langs', app.langs.join(','));
  const q = new URLSearchParams(location.search);
  q.set('city', app.city);
  q.set('langs', app.langs.join(','));
  history.replaceState(null, '', '?' + q.toString());
  resetModel();
  fillForm();
  subscribe();
  render();
}

function fillForm() {
  const c = app.cities.get(app.city);
  $('#city').value = c ? `${app.city} ${c.ja} ${c.en}` : app.city;
  const box = $('#langs');
  box.querySelectorAll('label').forEach((n) => n.remove());
  for (const [tag, name] of LANGS) {
    box.append(el('label', { lang: tag }, el('input', { type: 'checkbox',
      name: 'lang', value: tag, checked: app.langs.includes(tag) }),
    ' ' + name));
  }
}

async function loadConfig() {
  try {
    const r = await fetch('config.json', { cache: 'no-store' });
    if (r.ok) Object.assign(app.cfg, await r.json());
  } catch (e) { /* opened without serve.py: the defaults */ }
  const q = new URLSearchParams(location.search);
  if (q.get('ws')) app.cfg.ws = q.get('ws');
  if (q.get('root')) app.cfg.root = q.get('root');
  if (q.get('stale')) app.cfg.stale = Number(q.get('stale')) || 90;
}

async function loadCities() {
  try {
    const r = await fetch('places/city.tsv');
    if (!r.ok) return;
    const list = $('#cities');
    for (const row of parseTsv(await r.text())) {
      if (!/^\d{7}$/.test(row.code)) continue;
      app.cities.set(row.code, row);
      list.append(el('option', { value: `${row.code} ${row.ja} ${row.en}` }));
    }
  } catch (e) { /* the picker then takes codes only */ }
}

async function main() {
  await loadConfig();
  await loadCities();
  readSelection();
  fillForm();
  $('#controls').addEventListener('submit', applySelection);
  $('#seen').addEventListener('click', () => {
    app.unseen.clear();
    app.changes.clear();
    app.gone.clear();
    render();
  });
  $('#print').addEventListener('click', () => window.print());
  render();
  if (app.city) connect();
  else {
    $('#form-error').textContent = 'Choose a municipality and the ' +
      'languages, then Show · 市区町村と言語を選んで「表示」';
    $('#controls').addEventListener('submit', () => {
      if (!app.client) connect();
    });
  }
  // Time moves: staleness, expiry.
  setInterval(() => { renderStatus(); renderInForce(); }, 5000);
}

main();
