// viewer_cut.mjs - a viewer page that holds part of its input (gp_view_options:
// `geopol view --top-edges K --max-events M`, or any input past the defaults)
// in headless Chromium, from file:, with the network refused:
//
//   node tests/web/viewer_cut.mjs VIEW.html GRAPH.json TIMELINE.json K M
//
// GRAPH.json and TIMELINE.json are `geopol graph --format json` and `geopol
// timeline --format json` of the same input. Checked:
//   - the page loads with no request and no console error;
//   - Cytoscape holds the K strongest edges of graph.json (by count, ties by
//     index), with their graph.json ids (e + index), and exactly the nodes
//     they join;
//   - the page holds at most M events, each in timeline.json and each on a
//     shown edge, or, on no edge, on a shown node; and when M allows, every
//     shown edge has events, the first and the last of its events among them
//     whenever it has two or more shares;
//   - the header says "K of N relations" and the details say what was cut;
//   - a click on the strongest edge lists its events on the page, "of" its count.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openBrowser } from './browser.mjs';

const [viewPath, graphPath, timelinePath, kArg, mArg] = process.argv.slice(2);
if (!mArg) {
	console.error('usage: node tests/web/viewer_cut.mjs VIEW.html GRAPH.json TIMELINE.json K M');
	process.exit(2);
}
const K = Number(kArg), M = Number(mArg);
const graph = JSON.parse(fs.readFileSync(graphPath, 'utf8'));
const tl = JSON.parse(fs.readFileSync(timelinePath, 'utf8'));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

// The K strongest edges, as graph_dot.c and view.c choose them.
const order = graph.edges.map((e, i) => i).sort((a, b) => graph.edges[b].count - graph.edges[a].count || a - b);
const kept = new Set(order.slice(0, K));
const keptIds = [...kept].sort((a, b) => a - b).map((i) => `e${i}`);
const keptNodes = new Set();
kept.forEach((i) => { keptNodes.add(graph.edges[i].source); keptNodes.add(graph.edges[i].target); });

const { browser, page, blocked, errors } = await openBrowser();
try {
	await page.goto(pathToFileURL(viewPath).href, { timeout: 120000 });
	await page.waitForFunction(() => window.geopolView !== undefined, null, { timeout: 120000 });
	const got = await page.evaluate(() => ({
		edges: cy.edges().map((e) => e.id()),
		nodes: cy.nodes().map((n) => n.id()),
		counts: document.getElementById('counts').textContent,
		details: document.getElementById('details').textContent,
		view: JSON.parse(document.getElementById('geopol-events').textContent),
		shown: window.geopolView.shownEvents(),
	}));
	check(blocked.length === 0, `requests were made: ${blocked.join(', ')}`);
	check(errors.length === 0, `console errors: ${errors.join(' | ')}`);
	check(JSON.stringify(got.edges) === JSON.stringify(keptIds),
		`edges on the page ${got.edges.join(' ')}, want the ${K} strongest ${keptIds.join(' ')}`);
	check(JSON.stringify([...got.nodes].sort()) === JSON.stringify([...keptNodes].sort()),
		`nodes on the page ${got.nodes.join(' ')}, want ${[...keptNodes].sort().join(' ')}`);

	const cut = got.view.cut;
	check(cut && cut.edges === K && cut.all_edges === graph.edges.length, `cut ${JSON.stringify(cut)}`);
	check(cut && cut.all_events === tl.events.length, `cut.all_events ${cut && cut.all_events}, want ${tl.events.length}`);
	const evs = got.view.events;
	check(evs.length <= M && evs.length === cut.events, `${evs.length} events on the page, at most ${M}, cut says ${cut.events}`);
	check(got.shown.length === evs.length, `the timeline shows ${got.shown.length} of the page's ${evs.length} events`);
	const tlIds = tl.events.map((e) => e.id);
	const tlIndex = new Map(tlIds.map((id, i) => [id, i]));
	let last = -1;
	const perEdge = new Map();
	evs.forEach((ev) => {
		check(tlIndex.has(ev.id), `event ${ev.id} is not in timeline.json`);
		check(tlIndex.get(ev.id) > last, `event ${ev.id} out of timeline order`);
		last = tlIndex.get(ev.id);
		ev.edges.forEach((k) => {
			check(k >= 0 && k < got.edges.length, `event ${ev.id} names edge ${k} of ${got.edges.length}`);
			const id = got.edges[k];
			if (!perEdge.has(id)) perEdge.set(id, []);
			perEdge.get(id).push(ev.id);
		});
		ev.nodes.forEach((k) => check(k >= 0 && k < got.nodes.length, `event ${ev.id} names node ${k} of ${got.nodes.length}`));
	});
	if (M >= K) {
		keptIds.forEach((id) => check(perEdge.has(id), `edge ${id} has no event on the page`));
	}
	// Where an edge has two or more on the page, its first and last events are among them.
	perEdge.forEach((ids, id) => {
		const all = graph.edges[Number(id.slice(1))].events || [];
		if (ids.length >= 2 && all.length === graph.edges[Number(id.slice(1))].count) {
			const inOrder = all.slice().sort((a, b) => tlIndex.get(a) - tlIndex.get(b));
			check(ids.includes(inOrder[0]) && ids.includes(inOrder[inOrder.length - 1]),
				`edge ${id}: ${ids.join(' ')} misses its first or last event (${inOrder[0]}, ${inOrder[inOrder.length - 1]})`);
		}
	});
	check(got.counts.includes(`${K} of ${graph.edges.length.toLocaleString('en-US')} relations`),
		`the header says '${got.counts}'`);
	check(/This page shows the \S+ strongest of/.test(got.details), `the details say '${got.details.slice(0, 200)}'`);

	// The strongest edge, clicked through the page's API: its events here, "of" its count.
	const top = `e${order[0]}`;
	const heading = await page.evaluate((id) => {
		window.geopolView.select(id);
		return document.querySelector('#details h2').textContent;
	}, top);
	const onPage = (perEdge.get(top) || []).length, count = graph.edges[order[0]].count;
	const want = onPage < count ? `${onPage} of ${count.toLocaleString('en-US')} event` : `${onPage} event`;
	check(heading.includes(want), `the strongest edge's heading '${heading}', want '${want}'`);
} finally {
	await browser.close();
}
if (failures.length) {
	failures.forEach((f) => console.log(`FAIL: ${f}`));
	process.exit(1);
}
console.log(`viewer cut: ${K} edges, ${M} events at most: passed`);
