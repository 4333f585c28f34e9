// viewer.mjs - geopol's viewer page (DESIGN §8) in headless Chromium, from
// file:, with every request that is not file:, data: or blob: refused:
//
//   node tests/web/viewer.mjs VIEW.html GRAPH.json TIMELINE.json [SHOT.png]
//
// VIEW.html is `geopol view` of some input at actor level, GRAPH.json and
// TIMELINE.json `geopol graph --format json` and `geopol timeline --format
// json` of the same input. What a person does is done with the real mouse
// and keyboard:
//   - the page loads with no request and no console error, no script of the
//     data runs (window.__xss stays unset, no dialog, only the page's scripts);
//   - Cytoscape holds graph.json's nodes and edges;
//   - a click on a node (at its rendered position) leaves on the timeline
//     exactly the events that node takes part in (from timeline.json), and
//     lists them with their sources' links; an edge shows graph.json's events
//     of that edge; a click on the background shows every event again;
//   - dragging the timeline chooses a time window: the graph keeps exactly
//     the actors and relations of the events in it; Reset shows all again;
//   - the search box finds an actor by an alias.
// SHOT.png: a screenshot of the page (1400x900), the first node clicked.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser } from './browser.mjs';

const [viewPath, graphPath, timelinePath, shot] = process.argv.slice(2);
if (!timelinePath) {
	console.error('usage: node tests/web/viewer.mjs VIEW.html GRAPH.json TIMELINE.json [SHOT.png]');
	process.exit(2);
}
const graph = JSON.parse(fs.readFileSync(graphPath, 'utf8'));
// Cytoscape's edge ids: e + index, primed where an actor has such an id (graph_interchange.c).
const primes = (() => {
	const taken = new Set(graph.nodes.map((n) => /^e[0-9]+('*)$/.exec(n.id)).filter(Boolean).map((m) => m[1].length));
	let k = 0;
	while (taken.has(k)) k++;
	return "'".repeat(k);
})();
const edgeId = (k) => `e${k}${primes}`;
const tl = JSON.parse(fs.readFileSync(timelinePath, 'utf8'));
const name = path.basename(viewPath);
let failures = 0, checks = 0;
function check(ok, msg) {
	checks++;
	if (!ok) {
		failures++;
		console.log(`FAIL: ${name}: ${msg}`);
	}
	return ok;
}
const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const show = (a) => JSON.stringify([...a].sort()).slice(0, 300);

// What each node takes part in: source, target, participant (not about).
const actorsOf = (e) => [...e.source, ...e.target, ...e.participants];
const eventsOfNode = (id) => tl.events.filter((e) => actorsOf(e).includes(id)).map((e) => e.id);

const { browser, page, blocked, errors } = await openBrowser();
const dialogs = [];
page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
try {
	await page.goto(pathToFileURL(path.resolve(viewPath)).href);
	await page.waitForFunction(() => window.cy && window.timeline && window.geopolView, null, { timeout: 15000 });
	await page.waitForTimeout(400);

	const base = await page.evaluate(() => ({
		nodes: cy.nodes().map((n) => n.id()),
		edges: cy.edges().length,
		scripts: document.scripts.length,
		xss: window.__xss,
		shown: geopolView.shownEvents(),
	}));
	check(base.xss === undefined, `a script from the data ran (window.__xss = ${base.xss})`);
	check(base.scripts === 6, `the page holds ${base.scripts} script elements, not 6 (3 data blocks, 3 scripts)`);
	check(sameSet(base.nodes, graph.nodes.map((n) => n.id)), `Cytoscape has ${base.nodes.length} nodes, graph.json ${graph.nodes.length}`);
	check(base.edges === graph.edges.length, `Cytoscape has ${base.edges} edges, graph.json ${graph.edges.length}`);
	check(sameSet(base.shown, tl.events.map((e) => e.id)), `the timeline opens with ${base.shown.length} events, timeline.json has ${tl.events.length}`);

	// ---- edges drawn by how firm their events are (docs/claims.md), as the pictures.
	const styles = await page.evaluate(() => cy.edges().map((e) => e.style('line-style')));
	graph.edges.forEach((e, k) => {
		const st = e.statuses || {};
		const want = (st.confirmed || 0) + (st.reported || 0) > 0 ? 'solid' : (st.planned || 0) === e.count ? 'dotted' : 'dashed';
		check(styles[k] === want, `edge ${k} (${e.source} ${e.target}) drawn ${styles[k]}, its statuses say ${want}`);
	});
	const legendText = await page.evaluate(() => document.getElementById('legend').textContent);
	check(styles.includes('dashed') === legendText.includes('dashed: only claimed'), `the legend and the dashed edges disagree`);

	// ---- a real click on each of a few nodes: the biggest, and the last.
	const box = await page.evaluate(() => { const r = document.getElementById('graph').getBoundingClientRect(); return { x: r.x, y: r.y }; });
	const ranked = graph.nodes.slice().sort((a, b) => b.pagerank - a.pagerank);
	const targets = [...new Set([ranked[0], ranked[ranked.length - 1]].map((n) => n.id))];
	for (const id of targets) {
		await page.evaluate((nid) => { cy.nodes().removeClass('out'); cy.$id(nid).style('z-index', 99); }, id);
		const pos = await page.evaluate((nid) => cy.$id(nid).renderedPosition(), id);
		await page.mouse.click(box.x + pos.x, box.y + pos.y);
		await page.waitForTimeout(150);
		const got = await page.evaluate(() => ({
			selected: geopolView.state.selected && geopolView.state.selected.id(),
			items: timeline.itemsData.getIds(),
			listed: [...document.querySelectorAll('#details li')].map((li) => li.dataset.event),
			links: [...document.querySelectorAll('#details li a[href]')].map((a) => a.getAttribute('href')),
			srcs: document.querySelectorAll('#details li .src').length,
		}));
		const want = eventsOfNode(id);
		if (!check(got.selected === id, `a click on node ${id} selected ${got.selected}`)) continue;
		if (shot && id === targets[0]) await page.screenshot({ path: shot });
		check(sameSet(got.items, want), `node ${id}: the timeline shows ${show(got.items)}, its events are ${show(want)}`);
		const node = graph.nodes.find((n) => n.id === id);
		check(got.items.length === node.events, `node ${id}: ${got.items.length} events shown, graph.json says ${node.events}`);
		const onEdges = graph.edges.filter((e) => e.source === id || e.target === id).flatMap((e) => e.events);
		check(onEdges.every((e) => got.items.includes(e)), `node ${id}: an event of its edges is not shown`);
		check(sameSet(got.listed, want), `node ${id}: the details list ${show(got.listed)}`);
		const withSources = want.filter((eid) => tl.events.find((e) => e.id === eid).sources.length).length;
		check(got.srcs === withSources, `node ${id}: ${got.srcs} events listed with sources, ${withSources} have some`);
		check(got.links.every((u) => /^https?:\/\//.test(u)), `node ${id}: a link that is no web address: ${show(got.links)}`);
		// A cited event shows its citation's title, linked to its URL, never the bare id.
		const srcText = await page.evaluate(() => [...document.querySelectorAll('#details li')].map((li) => [li.dataset.event, li.querySelector('.src') ? li.querySelector('.src').textContent : '']));
		for (const [eid, text] of srcText) {
			for (const s of tl.events.find((e) => e.id === eid).sources) {
				const c = tl.citations[s];
				if (!c) continue;
				check(text.includes(c.title || s) && (!c.title || c.title.includes(s) || !text.includes(s)),
					`node ${id}: event ${eid} shows its source ${s} as ${JSON.stringify(text)}`);
				if (c.url) check(got.links.includes(c.url), `node ${id}: event ${eid}: no link to ${c.url}`);
			}
		}
	}

	// ---- the background: everything again.
	const empty = await page.evaluate(() => {
		// A point of the graph with no element near it.
		const w = cy.width(), h = cy.height();
		for (let y = 5; y < h; y += 20) {
			for (let x = 5; x < w; x += 20) {
				const hit = cy.elements().some((el) => {
					const b = el.renderedBoundingBox({ includeLabels: true });
					return x > b.x1 - 8 && x < b.x2 + 8 && y > b.y1 - 8 && y < b.y2 + 8;
				});
				if (!hit) return { x, y };
			}
		}
		return null;
	});
	if (check(empty !== null, 'no empty point in the graph to click')) {
		await page.mouse.click(box.x + empty.x, box.y + empty.y);
		await page.waitForTimeout(150);
		const all = await page.evaluate(() => ({ sel: geopolView.state.selected, items: timeline.itemsData.getIds() }));
		check(all.sel === null && all.items.length === tl.events.length,
			`a click on the background left ${all.items.length} of ${tl.events.length} events`);
	}

	// ---- an edge: its events, as graph.json lists them.
	for (const k of [0, graph.edges.length - 1]) {
		if (k < 0) break;
		const items = await page.evaluate((eid) => { geopolView.select(eid); return timeline.itemsData.getIds(); }, edgeId(k));
		check(sameSet(items, graph.edges[k].events), `edge e${k}: the timeline shows ${show(items)}, graph.json ${show(graph.edges[k].events)}`);
		// Its sources, from graph.json's `sources` and `citations`: linked where a URL is known.
		const src = await page.evaluate(() => {
			const box = document.querySelector('#details .edge-src');
			return box && { text: box.textContent, links: [...box.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')) };
		});
		const e = graph.edges[k];
		const urls = e.sources.map((s) => (graph.citations[s] ? graph.citations[s].url : s)).filter((u) => u && /^https?:\/\//.test(u));
		if (check(src !== null, `edge e${k}: no sources shown`)) {
			check(sameSet(src.links, urls) && src.links.length === urls.length, `edge e${k}: links ${show(src.links)}, graph.json's sources give ${show(urls)}`);
			for (const s of e.sources) {
				const c = graph.citations[s];
				check(src.text.includes(c ? c.title : s), `edge e${k}: source ${s} not shown as ${c ? c.title : s}: ${JSON.stringify(src.text)}`);
			}
		}
	}
	await page.evaluate(() => geopolView.select(null));

	// ---- a drag on the timeline: the graph of the events in the window.
	const tlBox = await page.evaluate(() => {
		const r = document.querySelector('#timeline .vis-panel.vis-center').getBoundingClientRect();
		return { x: r.x, y: r.y, w: r.width, h: r.height };
	});
	const y = tlBox.y + Math.min(tlBox.h - 5, 12);
	await page.mouse.move(tlBox.x + tlBox.w * 0.3, y);
	await page.mouse.down();
	for (let s = 1; s <= 10; s++) await page.mouse.move(tlBox.x + tlBox.w * (0.3 + 0.02 * s), y);
	await page.mouse.up();
	await page.waitForTimeout(300);
	const win = await page.evaluate(() => {
		const w = timeline.getWindow();
		return {
			state: geopolView.state.window, start: w.start.getTime(), end: w.end.getTime(),
			// vis's own reading of each item's dates
			spans: Object.fromEntries(Object.values(timeline.itemSet.items).map((it) => [it.id, [it.data.start.getTime(), (it.data.end || it.data.start).getTime()]])),
			nodes: cy.nodes().filter((n) => n.visible()).map((n) => n.id()),
			edges: cy.edges().filter((e) => e.visible()).map((e) => e.id()),
		};
	});
	if (check(win.state !== null, 'dragging the timeline chose no time window')) {
		check(Math.abs(win.state.start - win.start) < 1000 && Math.abs(win.state.end - win.end) < 1000,
			'the window chosen is not the timeline\'s visible range');
		const inside = tl.events.filter((e) => win.spans[e.id] && win.spans[e.id][0] < win.end && win.spans[e.id][1] >= win.start);
		const nodes = [...new Set(inside.flatMap(actorsOf))];
		const ids = new Set(inside.map((e) => e.id));
		const edges = graph.edges.map((e, k) => [e, edgeId(k)]).filter(([e]) => e.events.some((x) => ids.has(x))).map(([, id]) => id);
		check(sameSet(win.nodes, nodes), `after the drag the graph shows ${show(win.nodes)}, the ${inside.length} events in the window have ${show(nodes)}`);
		check(sameSet(win.edges, edges), `after the drag the graph shows edges ${show(win.edges)}, expected ${show(edges)}`);
		console.log(`  ${name}: window ${new Date(win.start).toISOString().slice(0, 10)} to ${new Date(win.end).toISOString().slice(0, 10)}: ` +
			`${inside.length}/${tl.events.length} events, ${nodes.length}/${graph.nodes.length} nodes`);
	}
	await page.click('#reset');
	await page.waitForTimeout(150);
	const reset = await page.evaluate(() => ({
		win: geopolView.state.window, nodes: cy.nodes().filter((n) => n.visible()).length, items: timeline.itemsData.getIds().length,
	}));
	check(reset.win === null && reset.nodes === graph.nodes.length && reset.items === tl.events.length,
		`Reset left ${reset.nodes} nodes and ${reset.items} events shown`);

	// ---- the layers (docs/sign.md), chosen with the real menu: one sign's events and edges.
	for (const layer of ['conflict', 'cooperation']) {
		await page.selectOption('#layer', layer);
		await page.waitForTimeout(150);
		const got = await page.evaluate(() => ({
			items: timeline.itemsData.getIds(),
			edges: cy.edges().filter((e) => e.visible()).map((e) => e.id()),
			nodes: cy.nodes().filter((n) => n.visible()).map((n) => n.id()),
			colours: [...new Set(cy.edges().filter((e) => e.visible()).map((e) => e.style('line-color')))],
		}));
		const keep = tl.events.filter((e) => (layer === 'conflict' ? e.weight < 0 : e.weight > 0));
		check(sameSet(got.items, keep.map((e) => e.id)), `layer ${layer}: the timeline shows ${show(got.items)}`);
		const key = layer === 'conflict' ? 'count_conflict' : 'count_cooperation';
		const want = graph.edges.map((e, k) => [e, k]).filter(([e]) => e[key] > 0);
		check(got.edges.length === want.length, `layer ${layer}: ${got.edges.length} edges shown, graph.json has ${want.length} with ${key} > 0`);
		const nodesWant = new Set(keep.flatMap(actorsOf).filter((a) => graph.nodes.some((n) => n.id === a)));
		check(sameSet(got.nodes, [...nodesWant]), `layer ${layer}: nodes ${show(got.nodes)}`);
		check(got.colours.length === (want.length ? 1 : 0), `layer ${layer}: edges drawn in ${got.colours.length} colours`);
	}
	await page.click('#reset');
	await page.waitForTimeout(150);
	const back = await page.evaluate(() => ({ layer: document.getElementById('layer').value, items: timeline.itemsData.getIds().length }));
	check(back.layer === 'all' && back.items === tl.events.length, `Reset left the layer ${back.layer} with ${back.items} events`);

	// ---- search by an alias.
	const aliased = await page.evaluate(() => {
		const v = JSON.parse(document.getElementById('geopol-events').textContent);
		const g = JSON.parse(document.getElementById('geopol-graph').textContent);
		const k = v.nodes.findIndex((n) => n.aliases.length);
		return k < 0 ? null : { id: g.elements.nodes[k].data.id, alias: v.nodes[k].aliases[v.nodes[k].aliases.length - 1] };
	});
	if (aliased) {
		await page.fill('#search', aliased.alias);
		await page.press('#search', 'Enter');
		await page.waitForTimeout(150);
		const sel = await page.evaluate(() => geopolView.state.selected && geopolView.state.selected.id());
		check(sel === aliased.id, `searching '${aliased.alias}' selected ${sel}, not ${aliased.id}`);
		const items = await page.evaluate(() => timeline.itemsData.getIds());
		check(sameSet(items, eventsOfNode(aliased.id)), `after the search the timeline shows ${show(items)}`);
	}
	const late = await page.evaluate(() => ({ xss: window.__xss, scripts: document.scripts.length }));
	check(late.xss === undefined && late.scripts === 6, `a script from the data ran after the clicks (${JSON.stringify(late)})`);
	check(dialogs.length === 0, `the page opened dialogs: ${dialogs.join(', ')}`);
} catch (e) {
	check(false, `threw: ${e.stack || e}`);
} finally {
	await browser.close();
}
check(blocked.length === 0, `the page made requests: ${blocked.join(' ')}`);
check(errors.length === 0, `console errors: ${errors.join(' | ')}`);
console.log(`  ${name}: ${checks - failures}/${checks} checks passed`);
process.exit(failures ? 1 : 0);
