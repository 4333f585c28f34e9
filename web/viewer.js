/*
 * viewer.js - geopol's viewer (DESIGN §8): the graph in Cytoscape.js and the
 * timeline in vis-timeline, side by side and linked. `geopol view` puts this
 * file inline in web/viewer.html, after the libraries and three JSON blocks:
 *
 *   geopol-graph     the Cytoscape.js JSON of the graph (as `graph --format cytoscape`)
 *   geopol-timeline  the vis-timeline items and groups (as `timeline --format vis`)
 *   geopol-events    per event its details and the nodes and edges it lies on
 *                    (indexes into the graph's lists; edge i has id "e"+i),
 *                    per node its aliases
 *
 * - Selecting a node or an edge highlights it, shows only its events on the
 *   timeline and lists them below it; a tap on the background clears that.
 * - Moving the timeline (drag to pan, wheel or pinch to zoom) chooses a time
 *   window: the graph keeps the actors and relations of the events in it.
 * - The Relations menu shows one layer (docs/sign.md): only the events of
 *   cooperation (weight above 0) or of conflict (below 0), on the timeline
 *   and in the graph, whose edges then take that layer's colour and are as
 *   wide as their events of that sign are many.
 * - Reset shows everything again; the search box selects an actor by id,
 *   name or alias.
 *
 * Text from the data reaches the page through textContent only. vis-timeline
 * reads an item's content and tooltip as HTML: geopol writes them escaped.
 * window.cy, window.timeline and window.geopolView are for scripts and tests.
 */
(function () {
	'use strict';

	const COOPERATION = '#1a9850', CONFLICT = '#d73027', NEUTRAL = '#7f7f7f'; /* as graph_dot.c */
	/* Communities: Tableau 10, then greys for the rest. */
	const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2',
		'#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
	const LEGEND_COMMUNITIES = 8;

	const $ = (id) => document.getElementById(id);
	const readJson = (id) => JSON.parse($(id).textContent);
	function el(tag, cls, text) {
		const e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined && text !== null) e.textContent = String(text);
		return e;
	}

	const graphDoc = readJson('geopol-graph');
	const visDoc = readJson('geopol-timeline');
	const view = readJson('geopol-events');
	const gNodes = graphDoc.elements.nodes, gEdges = graphDoc.elements.edges;
	const events = view.events;
	/*
	 * A big input's page holds the strongest relations and a share of their
	 * events (view.cut, gp_view_options): said in the header and the details.
	 */
	const cut = view.cut || null;
	const num = (x) => Number(x).toLocaleString('en-US');
	function cutText() {
		const what = view.level === 'country' ? 'countries' : 'actors';
		const rel = cut.edges < cut.all_edges
			? `the ${num(cut.edges)} strongest of ${num(cut.all_edges)} relations (by number of events), with their ${num(cut.nodes)} of ${num(cut.all_nodes)} ${what}, and `
			: '';
		return `This page shows ${rel}${num(cut.events)} of the ${num(cut.all_events)} events: ` +
			'an equal share of each relation\'s, spread over its time. A browser draws more only slowly. ' +
			'graph.json and timeline.json hold everything; geopol view --top-edges N --max-events N shows more, ' +
			'and --from, --to, --actor or --type narrow the input.';
	}

	/* ------------------------------------------------------------ indexes */

	const nodeEvents = gNodes.map(() => []), edgeEvents = gEdges.map(() => []);
	const eventIndex = new Map();
	events.forEach((ev, i) => {
		eventIndex.set(ev.id, i);
		ev.nodes.forEach((n) => nodeEvents[n].push(i));
		ev.edges.forEach((e) => edgeEvents[e].push(i));
	});
	const nodeIndex = new Map(gNodes.map((n, i) => [n.data.id, i]));
	// Edge ids are e + index, primed where an actor has that id (the Cytoscape writer).
	const edgeIndex = new Map(gEdges.map((e, i) => [e.data.id, i]));

	/* vis reads a date without a time as its local midnight, a time as written. */
	function visTime(s) {
		const m = /^(-?\d{4,})-(\d\d)-(\d\d)$/.exec(s);
		if (m) {
			const d = new Date(2000, +m[2] - 1, +m[3]);
			d.setFullYear(+m[1]);
			return d.getTime();
		}
		return new Date(s).getTime();
	}
	const span = visDoc.items.map((it) => {
		const s = visTime(it.start);
		return { start: s, end: it.end ? visTime(it.end) : s };
	});

	/* ---------------------------------------------------------- the state */

	const state = {
		selected: null, /* the selected node or edge (Cytoscape element) */
		focus: null,    /* the events shown on the timeline (Set of indexes), null: all */
		window: null,   /* the chosen time window {start, end} (ms), null: none */
		layer: 'all',   /* 'all', 'cooperation' or 'conflict' */
	};
	const inLayer = (i) => state.layer === 'all' || (state.layer === 'cooperation' ? events[i].weight > 0 : events[i].weight < 0);

	/* -------------------------------------------------------------- graph */

	const maxRank = Math.max(1e-12, ...gNodes.map((n) => n.data.pagerank || 0));
	const nodeSize = (node) => 16 + 44 * Math.sqrt((node.data('pagerank') || 0) / maxRank);
	const communityColor = (c) => (c < PALETTE.length ? PALETTE[c] : '#c7cdd4');
	const edgeColor = (w) => (w > 0 ? COOPERATION : w < 0 ? CONFLICT : NEUTRAL);
	/* In one layer an edge weighs and counts that sign's events only. */
	const edgeWeight = (e) => (state.layer === 'cooperation' ? e.data('cooperation')
		: state.layer === 'conflict' ? e.data('conflict') : e.data('weight'));
	const edgeCount = (e) => (state.layer === 'cooperation' ? e.data('count_cooperation')
		: state.layer === 'conflict' ? e.data('count_conflict') : e.data('count'));
	const edgeWidth = (e) => 1.2 + Math.min(6, 1.4 * Math.log2(1 + (edgeCount(e) || 1)));
	/* As the pictures (docs/claims.md): dotted when every event is planned, dashed when none is confirmed or reported. */
	function lineOf(d) {
		const st = d.statuses || {};
		if ((st.confirmed || 0) + (st.reported || 0) > 0) return 'solid';
		return (st.planned || 0) === d.count ? 'dotted' : 'dashed';
	}

	/* ------------------------------------------------------------- legend */

	function legend() {
		const box = $('legend');
		const byCommunity = new Map();
		gNodes.forEach((n) => {
			const c = n.data.community;
			if (!byCommunity.has(c)) byCommunity.set(c, []);
			byCommunity.get(c).push(n.data);
		});
		const row = (mark, text) => {
			const r = el('div', 'row');
			r.append(mark, el('span', 'txt', text));
			return r;
		};
		const communities = el('div', 'col');
		communities.append(el('h2', null, 'Communities (node colour; size: PageRank)'));
		const grp = el('div', 'grp');
		const ids = [...byCommunity.keys()].sort((a, b) => a - b);
		ids.slice(0, LEGEND_COMMUNITIES).forEach((c) => {
			const top = byCommunity.get(c).slice().sort((a, b) => b.pagerank - a.pagerank || (a.id < b.id ? -1 : 1));
			const sw = el('span', 'sw');
			sw.style.background = communityColor(c);
			grp.append(row(sw, top.slice(0, 2).map((d) => d.label).join(', ') + (top.length > 2 ? ` +${top.length - 2}` : '')));
		});
		if (ids.length > LEGEND_COMMUNITIES) grp.append(el('div', 'row note', `and ${ids.length - LEGEND_COMMUNITIES} more`));
		communities.append(grp);
		const relations = el('div', 'col');
		relations.append(el('h2', null, 'Relations'));
		[[COOPERATION, 'cooperation'], [CONFLICT, 'conflict'], [NEUTRAL, 'neutral']].forEach(([c, t]) => {
			const ln = el('span', 'ln');
			ln.style.borderColor = c;
			relations.append(row(ln, t));
		});
		const styles = new Set(gEdges.map((e) => lineOf(e.data)));
		[['dashed', 'dashed: only claimed, denied or planned'], ['dotted', 'dotted: only planned']].forEach(([s, t]) => {
			if (!styles.has(s)) return;
			const ln = el('span', 'ln');
			ln.style.borderColor = NEUTRAL;
			ln.style.borderTopStyle = s;
			relations.append(row(ln, t));
		});
		relations.append(el('div', 'row note', 'arrow: source → target'));
		box.append(communities, relations);
	}

	legend(); /* before the graph, which fills the room left */

	const cy = cytoscape({
		container: $('graph'),
		elements: { nodes: gNodes, edges: gEdges },
		wheelSensitivity: 0.3,
		minZoom: 0.1,
		maxZoom: 4,
		boxSelectionEnabled: false,
		style: [
			{
				selector: 'node',
				style: {
					width: nodeSize, height: nodeSize,
					'background-color': (n) => communityColor(n.data('community')),
					'border-width': 1.5, 'border-color': '#ffffff',
					label: 'data(label)', 'font-size': 13, color: '#1f2933',
					'text-valign': 'bottom', 'text-margin-y': 3,
					'text-outline-color': '#ffffff', 'text-outline-width': 2.5,
					'text-max-width': 180, 'text-wrap': 'ellipsis',
					'min-zoomed-font-size': 5,
				},
			},
			{
				selector: 'edge',
				style: {
					width: edgeWidth, 'line-color': (e) => edgeColor(edgeWeight(e)),
					'target-arrow-color': (e) => edgeColor(edgeWeight(e)),
					'target-arrow-shape': (e) => (e.data('directed') ? 'triangle' : 'none'),
					'line-style': (e) => lineOf(e.data()),
					'arrow-scale': 0.9, 'curve-style': 'bezier', opacity: 0.75,
				},
			},
			{ selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0.2 } },
			{ selector: 'node.focus', style: { 'border-color': '#f0a202', 'border-width': 4, 'z-index': 20 } },
			{ selector: 'edge.focus', style: { opacity: 1, 'z-index': 20, label: 'data(count)', 'font-size': 10,
				'text-background-color': '#fff', 'text-background-opacity': 1, 'text-background-padding': 1 } },
			{ selector: 'edge.focus.chosen', style: { 'underlay-color': '#f0a202', 'underlay-opacity': 0.45, 'underlay-padding': 4 } },
			{ selector: '.out', style: { display: 'none' } },
		],
	});
	window.cy = cy;

	/* A layout that is the same on every load: circle, then CoSE from there with Math.random seeded. */
	function seeded(seed, fn) {
		const saved = Math.random;
		let s = seed >>> 0;
		Math.random = () => {
			s = (s + 0x6d2b79f5) >>> 0;
			let t = s;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
		try { fn(); } finally { Math.random = saved; }
	}
	/*
	 * CoSE from circles of a few sizes, spread over the viewport's shape,
	 * keeping the most compact result, the one shown at the largest zoom:
	 * from some starts a force layout leaves a long, thin drawing that would
	 * be shown small. Math.random is seeded meanwhile: the same drawing on
	 * every load in a window of the same size.
	 */
	function layout() {
		const n = cy.nodes().length;
		const radii = n <= 300 ? [0.5, 1, 2, 4] : [1];
		let best = null;
		radii.forEach((f) => {
			const r = Math.max(100, 40 * Math.sqrt(n) * f);
			seeded(1, () => {
				cy.layout({ name: 'circle', animate: false, fit: false, boundingBox: { x1: -r, y1: -r, w: 2 * r, h: 2 * r } }).run();
				cy.layout({
					name: 'cose', randomize: false, animate: false, fit: true, padding: 40,
					boundingBox: { x1: 0, y1: 0, w: Math.max(cy.width(), 300), h: Math.max(cy.height(), 300) },
					nodeRepulsion: () => 8000, idealEdgeLength: () => 70, edgeElasticity: () => 80,
					nodeOverlap: 20, gravity: 3, numIter: 2500, componentSpacing: 30,
					nodeDimensionsIncludeLabels: true,
				}).run();
			});
			if (!best || cy.zoom() > best.zoom + 1e-9) {
				best = { zoom: cy.zoom(), pos: cy.nodes().map((node) => ({ ...node.position() })) };
			}
		});
		cy.nodes().forEach((node, k) => { node.position(best.pos[k]); });
		cy.fit(undefined, 40);
	}
	layout();

	/* ----------------------------------------------------------- timeline */

	/*
	 * Where the timeline opens on the events idx (all: null): open starts are
	 * drawn from the edge of the span, often decades before the rest, so the
	 * view starts at the bounded starts' 15th percentile (the window the graph
	 * shows is only chosen by moving the timeline).
	 */
	function opening(idx) {
		const list = idx || events.map((_, i) => i);
		if (!list.length) return null;
		const bounded = list.filter((i) => !/(^| )open-start( |$)/.test(visDoc.items[i].className || ''));
		const starts = (bounded.length ? bounded : list).map((i) => span[i].start).sort((a, b) => a - b);
		const start = starts[Math.floor(0.15 * (starts.length - 1))];
		const end = Math.max(...list.map((i) => span[i].end), start);
		const pad = Math.max((end - start) * 0.04, 1000 * 60 * 60 * 6);
		return { start: start - pad, end: end + pad };
	}
	function showEvents(idx) {
		const w = opening(idx);
		if (w) timeline.setWindow(w.start, w.end, { animation: false });
	}

	const items = new vis.DataSet(visDoc.items);
	const groups = new vis.DataSet(visDoc.groups);
	const shown = new vis.DataView(items, {
		filter: (it) => inLayer(eventIndex.get(it.id)) && (state.focus === null || state.focus.has(eventIndex.get(it.id))),
	});
	const timeline = new vis.Timeline($('timeline'), shown, groups, {
		stack: true, height: '100%', verticalScroll: true, horizontalScroll: false,
		orientation: 'top', margin: { item: { horizontal: 2, vertical: 4 } },
		tooltip: { followMouse: true, overflowMethod: 'cap' }, showCurrentTime: false,
		groupOrder: 'id', zoomMin: 1000 * 60 * 60 * 24,
		...(opening(null) || {}),
	});
	window.timeline = timeline;

	const inWindow = (i) => !state.window || (span[i].start < state.window.end && span[i].end >= state.window.start);
	const elementEvents = (ele) => (ele.isNode() ? nodeEvents[nodeIndex.get(ele.id())] : edgeEvents[edgeIndex.get(ele.id())]).filter(inLayer);

	function fmtDay(t) {
		const d = new Date(t);
		const p = (n) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
	}

	/* The graph of the events in the window: the nodes and edges they lie on. */
	function applyWindow() {
		const nodes = new Set(), edges = new Set();
		let n = 0;
		events.forEach((ev, i) => {
			if (!inWindow(i) || !inLayer(i)) return;
			n++;
			ev.nodes.forEach((k) => nodes.add(k));
			ev.edges.forEach((k) => edges.add(k));
		});
		cy.batch(() => {
			cy.nodes().forEach((node) => { node.toggleClass('out', !nodes.has(nodeIndex.get(node.id()))); });
			cy.edges().forEach((edge) => { edge.toggleClass('out', !edges.has(edgeIndex.get(edge.id()))); });
		});
		shown.refresh();
		const layer = state.layer === 'all' ? '' : ` (${state.layer} only)`;
		if (state.window) {
			$('window-text').textContent = `Time window ${fmtDay(state.window.start)} to ${fmtDay(state.window.end)}: ` +
				`${n} of ${events.length} events${layer}, ${nodes.size} of ${gNodes.length} actors shown in the graph.`;
		} else if (layer) {
			$('window-text').textContent = `${n} of ${events.length} events${layer}. Drag or zoom the timeline to see the graph of a time window; Reset to come back.`;
		} else {
			$('window-text').textContent = `All ${num(events.length)} events${cut ? ' on this page' : ''}. Drag or zoom the timeline to see the graph of a time window; Reset to come back.`;
		}
		if (state.selected && state.selected.hasClass('out')) select(null);
	}

	function highlight(ele) {
		cy.batch(() => {
			cy.elements().removeClass('faded focus chosen');
			if (!ele) return;
			const near = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
			cy.elements().not(near).addClass('faded');
			near.addClass('focus');
			ele.addClass('chosen');
		});
	}

	/* Select a node or an edge (null: nothing): highlight, timeline, details. */
	function select(ele) {
		state.selected = ele && ele.length ? ele : null;
		highlight(state.selected);
		if (state.selected) cy.$(':selected').unselect();
		state.focus = state.selected ? new Set(elementEvents(state.selected)) : null;
		shown.refresh();
		if (!state.window) showEvents(state.focus && [...state.focus]);
		showDetails();
	}

	function elementName(ele) {
		if (ele.isNode()) return ele.data('label');
		const s = cy.getElementById(ele.data('source')).data('label');
		const t = cy.getElementById(ele.data('target')).data('label');
		return `${s} ${ele.data('directed') ? '→' : '↔'} ${t}`;
	}

	/* ------------------------------------------------------------ details */

	function eventItem(ev) {
		const li = el('li');
		li.dataset.event = ev.id;
		li.append(el('div', 't', ev.title));
		const meta = el('div', 'meta');
		const sign = ev.weight > 0 ? 'cooperation' : ev.weight < 0 ? 'conflict' : 'neutral';
		meta.append(el('span', `tag ${sign}`, ev.type_label || ev.type || 'event'));
		meta.append(document.createTextNode(`${ev.date} · ${ev.actors}`));
		li.append(meta);
		if (ev.summary) li.append(el('div', 'sum', ev.summary));
		if (ev.sources.length) {
			const src = el('div', 'src', ev.sources.length > 1 ? 'Sources: ' : 'Source: ');
			ev.sources.forEach((s, k) => {
				if (k) src.append(document.createTextNode('; '));
				if (s.url) {
					const a = el('a', null, s.text);
					a.href = s.url;
					a.target = '_blank';
					a.rel = 'noopener noreferrer';
					src.append(a);
				} else {
					src.append(document.createTextNode(s.text));
				}
			});
			li.append(src);
		}
		return li;
	}

	/*
	 * An edge's sources (graph.json's `sources`: its listed events' citation
	 * ids and inline URLs, in order of first use), each as its citation says
	 * it, title and publisher, linked to its URL; only web addresses are links.
	 */
	const citations = (graphDoc.data && graphDoc.data.citations) || {};
	function edgeSources(edge) {
		const list = edge.data('sources') || [];
		const box = el('div', 'src edge-src', list.length ? (list.length > 1 ? 'Sources: ' : 'Source: ') : 'No source cited');
		list.forEach((s, k) => {
			const c = Object.prototype.hasOwnProperty.call(citations, s) ? citations[s] : null;
			const url = c ? c.url : s;
			const text = c ? (c.title || s) + (c.publisher && c.publisher !== c.title ? ` (${c.publisher})` : '') : s;
			if (k) box.append(document.createTextNode('; '));
			if (url && /^https?:\/\//.test(url)) {
				const a = el('a', null, text);
				a.href = url;
				a.target = '_blank';
				a.rel = 'noopener noreferrer';
				box.append(a);
			} else {
				box.append(document.createTextNode(text));
			}
		});
		return box;
	}

	function showDetails(only) {
		const box = $('details');
		box.replaceChildren();
		if (only !== undefined) {
			box.append(el('h2', null, 'Event'));
			const ol = el('ol');
			ol.append(eventItem(events[only]));
			box.append(ol);
			return;
		}
		if (!state.selected) {
			if (cut) box.append(el('p', 'cut', cutText()));
			box.append(el('p', 'hint', 'Click an actor or a relation in the graph to see its events here and on the timeline; ' +
				'click an event on the timeline to see it. Node size: PageRank; colour: community.'));
			return;
		}
		const list = elementEvents(state.selected);
		/* On a cut page an element may have more events than the page holds. */
		const all = cut ? (state.selected.isEdge() ? state.selected.data('count') : state.selected.data('events')) || 0 : 0;
		const of = all > list.length ? ` of ${num(all)}` : '';
		box.append(el('h2', null, `${elementName(state.selected)}: ${num(list.length)}${of} event${(all || list.length) === 1 ? '' : 's'}${of ? ' (a share on this page)' : ''}`));
		if (state.selected.isEdge()) box.append(edgeSources(state.selected));
		const ol = el('ol');
		list.forEach((i) => ol.append(eventItem(events[i])));
		box.append(ol);
	}

	/* ------------------------------------------------------------- search */

	const names = gNodes.map((n, i) => [n.data.id, n.data.label || n.data.id, ...(view.nodes[i].aliases || [])]);
	function findActor(text) {
		const q = text.trim().toLowerCase();
		if (!q) return -1;
		let k = names.findIndex((ns) => ns.some((s) => s.toLowerCase() === q));
		if (k < 0) k = names.findIndex((ns) => ns.some((s) => s.toLowerCase().startsWith(q)));
		if (k < 0) k = names.findIndex((ns) => ns.some((s) => s.toLowerCase().includes(q)));
		return k;
	}
	function search(text) {
		const k = findActor(text);
		$('search').classList.toggle('miss', k < 0 && text.trim() !== '');
		if (k < 0) return null;
		const node = cy.getElementById(gNodes[k].data.id);
		if (node.hasClass('out')) {
			state.window = null;
			applyWindow();
		}
		select(node);
		cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 0 });
		return node.id();
	}

	/* ------------------------------------------------------------ wiring */

	function reset() {
		state.window = null;
		state.layer = 'all';
		$('layer').value = 'all';
		cy.style().update();
		$('search').value = '';
		$('search').classList.remove('miss');
		timeline.setSelection([]);
		select(null);
		applyWindow();
		showEvents(null);
		cy.fit(undefined, 40);
	}

	function setWindow(start, end) {
		state.window = { start: +start, end: +end };
		applyWindow();
	}

	function setLayer(layer) {
		state.layer = ['cooperation', 'conflict'].includes(layer) ? layer : 'all';
		$('layer').value = state.layer;
		applyWindow();
		cy.style().update(); /* edge colours and widths follow the layer */
	}

	cy.on('tap', 'node, edge', (e) => { timeline.setSelection([]); select(e.target); });
	cy.on('tap', (e) => { if (e.target === cy) { timeline.setSelection([]); select(null); } });
	timeline.on('rangechanged', (p) => { if (p.byUser) setWindow(p.start, p.end); });
	timeline.on('select', (p) => {
		const i = p.items.length ? eventIndex.get(p.items[0]) : undefined;
		if (i === undefined) {
			highlight(state.selected);
			showDetails();
			return;
		}
		const ev = events[i];
		const eles = cy.collection();
		ev.nodes.forEach((k) => { eles.merge(cy.getElementById(gNodes[k].data.id)); });
		ev.edges.forEach((k) => { eles.merge(cy.getElementById(gEdges[k].data.id)); });
		cy.batch(() => {
			cy.elements().removeClass('faded focus chosen');
			if (eles.length) {
				cy.elements().not(eles).addClass('faded');
				eles.addClass('focus');
			}
		});
		showDetails(i);
	});
	$('reset').addEventListener('click', reset);
	$('layer').addEventListener('change', (e) => setLayer(e.target.value));
	$('search').addEventListener('change', (e) => search(e.target.value));
	$('search').addEventListener('keydown', (e) => { if (e.key === 'Enter') search(e.target.value); });

	const list = $('names');
	names.forEach((ns) => ns.slice(1).forEach((s) => { const o = document.createElement('option'); o.value = s; list.append(o); }));

	const title = view.title || 'geopol';
	document.title = `${title} · geopol view`;
	$('title').textContent = title;
	const part = (shown, all) => (cut && shown < all ? `${num(shown)} of ${num(all)}` : num(shown));
	$('counts').textContent = `${part(gNodes.length, cut ? cut.all_nodes : 0)} ${view.level === 'country' ? 'countries' : 'actors'} · ` +
		`${part(gEdges.length, cut ? cut.all_edges : 0)} relations · ${part(events.length, cut ? cut.all_events : 0)} events`;
	showDetails();
	applyWindow();
	showEvents(null);

	window.geopolView = {
		select: (id) => select(id === null ? null : cy.getElementById(id)),
		setWindow, setLayer, reset, search,
		shownEvents: () => shown.getIds(),
		state,
	};
})();
