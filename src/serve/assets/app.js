// confsearch serve: the search page. No framework, nothing fetched but this server's API.
// Everything that comes from the notes is put in the page as text (textContent, append of
// strings), never as markup; highlights are <mark> elements built around text nodes.
'use strict';

const FACETS = ['year', 'speaker', 'theme', 'conference', 'kind', 'tag', 'domain'];
const FACET_TITLES = {
  year: 'Year', speaker: 'Speaker', theme: 'Theme', conference: 'Conference',
  kind: 'Kind', tag: 'Tag', domain: 'Link domain',
};
// Filters with one value each, kept from the URL (`/?since=2019-10`), shown as chips.
const BOUNDS = ['since', 'until'];
const PAGE = 20;
const SHOWN_VALUES = 8;
const $ = (id) => document.getElementById(id);

let state = readUrl();
let hits = [];
let total = 0;
let selected = -1;
let latest = 0;
let typing;
const expanded = new Set();

// ---- the URL is the state: /?q=kubernetes&year=2019&session=ID ----

function readUrl() {
  const p = new URLSearchParams(location.search);
  const s = {
    q: p.get('q') || '',
    sort: p.get('sort') === 'date' ? 'date' : 'score',
    filters: {},
    session: p.get('session'),
  };
  for (const f of FACETS) s.filters[f] = p.getAll(f).filter((v) => v !== '');
  for (const b of BOUNDS) s[b] = p.get(b) || '';
  return s;
}

function params(s, { session = false, without = null } = {}) {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q);
  if (s.sort !== 'score') p.set('sort', s.sort);
  for (const b of BOUNDS) if (s[b]) p.set(b, s[b]);
  for (const f of FACETS) {
    if (f === without) continue;
    for (const v of s.filters[f]) p.append(f, v);
  }
  if (session && s.session) p.set('session', s.session);
  return p;
}

function pageUrl(s) {
  const p = params(s, { session: true }).toString();
  return p ? '/?' + p : '/';
}

// Moves to `state`: a new history entry (push) or the current one rewritten (typing).
function go(push, entry = null) {
  const url = pageUrl(state);
  if (url !== location.pathname + location.search) {
    history[push ? 'pushState' : 'replaceState'](entry, '', url);
  }
  render();
}

window.addEventListener('popstate', () => {
  state = readUrl();
  render();
});

// ---- text and highlights ----

// The JSON's highlight ranges are UTF-8 byte offsets; JS strings index UTF-16 code units.
// Maps every byte offset that starts a character (and the end) to its string index.
function byteToIndex(text) {
  const at = new Map();
  let byte = 0;
  let index = 0;
  for (const ch of text) {
    at.set(byte, index);
    const cp = ch.codePointAt(0);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  at.set(byte, index);
  return at;
}

// Appends `text` to `el` with its byte ranges in <mark>; a range that does not fall on
// character boundaries is left unmarked rather than cutting a character.
function appendHighlighted(el, text, ranges) {
  const at = byteToIndex(text);
  let last = 0;
  const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
  for (const [a, b] of sorted) {
    const start = at.get(a);
    const end = at.get(b);
    if (start === undefined || end === undefined || start < last || end <= start) continue;
    el.append(text.slice(last, start));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    el.append(mark);
    last = end;
  }
  el.append(text.slice(last));
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null) el.textContent = text;
  return el;
}

function when(hit) {
  const day = hit.date || (hit.year ? String(hit.year) : '');
  const slot = hit.start ? (hit.end ? `${hit.start}–${hit.end}` : hit.start) : '';
  return [day, slot].filter(Boolean).join(' ');
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// Only web links are made clickable: a `javascript:` or `data:` URL in a note stays text.
function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the server answered ${response.status} without JSON`);
  }
  if (!response.ok) throw new Error(body.error || `the server answered ${response.status}`);
  return body;
}

// ---- the views ----

function render() {
  const q = $('q');
  if (q.value !== state.q && document.activeElement !== q) q.value = state.q;
  $('sort').value = state.sort;
  if (state.session) {
    showSession(state.session);
  } else {
    search(0);
  }
}

function setStatus(text, isError) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', Boolean(isError));
}

async function search(offset) {
  const asked = ++latest;
  $('session').hidden = true;
  $('hits').hidden = false;
  $('facets').hidden = false;
  document.querySelector('main').classList.remove('reading');
  document.title = state.q.trim() ? `${state.q} – confsearch` : 'confsearch';
  renderFilters();
  const p = params(state);
  p.set('limit', String(PAGE));
  if (offset) p.set('offset', String(offset));
  let results;
  let others;
  try {
    // Counts of a field with values chosen are counted without them, so other values of
    // that field can be added (OR) instead of the list shrinking to the chosen ones.
    const chosen = FACETS.filter((f) => state.filters[f].length);
    [results, others] = await Promise.all([
      api('/api/search?' + p),
      offset ? Promise.resolve([]) : Promise.all(chosen.map((f) => {
        const without = params(state, { without: f });
        without.set('limit', '0');
        return api('/api/search?' + without).then((r) => [f, r.facets[f] || {}]);
      })),
    ]);
  } catch (e) {
    if (asked !== latest) return;
    hits = [];
    total = 0;
    $('hits').replaceChildren();
    $('more').hidden = true;
    renderWarnings([]);
    setStatus(`Error: ${e.message}`, true);
    return;
  }
  if (asked !== latest) return;
  if (offset) {
    hits = hits.concat(results.hits);
  } else {
    hits = results.hits;
    selected = -1;
    renderWarnings(results.warnings || []);
    const facets = Object.assign({}, results.facets);
    for (const [f, counts] of others) facets[f] = counts;
    renderFacets(facets);
  }
  total = results.total;
  renderHits(results, offset);
}

// What the query warns of (a filter value that matches no session, with the closest ones):
// the message `confsearch query` prints, as text, above the results.
function renderWarnings(warnings) {
  const box = $('warnings');
  box.replaceChildren(...warnings.map((w) => element('p', null, w.message)));
  box.hidden = warnings.length === 0;
}

function renderHits(results, offset) {
  const list = $('hits');
  if (!offset) list.replaceChildren();
  results.hits.forEach((hit, i) => list.append(hitItem(hit, offset + i)));
  $('more').hidden = hits.length >= total;
  const status = $('status');
  status.classList.remove('error');
  if (total === 0) {
    status.replaceChildren('No sessions match.');
    if (results.suggestion) {
      const button = element('button', 'suggestion', results.suggestion);
      button.type = 'button';
      button.addEventListener('click', () => {
        state.q = results.suggestion;
        $('q').value = state.q;
        go(true);
      });
      status.append(' Did you mean ', button, '?');
    } else if (anyFilter()) {
      status.append(' Remove a filter above to see more.');
    }
    return;
  }
  const what = plural(total, 'session', 'sessions');
  status.textContent = hits.length < total ? `${hits.length} of ${what}` : what;
}

function anyFilter() {
  return FACETS.some((f) => state.filters[f].length) || BOUNDS.some((b) => state[b]);
}

function hitItem(hit, index) {
  const li = element('li', 'hit');
  li.dataset.index = String(index);
  li.id = `hit-${index}`;
  const h3 = element('h3');
  const a = element('a');
  a.href = pageUrl(Object.assign({}, state, { session: hit.id }));
  appendHighlighted(a, hit.title, hit.title_highlights);
  h3.append(a);
  li.append(h3);
  if (hit.speakers.length) li.append(element('div', 'speakers', hit.speakers.join(', ')));
  // A talk read from an official programme is marked, as `query` marks it.
  const kind = hit.from === 'schedule' ? `${hit.kind} [programme]` : hit.kind;
  const meta = [kind, when(hit), hit.conference,
    hit.room ? hit.room + (hit.attended ? ' (attended)' : '') : null,
    hit.themes.join(', ')].filter(Boolean);
  li.append(element('div', 'meta', meta.join(' · ')));
  for (const snippet of [hit.snippet, hit.second_snippet]) {
    if (!snippet || !snippet.text.trim()) continue;
    const p = element('p', 'snippet');
    appendHighlighted(p, snippet.text, snippet.highlights);
    li.append(p);
  }
  const links = hit.links.length ? ` · ${plural(hit.links.length, 'link', 'links')}` : '';
  li.append(element('div', 'place', `${hit.source.path}:${hit.source.line}${links}`));
  li.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(hit.id);
  });
  return li;
}

function sortedValues(field, counts) {
  const entries = Object.entries(counts);
  if (field === 'year') return entries.sort((a, b) => b[0].localeCompare(a[0]));
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function renderFacets(facets) {
  const aside = $('facets');
  aside.replaceChildren();
  for (const field of FACETS) {
    const counts = Object.assign({}, facets[field] || {});
    for (const v of state.filters[field]) if (!(v in counts)) counts[v] = 0;
    const values = sortedValues(field, counts);
    if (!values.length) continue;
    const section = element('section');
    section.dataset.facet = field;
    section.append(element('h2', null, FACET_TITLES[field]));
    const ul = element('ul');
    const all = expanded.has(field);
    values.forEach(([value, count], i) => {
      const on = state.filters[field].includes(value);
      if (!all && i >= SHOWN_VALUES && !on) return;
      const button = element('button');
      button.type = 'button';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.dataset.value = value;
      button.append(element('span', 'value', value), element('span', 'count', String(count)));
      button.title = value;
      button.addEventListener('click', () => toggle(field, value));
      const li = element('li');
      li.append(button);
      ul.append(li);
    });
    section.append(ul);
    if (values.length > SHOWN_VALUES) {
      const more = element('button', 'more-values', all ? 'fewer' : `all ${values.length}`);
      more.type = 'button';
      more.addEventListener('click', () => {
        if (all) expanded.delete(field); else expanded.add(field);
        renderFacets(facets);
      });
      section.append(more);
    }
    aside.append(section);
  }
}

function renderFilters() {
  const box = $('filters');
  box.replaceChildren();
  for (const bound of BOUNDS) {
    if (!state[bound]) continue;
    const chip = element('button', null, `${bound}: ${state[bound]} ×`);
    chip.type = 'button';
    chip.title = 'Remove this filter';
    chip.addEventListener('click', () => {
      state[bound] = '';
      go(true);
    });
    box.append(chip);
  }
  for (const field of FACETS) {
    for (const value of state.filters[field]) {
      const chip = element('button', null, `${field}: ${value} ×`);
      chip.type = 'button';
      chip.title = 'Remove this filter';
      chip.addEventListener('click', () => toggle(field, value));
      box.append(chip);
    }
  }
}

function toggle(field, value) {
  const values = state.filters[field];
  state.filters[field] = values.includes(value) ? values.filter((v) => v !== value) : values.concat([value]);
  go(true);
}

function open(id) {
  state.session = id;
  go(true, { fromResults: true });
}

async function showSession(id) {
  const asked = ++latest;
  const view = $('session');
  let session;
  try {
    session = await api('/api/sessions/' + encodeURIComponent(id));
  } catch (e) {
    if (asked !== latest) return;
    $('hits').hidden = true;
    $('more').hidden = true;
    view.hidden = true;
    renderWarnings([]);
    setStatus(`Error: ${e.message}`, true);
    return;
  }
  if (asked !== latest) return;
  $('hits').hidden = true;
  $('more').hidden = true;
  $('facets').hidden = true;
  renderWarnings([]);
  document.querySelector('main').classList.add('reading');
  $('filters').replaceChildren();
  setStatus('');
  document.title = `${session.title} – confsearch`;
  const back = element('button', 'back', '← results');
  back.type = 'button';
  back.addEventListener('click', closeSession);
  const rows = [
    ['speakers', session.speakers.join(', ')],
    ['kind', session.kind],
    ['from', session.from === 'schedule' ? 'programme' : null],
    ['when', when(session)],
    ['conference', session.conference],
    ['room', session.room ? session.room + (session.attended ? ' (attended)' : '') : null],
    ['themes', session.themes.join(', ')],
    ['tags', session.tags.join(', ')],
    ['source', `${session.source.path}:${session.source.line}`],
    ['id', session.id],
  ];
  const dl = element('dl');
  for (const [k, v] of rows) {
    if (!v) continue;
    dl.append(element('dt', null, k), element('dd', null, v));
  }
  const parts = [back, element('h2', null, session.title), dl];
  if (session.links.length) {
    parts.push(element('h3', null, plural(session.links.length, 'link', 'links')));
    const ul = element('ul', 'links');
    for (const link of session.links) {
      const li = element('li');
      const href = safeUrl(link.url);
      if (href) {
        const a = element('a', null, link.url);
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        li.append(a);
      } else {
        li.append(link.url);
      }
      ul.append(li);
    }
    parts.push(ul);
  }
  if (session.body) parts.push(element('pre', 'body', session.body));
  if (session.related && session.related.length) {
    parts.push(element('h3', null, 'Related'));
    const ul = element('ul', 'related');
    for (const other of session.related) {
      const a = element('a', null, other.title);
      a.href = pageUrl(Object.assign({}, state, { session: other.id }));
      a.addEventListener('click', (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        state.session = other.id;
        go(true);
      });
      const li = element('li');
      li.append(a);
      ul.append(li);
    }
    parts.push(ul);
  }
  view.replaceChildren(...parts);
  view.hidden = false;
  back.focus();
}

function closeSession() {
  // Back to the results this session was opened from, when it was opened here.
  if (history.state && history.state.fromResults) {
    history.back();
    return;
  }
  state.session = null;
  go(true);
}

// ---- input ----

$('q').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.q = $('q').value;
    state.session = null;
    go(false);
  }, 150);
});

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  if (selected >= 0 && hits[selected]) {
    open(hits[selected].id);
    return;
  }
  state.q = $('q').value;
  state.session = null;
  go(true);
});

$('sort').addEventListener('change', () => {
  state.sort = $('sort').value;
  go(true);
});

$('more').addEventListener('click', () => search(hits.length));

$('home').addEventListener('click', (event) => {
  event.preventDefault();
  state = {
    q: '', sort: 'score', since: '', until: '', session: null,
    filters: Object.fromEntries(FACETS.map((f) => [f, []])),
  };
  $('q').value = '';
  go(true);
  $('q').focus();
});

function select(index) {
  const items = $('hits').children;
  if (!items.length) return;
  selected = Math.max(0, Math.min(index, items.length - 1));
  for (const li of items) li.classList.toggle('selected', Number(li.dataset.index) === selected);
  items[selected].scrollIntoView({ block: 'nearest' });
  $('q').setAttribute('aria-activedescendant', items[selected].id);
}

document.addEventListener('keydown', (event) => {
  const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (event.key === '/' && !inField) {
    event.preventDefault();
    $('q').focus();
    $('q').select();
    return;
  }
  if (!$('session').hidden) {
    if (event.key === 'Escape' || (event.key === 'Backspace' && !inField)) {
      event.preventDefault();
      closeSession();
    }
    return;
  }
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    select(selected + 1);
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    select(selected - 1);
  } else if (event.key === 'Enter' && !inField && selected >= 0 && hits[selected]) {
    event.preventDefault();
    open(hits[selected].id);
  } else if (event.key === 'Escape' && inField && event.target.id === 'q') {
    selected = -1;
    for (const li of $('hits').children) li.classList.remove('selected');
  }
});

$('q').value = state.q;
render();
$('q').focus();
