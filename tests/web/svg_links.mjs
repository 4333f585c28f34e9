// svg_links.mjs - a graph picture's links in headless Chromium (docs/sources.md):
//
//   node tests/web/svg_links.mjs GRAPH.svg GRAPH.json
//
// GRAPH.svg is `geopol graph --format svg` of some input, GRAPH.json
// `geopol graph --format json` of the same. With the real mouse: a click on
// the middle of an edge's curve, and a click on its label, ask the browser
// for the edge's first source with a web address (a citation's URL, or an
// inline URL; every request that is not file: is refused and recorded), in
// a new tab; a click on an edge without one asks for nothing. The tooltip
// (the <a>'s title) starts with the edge's ends and its count.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser } from './browser.mjs';

const [svgPath, graphPath] = process.argv.slice(2);
if (!graphPath) {
	console.error('usage: node tests/web/svg_links.mjs GRAPH.svg GRAPH.json');
	process.exit(2);
}
const graph = JSON.parse(fs.readFileSync(graphPath, 'utf8'));
const names = Object.fromEntries(graph.nodes.map((n) => [n.id, n.label]));
let failed = 0, passed = 0;
function check(ok, msg) {
	if (ok) passed++;
	else { failed++; console.log(`FAIL: ${msg}`); }
	return ok;
}
const firstUrl = (e) => e.sources.map((s) => (graph.citations[s] ? graph.citations[s].url : s))
	.find((u) => u && /^https?:\/\//.test(u)) || null;
const head = (e) => `${names[e.source]} ${e.directed ? '→' : '↔'} ${names[e.target]}: ${e.count} event${e.count === 1 ? '' : 's'}`;

const { browser, page, blocked } = await openBrowser();
try {
	await page.goto(pathToFileURL(path.resolve(svgPath)).href);
	// Each edge's tooltip, and how many links it has.
	const targets = await page.evaluate(() => [...document.querySelectorAll('g.edge')].map((g, k) => {
		const as = [...g.querySelectorAll('a')];
		const tip = as.length ? as[0].getAttributeNS('http://www.w3.org/1999/xlink', 'title') || '' : '';
		return { head: tip.split('\n')[0], k, anchors: as.length };
	}));
	const byHead = new Map(targets.map((t) => [t.head, t]));
	// The middle of edge group k's curve or label, scrolled into view, in page pixels.
	const pointOf = (k, what) => page.evaluate(({ k, what }) => {
		const g = document.querySelectorAll('g.edge')[k];
		const el = g.querySelector(what === 'curve' ? 'path' : 'text');
		if (!el) return null;
		el.scrollIntoView({ block: 'center', inline: 'center' });
		if (what === 'label') {
			const b = el.getBoundingClientRect();
			return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
		}
		// A dashed or dotted curve (claims, plans: docs/claims.md) is hit only on its
		// dashes: the first of a few points along it that the browser hits on the stroke.
		const m = el.getScreenCTM(), len = el.getTotalLength();
		let first = null;
		for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
			const p = el.getPointAtLength(len * f);
			const at = { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
			first = first || at;
			if (document.elementFromPoint(at.x, at.y) === el) return at;
		}
		return first;
	}, { k, what });
	// What the browser's own hit-testing finds under a point: the link around it.
	const linkAt = (at) => page.evaluate(({ x, y }) => {
		const el = document.elementFromPoint(x, y);
		const a = el && el.closest('a');
		return a ? { href: a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || a.getAttribute('href'),
			target: a.getAttribute('target'), tip: a.getAttributeNS('http://www.w3.org/1999/xlink', 'title') } : null;
	}, at);
	let withUrl = 0, clicked = false;
	for (const e of graph.edges) {
		const t = byHead.get(head(e));
		if (!check(t !== undefined, `no edge in the picture has the tooltip ${head(e)}`)) continue;
		check(t.anchors >= 2, `${head(e)}: ${t.anchors} links, want the edge's and its label's`);
		const url = firstUrl(e);
		withUrl += url !== null;
		for (const what of ['curve', 'label']) {
			const at = await pointOf(t.k, what);
			if (!at) continue;
			const a = await linkAt(at);
			// Two edges of one pair (A → B, B → A) drawn straight lie on each other: either is right there.
			const pair = (h) => h.replace(/: .*$/, '').split(/ [→↔] /).sort().join('\u0000');
			if (a && a.tip.split('\n')[0] !== head(e) && pair(a.tip.split('\n')[0]) === pair(head(e))) continue;
			if (!check(a !== null && a.tip.split('\n')[0] === head(e), `${head(e)}: its ${what} is not inside its link (${JSON.stringify(a)})`)) continue;
			check((a.href || null) === url, `${head(e)}: its ${what} links to ${a.href}, want ${url}`);
			if (url) check(a.target === '_blank', `${head(e)}: its ${what} opens in the same tab`);
		}
		// One real click: the browser asks for the source (refused: no network in tests).
		if (url && !clicked) {
			clicked = true;
			const before = blocked.length, at = await pointOf(t.k, 'curve');
			await page.mouse.click(at.x, at.y);
			for (let k = 0; k < 20 && !blocked.slice(before).includes(url); k++) await page.waitForTimeout(100);
			check(blocked.slice(before).includes(url), `${head(e)}: a click on it asked for ${JSON.stringify(blocked.slice(before))}, want ${url}`);
		}
	}
	check(withUrl > 0 && clicked, 'no edge with a web source was clicked');
	check(page.url().startsWith('file:'), `the picture's own tab went to ${page.url()}`);
} finally {
	await browser.close();
}
console.log(`${path.basename(svgPath)}: ${passed}/${passed + failed} checks passed`);
process.exit(failed ? 1 : 0);
