// timeline_formats.mjs - geopol's vis and TimelineJS timelines (DESIGN §8)
// loaded unchanged in the real clients, vis-timeline and TimelineJS3 from
// web/node_modules, in headless Chromium, and what they read compared with
// timeline.json and with the input files:
//
//   node tests/web/timeline_formats.mjs BASE INPUT...
//
// BASE.vis.json, BASE.timelinejs.json and BASE.json are `geopol timeline
// --format vis|timelinejs|json` of the INPUT files (same filters, same
// --as-of). Checks, for each client:
//   - it loads without a console error, and requests nothing;
//   - every event of timeline.json is there exactly once, nothing else:
//     vis draws one item element per event (the window fitted to all), a
//     point or a range as the date asks; TimelineJS keeps every event (it
//     drops those with dates it refuses) and makes a slide per event and one
//     for the title;
//   - the dates it read are the event's: vis's start and (exclusive) end,
//     TimelineJS's date parts, only those known; open and unknown ends at the
//     edge of the events' known time span, computed here from timeline.json;
//   - the group is the country of the first acting actor at the event's
//     start, computed here from the input files' actors and memberships;
//   - the title is shown as written (HTML special characters included).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser, moduleFile, root } from './browser.mjs';

const [base, ...inputs] = process.argv.slice(2);
if (!base || !inputs.length) {
	console.error('usage: node tests/web/timeline_formats.mjs BASE INPUT...');
	process.exit(2);
}
const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const visDoc = readJson(`${base}.vis.json`);
const tjsDoc = readJson(`${base}.timelinejs.json`);
const tl = readJson(`${base}.json`);
const name = path.basename(base);

let failures = 0;
function fail(msg) {
	failures++;
	if (failures <= 40) console.log(`FAIL: ${name}: ${msg}`);
}

// ---------------------------------------------------------------- dates

const pad = (n, w = 2) => String(n).padStart(w, '0');
const ymd = (y, m, d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
function addDays(day, k) {
	const t = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + k));
	return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
const lastOfMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const unitYears = { year: 1, decade: 10, century: 100 };
function unitFirst(t, p) {
	const y = +t.slice(0, 4), m = +t.slice(5, 7);
	if (['second', 'minute', 'day'].includes(p)) return t.slice(0, 10);
	if (p === 'month') return ymd(y, m, 1);
	return ymd(y - (y % unitYears[p]), 1, 1);
}
function unitLast(t, p) {
	const y = +t.slice(0, 4), m = +t.slice(5, 7);
	if (['second', 'minute', 'day'].includes(p)) return t.slice(0, 10);
	if (p === 'month') return ymd(y, m, lastOfMonth(y, m));
	return ymd(y - (y % unitYears[p]) + unitYears[p] - 1, 12, 31);
}
// --as-of as the text timeline reads it: a month or a year is its last day.
function asOfDay(a) {
	if (a.length === 4) return `${a}-12-31`;
	if (a.length === 7) return ymd(+a.slice(0, 4), +a.slice(5, 7), lastOfMonth(+a.slice(0, 4), +a.slice(5, 7)));
	return a.slice(0, 10);
}

// The events' known time span (DESIGN §8), from timeline.json alone.
function knownSpan(doc) {
	let first = null, last = null;
	const lo = (d) => { if (first === null || d < first) first = d; };
	const hi = (d) => { if (last === null || d > last) last = d; };
	for (const e of doc.events) {
		const d = e.date;
		if (d.start) lo(d.start.slice(0, 10)); else lo(unitFirst(d.end, d.precision));
		if (d.end) hi(d.end.slice(0, 10)); else hi(unitLast(d.start, d.precision));
	}
	if (doc.as_of) hi(asOfDay(doc.as_of));
	return { first, last };
}
const span = knownSpan(tl);

// ---------------------------------------------------------------- groups

function loadActors(files) {
	const actors = new Map();
	for (const f of files) {
		const text = fs.readFileSync(f, 'utf8');
		const docs = /\.(jsonl|ndjson)$/.test(f) ? text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : [JSON.parse(text)];
		for (const d of docs) {
			for (const a of d.actors || []) if (!actors.has(a.id)) actors.set(a.id, a);
			if (d.actor && !actors.has(d.actor.id)) actors.set(d.actor.id, d.actor);
		}
	}
	return actors;
}
const actors = loadActors(inputs);

// The first and last day an EDTF membership bound covers (YYYY, YYYY-MM, YYYY-MM-DD).
function edtfDays(t) {
	t = t.replace(/[~?%]$/, '');
	if (t.length === 4) return [`${t}-01-01`, `${t}-12-31`];
	if (t.length === 7) return [`${t}-01`, ymd(+t.slice(0, 4), +t.slice(5, 7), lastOfMonth(+t.slice(0, 4), +t.slice(5, 7)))];
	return [t.slice(0, 10), t.slice(0, 10)];
}
const bounded = (t) => t && t !== '..' && t !== 'ongoing';

// The country an actor belongs to on `day` (null: open start), as DESIGN §4 maps it; null when none.
function countryOf(id, day) {
	for (let cur = id, steps = 0; steps <= actors.size; steps++) {
		const a = actors.get(cur);
		if (!a) return null; // an actor no file defines: a group of its own
		if (a.kind === 'country') return cur;
		if (!a.part_of) return null;
		const ms = typeof a.part_of === 'string' ? [{ id: a.part_of }] : a.part_of;
		const m = ms.find((m) => day === null ||
			((!bounded(m.from) || edtfDays(m.from)[0] <= day) && (!bounded(m.to) || day <= edtfDays(m.to)[1])));
		if (!m) return null;
		cur = m.id;
	}
	return null;
}
function expectedGroup(e) {
	const first = e.source[0] ?? e.participants[0] ?? e.target[0];
	return (first && countryOf(first, e.date.start ? e.date.start.slice(0, 10) : null)) || 'other';
}

// The precision of each side of an EDTF date as written (2025-01/2025-08-05: month, day).
function sidePrecisions(edtf) {
	const prec = (t) => {
		t = t.replace(/[~?%]$/, '');
		// The time's colons, its zone (Z, +02:00) left out.
		if (t.includes('T')) return (t.split('T')[1].replace(/(Z|[+-]\d\d(:?\d\d)?)$/, '').match(/:/g) || []).length === 2 ? 'second' : 'minute';
		if (t.length === 4) return t.endsWith('XX') ? 'century' : t.endsWith('X') ? 'decade' : 'year';
		if (t.length === 7) return t.endsWith('XX') ? 'year' : 'month';
		return t.endsWith('XX-XX') ? 'year' : t.endsWith('XX') ? 'month' : 'day';
	};
	const sides = edtf.split('/');
	return sides.length === 1 ? [prec(sides[0]), prec(sides[0])]
		: sides.map((t) => (t === '' || t === '..' ? null : prec(t)));
}

// What each event should look like in the clients.
const want = new Map(tl.events.map((e) => {
	const d = e.date, p = d.precision;
	const single = !(d.edtf || '').includes('/');
	const point = !!(d.start && d.end && ['second', 'minute', 'day'].includes(p) &&
		((!d.start.includes('T') && !d.end.includes('T') && d.start === d.end) || (single && p !== 'day')));
	const visEnd = d.end ? (d.end.includes('T') ? new Date(Date.parse(d.end) + 1000).toISOString().replace('.000', '') : addDays(d.end, 1))
		: addDays(span.last, 1);
	return [e.id, { e, point, visStart: d.start || span.first, visEnd, group: expectedGroup(e) }];
}));

// ------------------------------------------------------------ the pages

const tmp = path.join(root, 'tests/tmp/web');
fs.mkdirSync(tmp, { recursive: true });
function page(file, css, js, body) {
	const f = path.join(tmp, file);
	fs.writeFileSync(f, `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${pathToFileURL(moduleFile(css))}">
<script src="${pathToFileURL(moduleFile(js))}"></script></head>
<body>${body}</body></html>`);
	return pathToFileURL(f).href;
}
const visPage = page(`${name}-vis.html`, 'vis-timeline/styles/vis-timeline-graph2d.min.css',
	'vis-timeline/standalone/umd/vis-timeline-graph2d.min.js', '<div id="tl"></div>');
const tjsPage = page(`${name}-timelinejs.html`, '@knight-lab/timelinejs/dist/css/timeline.css',
	'@knight-lab/timelinejs/dist/js/timeline.js', '<div id="tl" style="width: 1200px; height: 700px"></div>');

// ------------------------------------------------------------------ vis

async function checkVis(pg) {
	await pg.goto(visPage);
	const got = await pg.evaluate(async (data) => {
		// The line DESIGN §8 and the README give, with the DataSets vis reads.
		const timeline = new vis.Timeline(document.getElementById('tl'), new vis.DataSet(data.items),
			new vis.DataSet(data.groups), { stack: true });
		timeline.fit({ animation: false });
		await new Promise((r) => setTimeout(r, 300));
		timeline.redraw();
		await new Promise((r) => setTimeout(r, 300));
		const local = (t) => t && [t.getFullYear(), t.getMonth() + 1, t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds()];
		const drawn = [...document.querySelectorAll('#tl .vis-itemset .vis-item:not(.vis-dot)')].map((el) => {
			const it = el['vis-item'];
			return {
				id: it && it.id, classes: el.className, group: it && it.parent && it.parent.groupId,
				text: (el.querySelector('.vis-item-content') || el).textContent,
				start: it && it.data.start.getTime(), startLocal: it && local(it.data.start),
				end: it && it.data.end ? it.data.end.getTime() : null, endLocal: it && local(it.data.end),
				tooltip: it && it.data.title,
			};
		});
		const labels = [...document.querySelectorAll('#tl .vis-labelset .vis-label')].map((l) => l.textContent);
		return { drawn, labels };
	}, visDoc);
	// Dates as vis reads them: a date is its local midnight, an instant exact.
	const sameAs = (ms, local, text) => text.includes('T')
		? ms === Date.parse(text)
		: local && ymd(local[0], local[1], local[2]) === text && local[3] === 0 && local[4] === 0 && local[5] === 0;
	const seen = new Set();
	if (got.drawn.length !== tl.events.length) fail(`vis drew ${got.drawn.length} items for ${tl.events.length} events`);
	for (const it of got.drawn) {
		const w = want.get(it.id);
		if (!w) { fail(`vis drew an item '${it.id}' that is no event`); continue; }
		if (seen.has(it.id)) fail(`vis drew '${it.id}' twice`);
		seen.add(it.id);
		const e = w.e, cls = it.classes.split(/\s+/);
		if (cls.includes('vis-point') !== w.point || cls.includes('vis-range') === w.point) {
			fail(`${e.id}: drawn as ${it.classes}, want a ${w.point ? 'point' : 'range'}`);
		}
		if (!sameAs(it.start, it.startLocal, w.visStart)) fail(`${e.id}: vis start ${it.startLocal}, want ${w.visStart}`);
		if (w.point && it.end !== null) fail(`${e.id}: a point with an end`);
		if (!w.point && (it.end === null || !sameAs(it.end, it.endLocal, w.visEnd))) {
			fail(`${e.id}: vis end ${it.endLocal}, want ${w.visEnd}`);
		}
		if (it.group !== w.group) fail(`${e.id}: vis group ${it.group}, want ${w.group}`);
		if (it.text !== e.title) fail(`${e.id}: vis shows ${JSON.stringify(it.text)}, want ${JSON.stringify(e.title)}`);
		const tokens = [`precision-${e.date.precision}`, e.weight > 0 ? 'cooperation' : e.weight < 0 ? 'conflict' : 'neutral'];
		if (e.date.approximate) tokens.push('approximate');
		if (e.date.uncertain) tokens.push('uncertain');
		if (!e.date.start) tokens.push('open-start');
		if (!e.date.end) tokens.push('open-end');
		for (const t of tokens) if (!cls.includes(t)) fail(`${e.id}: class ${t} missing from ${it.classes}`);
		if (!e.date.end && !it.tooltip.includes(`shown until ${span.last}`)) fail(`${e.id}: the tooltip does not say where the open end stops`);
		if (!e.date.start && !it.tooltip.includes(`shown from ${span.first}`)) fail(`${e.id}: the tooltip does not say where the open start stops`);
	}
	for (const id of want.keys()) if (!seen.has(id)) fail(`${id}: not drawn by vis`);
	const groups = [...new Set([...want.values()].map((w) => w.group))].sort();
	const ids = visDoc.groups.map((g) => g.id);
	if (JSON.stringify(ids) !== JSON.stringify(groups)) fail(`vis groups ${ids}, want ${groups} (sorted)`);
	if (got.labels.length !== groups.length) fail(`vis drew ${got.labels.length} group labels for ${groups.length} groups`);
	const points = got.drawn.filter((d) => d.classes.includes('vis-point')).length;
	return `vis: ${got.drawn.length} items (${points} points, ${got.drawn.length - points} ranges) in ${got.labels.length} groups`;
}

// ----------------------------------------------------------- TimelineJS

async function checkTimelineJS(pg) {
	await pg.goto(tjsPage);
	const got = await pg.evaluate(async ({ data, jsDir }) => {
		// The line the README gives; the options only keep TimelineJS's own
		// assets off the network (its fonts come from Google's by default).
		const timeline = new TL.Timeline('tl', data, { script_path: jsDir, font: null });
		await new Promise((r) => setTimeout(r, 800));
		const c = timeline.config;
		return {
			errors: c.messages ? c.messages.errors.map(String) : [],
			warnings: c.messages ? c.messages.warnings.map(String) : [],
			title: !!c.title,
			events: c.events.map((e) => ({ id: e.unique_id, group: e.group, display: e.display_date,
				start: e.start_date && e.start_date.data, end: e.end_date && e.end_date.data })),
			slides: document.querySelectorAll('#tl .tl-slide').length,
			markers: document.querySelectorAll('#tl .tl-timemarker').length,
			headlines: Object.fromEntries([...document.querySelectorAll('#tl .tl-slide')].map((s) =>
				[s.id, (s.querySelector('.tl-headline') || { textContent: null }).textContent])),
		};
	}, { data: tjsDoc, jsDir: `${pathToFileURL(moduleFile('@knight-lab/timelinejs/dist/js'))}/` });
	if (got.errors.length) fail(`TimelineJS errors: ${got.errors.join('; ')}`);
	if (got.warnings.length) fail(`TimelineJS warnings: ${got.warnings.join('; ')}`);
	if (!got.title) fail('TimelineJS has no title slide');
	if (got.events.length !== tl.events.length) fail(`TimelineJS kept ${got.events.length} events of ${tl.events.length}`);
	if (got.slides !== tl.events.length + 1) fail(`TimelineJS made ${got.slides} slides for ${tl.events.length} events and a title`);
	if (got.markers !== tl.events.length) fail(`TimelineJS drew ${got.markers} markers for ${tl.events.length} events`);
	const seen = new Set();
	// The parts of a bound, as numbers: only those its precision knows.
	const parts = (t, p, clamped) => {
		const o = { year: +t.slice(0, 4) };
		if (clamped || !['year', 'decade', 'century'].includes(p)) o.month = +t.slice(5, 7);
		if (clamped || ['second', 'minute', 'day'].includes(p)) o.day = +t.slice(8, 10);
		if (!clamped && t.includes('T')) {
			o.hour = +t.slice(11, 13), o.minute = +t.slice(14, 16);
			if (p !== 'minute') o.second = +t.slice(17, 19);
		}
		return o;
	};
	const keys = ['year', 'month', 'day', 'hour', 'minute', 'second'];
	const compare = (id, side, got, wantParts) => {
		for (const k of keys) {
			const g = got && got[k] !== undefined && got[k] !== null && got[k] !== '' ? +got[k] : undefined;
			if (k in wantParts ? g !== wantParts[k] : g !== undefined) {
				fail(`${id}: TimelineJS ${side} ${k} = ${got && got[k]}, want ${wantParts[k]}`);
			}
		}
	};
	for (const ev of got.events) {
		const w = want.get(ev.id);
		if (!w) { fail(`TimelineJS has an event '${ev.id}' that is no event`); continue; }
		if (seen.has(ev.id)) fail(`TimelineJS has '${ev.id}' twice`);
		seen.add(ev.id);
		const d = w.e.date;
		const [sp, ep] = sidePrecisions(d.edtf);
		compare(ev.id, 'start', ev.start, d.start ? parts(d.start, sp, false) : parts(span.first, 'day', true));
		if (d.end && ev.end) compare(ev.id, 'end', ev.end, parts(d.end, ep, false));
		if (!d.end) {
			if (!ev.end) fail(`${ev.id}: an open end with no end_date`);
			else compare(ev.id, 'end', ev.end, parts(span.last, 'day', true));
		}
		if ((d.edtf || '').includes('/') && d.start !== d.end && !ev.end) fail(`${ev.id}: an interval with no end_date`);
		if (ev.group !== w.group) fail(`${ev.id}: TimelineJS group ${ev.group}, want ${w.group}`);
		const slide = Object.entries(got.headlines).find(([sid]) => sid === ev.id || sid === `${ev.id}`);
		if (!slide) fail(`${ev.id}: no slide with its id`);
		else if (slide[1] !== w.e.title) fail(`${ev.id}: the slide's headline reads ${JSON.stringify(slide[1])}`);
	}
	for (const id of want.keys()) if (!seen.has(id)) fail(`${id}: not in TimelineJS`);
	return `TimelineJS: ${got.events.length} events, ${got.slides} slides, ${got.markers} markers`;
}

const { browser, page: pg, blocked, errors } = await openBrowser();
const said = [];
try {
	said.push(await checkVis(pg));
	for (const e of errors.splice(0)) fail(`vis: console error: ${e}`);
	said.push(await checkTimelineJS(pg));
	for (const e of errors.splice(0)) fail(`TimelineJS: console error: ${e}`);
	for (const u of blocked) fail(`a request was made (and refused): ${u}`);
} finally {
	await browser.close();
}
console.log(`timeline formats (${name}): ${said.join('; ')}: ${failures ? `${failures} failed` : 'passed'}`);
process.exit(failures ? 1 : 0);
