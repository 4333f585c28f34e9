// graph_formats.mjs - load geopol's graph formats in the JavaScript clients
// DESIGN §8 names (from web/node_modules, as npm ci installed them) and
// compare what they read with graph.json: every graph, node and edge value,
// in graph.json's order, nothing lost, merged or misread; and the GEXF
// spells against the events' dates in timeline.json.
//
//   node tests/web/graph_formats.mjs GRAPH.json GRAPHOLOGY.json GRAPH.gexf GRAPH.graphml CYTOSCAPE.json TIMELINE.json
//
// - graphology's serialised form through Graph.from;
// - GEXF through graphology-gexf's parse (xmldom's DOMParser in node);
// - GraphML through graphology-graphml's parse;
// - Cytoscape.js JSON through cytoscape({headless: true, elements}) and cy.json(json).
// Exit 1 on any difference, naming it.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../web/package.json'));
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');
const cytoscape = require('cytoscape');
const { DOMParser } = require('@xmldom/xmldom');

const [graphPath, graphologyPath, gexfPath, graphmlPath, cytoscapePath, timelinePath] = process.argv.slice(2);
if (!timelinePath) {
	console.error('usage: node graph_formats.mjs GRAPH.json GRAPHOLOGY GEXF GRAPHML CYTOSCAPE TIMELINE.json');
	process.exit(2);
}
const read = (p) => readFileSync(p, 'utf8');
const d = JSON.parse(read(graphPath));
const timeline = JSON.parse(read(timelinePath));

let fails = 0;
function fail(what) {
	fails++;
	console.log(`FAIL: ${what}`);
}

// What XML can hold of a string: geopol writes U+FFFD for the characters
// XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF).
const xmlText = (s) => (typeof s === 'string' ? s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '\ufffd') : s);

function deepEqual(a, b) {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a), kb = Object.keys(b);
	return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}
const show = (v) => JSON.stringify(v);

// want: graph.json's values (null: must be absent, or null); got: what the
// client read. asJson: keys that arrive as JSON text; extra: keys the
// client adds, with the value each must have (undefined: any).
function compare(where, want, got, { asJson = [], xml = false, extra = {} } = {}) {
	for (const [key, value] of Object.entries(want)) {
		if (value === null) {
			if (got[key] !== undefined && got[key] !== null) fail(`${where}: ${key} is null in graph.json, read as ${show(got[key])}`);
			continue;
		}
		if (!(key in got)) {
			fail(`${where}: ${key} lost (graph.json: ${show(value)})`);
			continue;
		}
		let g = got[key];
		if (asJson.includes(key)) {
			if (typeof g !== 'string') {
				fail(`${where}: ${key} should be JSON text, read ${show(g)}`);
				continue;
			}
			g = JSON.parse(g);
		}
		const w = xml ? xmlText(value) : value;
		if (!deepEqual(w, g)) fail(`${where}: ${key} is ${show(w)} in graph.json, read as ${show(g)}`);
	}
	for (const [key, value] of Object.entries(got)) {
		if (key in want) continue;
		if (!(key in extra)) fail(`${where}: ${key} = ${show(value)} is not in graph.json`);
		else if (extra[key] !== undefined && !deepEqual(extra[key], value)) fail(`${where}: ${key} is ${show(value)}, want ${show(extra[key])}`);
	}
}

const head = Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'nodes' && k !== 'edges'));
const nodeWant = (n) => Object.fromEntries(Object.entries(n).filter(([k]) => k !== 'id'));
const edgeWant = (e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'source' && k !== 'target'));

// A graphology graph against graph.json: order, ends, direction, values.
function checkGraphology(name, g, { xml = false, nodeOpts = {}, edgeOpts = () => ({}), directedAs = (e) => e.directed } = {}) {
	const ids = d.nodes.map((n) => (xml ? xmlText(n.id) : n.id));
	if (!deepEqual(g.nodes(), ids)) fail(`${name}: nodes ${show(g.nodes())} are not graph.json's ${show(ids)}`);
	d.nodes.forEach((n, i) => {
		const opts = typeof nodeOpts === 'function' ? nodeOpts(n) : nodeOpts;
		if (g.hasNode(ids[i])) compare(`${name}: node ${n.id}`, nodeWant(n), g.getNodeAttributes(ids[i]), { xml, ...opts });
	});
	const keys = d.edges.map((_, i) => `e${i}`);
	if (!deepEqual(g.edges(), keys)) fail(`${name}: edges ${show(g.edges())} are not e0..e${d.edges.length - 1} in order`);
	d.edges.forEach((e, i) => {
		const k = `e${i}`;
		if (!g.hasEdge(k)) return;
		const ends = [g.source(k), g.target(k)], want = [e.source, e.target].map((x) => (xml ? xmlText(x) : x));
		if (!deepEqual(ends, want)) fail(`${name}: edge ${k} joins ${show(ends)}, graph.json ${show(want)}`);
		if (g.isDirected(k) !== directedAs(e)) fail(`${name}: edge ${k} read as ${g.isDirected(k) ? '' : 'un'}directed`);
		compare(`${name}: edge ${k}`, edgeWant(e), g.getEdgeAttributes(k), { xml, ...edgeOpts(e) });
	});
}

// graphology's own form: everything as it is, nulls kept.
{
	const g = Graph.from(JSON.parse(read(graphologyPath)));
	if (g.type !== 'mixed' || g.multi) fail(`Graph.from: a ${g.multi ? 'multi ' : ''}${g.type} graph, want a simple mixed one`);
	if (!deepEqual(g.getAttributes(), head)) fail(`Graph.from: graph attributes ${show(g.getAttributes())}, want ${show(head)}`);
	checkGraphology('graphology Graph.from', g);
}

// GEXF: an edge's weight is its count and graph.json's signed weight is
// `tone`; its type is its direction, and its kind repeats it (Gephi keeps
// edges of different kinds apart). The event list is a liststring.
{
	const text = read(gexfPath);
	const g = gexf.parse(Graph, text);
	const meta = g.getAttributes();
	if (meta.creator !== 'geopol' || meta.description !== (d.title === null ? undefined : xmlText(d.title))) {
		fail(`graphology-gexf: meta ${show(meta)}`);
	}
	const gexfGraph = {
		nodes: () => g.nodes(), hasNode: (n) => g.hasNode(n), getNodeAttributes: (n) => g.getNodeAttributes(n),
		edges: () => g.edges(), hasEdge: (k) => g.hasEdge(k), source: (k) => g.source(k), target: (k) => g.target(k),
		isDirected: (k) => g.isDirected(k),
		// In graph.json's terms: tone back to weight, the count's copy in
		// weight aside, the direction as the edge's type says it.
		getEdgeAttributes: (k) => {
			const { weight, tone, ...rest } = g.getEdgeAttributes(k);
			return { ...rest, weight: tone, gexfWeight: weight, directed: g.isDirected(k) };
		},
	};
	checkGraphology('graphology-gexf', gexfGraph, {
		xml: true,
		edgeOpts: (e) => ({ asJson: ['types', 'statuses'], extra: { gexfWeight: e.count, kind: e.directed ? 'directed' : 'undirected' } }),
	});
	checkSpells(text);
}

// GraphML: every edge is directed to graphology (edgedefault), the boolean
// `directed` says which are symmetric; lists and objects are JSON text.
{
	const g = graphml.parse(Graph, read(graphmlPath));
	const want = { id: 'G', ...Object.fromEntries(Object.entries(head).filter(([, v]) => v !== null)) };
	// The citations object is JSON text, like the edges' lists.
	const got = { ...g.getAttributes() };
	if (typeof got.citations === 'string') got.citations = JSON.parse(got.citations);
	if (!deepEqual(got, Object.fromEntries(Object.entries(want).map(([k, v]) => [k, xmlText(v)])))) {
		fail(`graphology-graphml: graph attributes ${show(g.getAttributes())}, want ${show(want)}`);
	}
	const pairs = new Set(d.edges.map((e) => `${e.source}\u0000${e.target}`));
	if (pairs.size < d.edges.length && !g.multi) fail('graphology-graphml: two edges on one pair, but not a multigraph');
	// A node key `id` (written when an id holds an `&`, for igraph) is the id again.
	checkGraphology('graphology-graphml', g, {
		xml: true, nodeOpts: (n) => ({ extra: { id: xmlText(n.id) } }), edgeOpts: () => ({ asJson: ['types', 'events', 'statuses', 'sources'] }),
		directedAs: () => true,
	});
}

// Cytoscape's edge ids: e + index, with the fewest primes no node id of the
// form e, digits, primes has (one id space for nodes and edges: graph_interchange.c).
const cyPrimes = (() => {
	const taken = new Set(d.nodes.map((n) => /^e[0-9]+('*)$/.exec(n.id)).filter(Boolean).map((m) => m[1].length));
	let k = 0;
	while (taken.has(k)) k++;
	return "'".repeat(k);
})();
const cyId = (i) => `e${i}${cyPrimes}`;

// Cytoscape.js: elements as they are, plus networkx's value/name and key.
function checkCy(name, cy) {
	const nodes = cy.nodes(), edges = cy.edges();
	if (!deepEqual(nodes.map((n) => n.id()), d.nodes.map((n) => n.id))) fail(`${name}: nodes not in graph.json's order`);
	if (!deepEqual(edges.map((e) => e.id()), d.edges.map((_, i) => cyId(i)))) fail(`${name}: edges not e0.. in order`);
	d.nodes.forEach((n, i) => nodes[i] && compare(`${name}: node ${n.id}`, n, nodes[i].data(), { extra: { value: n.id, name: n.label } }));
	d.edges.forEach((e, i) => edges[i] && compare(`${name}: edge e${i}`, e, edges[i].data(), { extra: { id: cyId(i), key: cyId(i) } }));
	d.edges.forEach((e, i) => {
		if (edges[i] && (edges[i].source().id() !== e.source || edges[i].target().id() !== e.target)) fail(`${name}: edge e${i} ends moved`);
	});
}
{
	const json = JSON.parse(read(cytoscapePath));
	checkCy('cytoscape({elements})', cytoscape({ headless: true, elements: json.elements }));
	const cy = cytoscape({ headless: true });
	cy.json(json);
	checkCy('cy.json(json)', cy);
	if (!deepEqual(cy.data(), head)) fail(`cy.json(json): graph data ${show(cy.data())}, want ${show(head)}`);
}

// GEXF spells: each edge one per listed event, from the day of its
// earliest start to the day of its latest end (an open side left out);
// each node one, over its events (exactly at actor level; at country level,
// actors map by date, so: covering its edges' spells).
function checkSpells(text) {
	const doc = new DOMParser().parseFromString(text, 'application/xml');
	const byId = new Map(timeline.events.map((ev) => [ev.id, ev]));
	const day = (t) => (t === null ? null : t.slice(0, 10));
	const spellOf = (el) => ({ start: el.getAttribute('start') || null, end: el.getAttribute('end') || null });
	const spellsOf = (el) => Array.from(el.getElementsByTagName('spell')).map(spellOf);
	const graphEl = doc.getElementsByTagName('graph')[0];
	if (graphEl.getAttribute('mode') !== 'dynamic' || graphEl.getAttribute('timeformat') !== 'date') fail('GEXF: not mode="dynamic" timeformat="date"');
	const nodeSpell = new Map();
	for (const el of Array.from(doc.getElementsByTagName('node'))) {
		const s = spellsOf(el);
		if (s.length !== 1) fail(`GEXF: node ${el.getAttribute('id')} has ${s.length} spells`);
		nodeSpell.set(el.getAttribute('id'), s[0]);
	}
	const inside = (a, b) => (b.start === null || (a.start !== null && a.start >= b.start)) && (b.end === null || (a.end !== null && a.end <= b.end));
	Array.from(doc.getElementsByTagName('edge')).forEach((el, i) => {
		const e = d.edges[i], s = spellsOf(el);
		if (!e || el.getAttribute('id') !== `e${i}`) return fail(`GEXF: edge ${i} is ${el.getAttribute('id')}`);
		if (s.length !== e.events.length) fail(`GEXF: edge e${i} has ${s.length} spells for ${e.events.length} listed events`);
		e.events.forEach((id, k) => {
			const ev = byId.get(id);
			if (!ev) return fail(`GEXF: edge e${i}: event ${id} is not in the timeline`);
			const want = { start: day(ev.date.start), end: day(ev.date.end) };
			if (s[k] && !deepEqual(s[k], want)) fail(`GEXF: edge e${i} spell ${k} (${id}) is ${show(s[k])}, want ${show(want)}`);
			for (const n of [e.source, e.target]) {
				if (s[k] && nodeSpell.has(xmlText(n)) && !inside(s[k], nodeSpell.get(xmlText(n)))) fail(`GEXF: node ${n}'s spell does not cover edge e${i}'s ${show(s[k])}`);
			}
		});
	});
	if (d.level !== 'actor') return;
	for (const n of d.nodes) {
		const evs = timeline.events.filter((ev) => [...ev.source, ...ev.target, ...ev.participants].includes(n.id));
		const starts = evs.map((ev) => day(ev.date.start)), ends = evs.map((ev) => day(ev.date.end));
		const want = {
			start: starts.includes(null) ? null : starts.reduce((a, b) => (b < a ? b : a)),
			end: ends.includes(null) ? null : ends.reduce((a, b) => (b > a ? b : a)),
		};
		const got = nodeSpell.get(xmlText(n.id));
		if (evs.length !== n.events) fail(`GEXF: node ${n.id}: the timeline has ${evs.length} of its events, graph.json ${n.events}`);
		if (!deepEqual(got, want)) fail(`GEXF: node ${n.id} spell is ${show(got)}, want ${show(want)}`);
	}
}

console.log(`graph formats (${path.basename(graphPath)}): ${fails ? `${fails} failed` : 'passed'}`);
process.exit(fails ? 1 : 0);
