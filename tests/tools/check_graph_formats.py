#!/usr/bin/python3
"""Load geopol's graph formats in the Python clients DESIGN §8 names and
compare what they read with graph.json: every graph, node and edge value,
nothing lost, merged or misread.

  check_graph_formats.py GRAPH.json GRAPHML D3 CYTOSCAPE [GEXF GRAPHOLOGY]

- GraphML through networkx.read_graphml and igraph.Graph.Read_GraphML;
- node-link JSON (--format d3) through networkx.node_link_graph;
- Cytoscape.js JSON through networkx.cytoscape_graph;
- and the files as written, against DESIGN §8's rules that a reader may
  not show: GraphML's keys (typed as the values are, `for` never `all`, a
  boolean `directed`, edgedefault directed, no per-edge `directed`), the
  numbers' types as networkx reads them; GEXF's namespace, version, mode,
  timeformat, attribute ids 0, 1, ... titled by graph.json's keys and typed;
  in every format, nodes and edges in graph.json's order, edges `eN`; the
  heads of the JSON forms (directed, multigraph, graphology's options,
  `undirected: true` and d3's `directed: false` on symmetric edges).

Exit 1 on any difference, naming it.
"""
import json
import math
import re
import sys
import warnings

import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx

FAILS = []


def fail(what):
    FAILS.append(what)
    print("FAIL: " + what)


def xml_text(s):
    """What XML can hold of a string: geopol writes U+FFFD for the
    characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF)."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", s) if isinstance(s, str) else s


def same(want, got):
    """Equal values; numbers of any type, compared exactly (geopol writes
    each number as the shortest text that reads back as itself)."""
    if isinstance(want, bool) or isinstance(got, bool):
        return want is got or (isinstance(got, (int, float)) and not isinstance(want, bool) and want == got)
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return want == got
    return want == got


def compare(where, want, got, strings_as_json=(), xml=False, extra=()):
    """want: a graph.json object; got: the attributes a client read.
    Keys whose value is null must be absent (or None); keys in
    strings_as_json arrive as JSON text; extra: keys the client adds."""
    for key, value in want.items():
        if value is None:
            if got.get(key) is not None:
                fail(f"{where}: {key} is null in graph.json, read as {got.get(key)!r}")
            continue
        if key not in got:
            fail(f"{where}: {key} lost (graph.json: {value!r})")
            continue
        g = got[key]
        if key in strings_as_json:
            if not isinstance(g, str):
                fail(f"{where}: {key} should be JSON text, read {g!r}")
                continue
            g = json.loads(g)
        w = xml_text(value) if xml else value
        if not same(w, g):
            fail(f"{where}: {key} is {w!r} in graph.json, read as {g!r}")
    for key in got:
        if key not in want and key not in extra and got[key] is not None:
            fail(f"{where}: {key} = {got[key]!r} is not in graph.json")


def check_networkx(name, G, d, xml=False, as_json=(), node_extra=(), edge_extra=(), graph_extra=(), edge_id=lambda i: f"e{i}"):
    """G as networkx read it, against graph.json d."""
    head = {k: v for k, v in d.items() if k not in ("nodes", "edges")}
    compare(f"{name}: graph", {k: v for k, v in head.items()}, G.graph, as_json, xml, graph_extra)
    ids = [n["id"] for n in d["nodes"]]
    if list(G.nodes) != [xml_text(i) if xml else i for i in ids]:
        fail(f"{name}: nodes {list(G.nodes)} are not graph.json's {ids}")
    for n in d["nodes"]:
        nid = xml_text(n["id"]) if xml else n["id"]
        if nid not in G.nodes:
            continue
        compare(f"{name}: node {n['id']}", {k: v for k, v in n.items() if k != "id"}, G.nodes[nid], (), xml,
                node_extra)
        if "id" in node_extra and G.nodes[nid].get("id", nid) != nid:
            fail(f"{name}: node {n['id']}: its id attribute reads {G.nodes[nid]['id']!r}")
    if not G.is_directed():
        fail(f"{name}: read as undirected")
    # Every edge kept apart, under its key eN, N its index in graph.json.
    if G.number_of_edges() != len(d["edges"]):
        fail(f"{name}: {G.number_of_edges()} edges, graph.json has {len(d['edges'])}")
    for i, e in enumerate(d["edges"]):
        s, t = (xml_text(e["source"]), xml_text(e["target"])) if xml else (e["source"], e["target"])
        if G.is_multigraph():
            data = G.get_edge_data(s, t, key=edge_id(i))
        else:
            data = G.get_edge_data(s, t)
        if data is None:
            fail(f"{name}: edge e{i} {s} -> {t} lost")
            continue
        if not G.is_multigraph() and data.get("id", f"e{i}") != f"e{i}":
            fail(f"{name}: edge e{i} {s} -> {t} has the id {data.get('id')}")
        compare(f"{name}: edge e{i}", {k: v for k, v in e.items() if k not in ("source", "target")}, data,
                as_json, xml, edge_extra)


def pairs_repeat(d):
    """Does graph.json hold two edges with the same (source, target)?"""
    seen = set()
    for e in d["edges"]:
        if (e["source"], e["target"]) in seen:
            return True
        seen.add((e["source"], e["target"]))
    return False


def check_graphml_networkx(d, path):
    # networkx reads edgedefault="directed" into a MultiDiGraph and, once
    # every edge is read, turns it into a plain DiGraph unless two edges
    # share a (source, target): so a directed edge RUS -> UKR and the
    # symmetric RUS - UKR (written source < target) come back as a
    # MultiDiGraph keyed by the edge ids e5, e6. The `directed` key is an
    # ordinary boolean data key to it; a per-edge XML attribute
    # directed="false" instead raises "directed=false edge found in directed
    # graph", which is why geopol writes none.
    G = nx.read_graphml(path)
    if pairs_repeat(d) and not G.is_multigraph():
        fail("networkx read_graphml: two edges on one pair, but not read as a multigraph")
    # What networkx adds: defaults, and in a simple graph the edge's id.
    extra = ("node_default", "edge_default")
    # A node key `id` (written when an id holds an `&`, for igraph) is the id again.
    check_networkx("networkx read_graphml", G, d, xml=True, as_json=("types", "events", "statuses", "sources", "citations"), graph_extra=extra,
                   edge_extra=() if G.is_multigraph() else ("id",), node_extra=("id",))
    # force_multigraph keeps the edge keys whatever the data.
    G = nx.read_graphml(path, force_multigraph=True)
    check_networkx("networkx read_graphml (multigraph)", G, d, xml=True, as_json=("types", "events", "statuses", "sources", "citations"),
                   graph_extra=extra, node_extra=("id",))


def check_graphml_igraph(d, path):
    with warnings.catch_warnings():
        # "Could not add vertex ids, there is already an 'id' vertex
        # attribute": the node key `id`, written when an id holds an `&`.
        warnings.filterwarnings("ignore", message="Could not add vertex ids")
        g = ig.Graph.Read_GraphML(path)
    name = "igraph Read_GraphML"
    if not g.is_directed():
        fail(f"{name}: read as undirected")
    ids = [xml_text(n["id"]) for n in d["nodes"]]
    if g.vs["id"] != ids:
        fail(f"{name}: vertices {g.vs['id']} are not graph.json's {ids}")
        return
    if g.ecount() != len(d["edges"]):
        fail(f"{name}: {g.ecount()} edges, graph.json has {len(d['edges'])}")
        return

    # igraph gives every element every attribute: a missing string is "",
    # a missing number NaN. Those stand for graph.json's null or absent.
    def got_of(attrs):
        out = {}
        for k, v in attrs.items():
            if v == "" or (isinstance(v, float) and math.isnan(v)):
                continue
            out[k] = v
        return out

    head = {k: v for k, v in d.items() if k not in ("nodes", "edges")}
    compare(f"{name}: graph", head, got_of({a: g[a] for a in g.attributes()}), ("citations",), True)
    for v, n in zip(g.vs, d["nodes"]):
        compare(f"{name}: node {n['id']}", {k: x for k, x in n.items() if k != "id"}, got_of(v.attributes()), (),
                True, ("id",))
    for i, (edge, e) in enumerate(zip(g.es, d["edges"])):
        s, t = g.vs[edge.source]["id"], g.vs[edge.target]["id"]
        if (s, t) != (xml_text(e["source"]), xml_text(e["target"])) or edge["id"] != f"e{i}":
            fail(f"{name}: edge {i} is {edge['id']} {s} -> {t}, graph.json's e{i} {e['source']} -> {e['target']}")
        compare(f"{name}: edge e{i}", {k: x for k, x in e.items() if k not in ("source", "target")},
                got_of(edge.attributes()), ("types", "events", "statuses", "sources"), True, ("id",))


def check_d3(d, path):
    data = json.load(open(path, encoding="utf-8"))
    G = nx.node_link_graph(data)
    if not (G.is_multigraph() and G.is_directed()):
        fail("networkx node_link_graph: not a directed multigraph")
    # node_link_graph keeps the link's key as the edge key, and not in its data.
    check_networkx("networkx node_link_graph", G, d, graph_extra=())


def cytoscape_edge_id(d):
    """Cytoscape's edge ids: e + index, with the fewest primes no node id
    of the form e, digits, primes has (graph_interchange.c)."""
    taken = {len(m.group(1)) for n in d["nodes"] if (m := re.fullmatch(r"e[0-9]+('*)", n["id"]))}
    k = 0
    while k in taken:
        k += 1
    return lambda i: f"e{i}" + "'" * k


def check_cytoscape(d, path):
    data = json.load(open(path, encoding="utf-8"))
    eid = cytoscape_edge_id(d)
    G = nx.cytoscape_graph(data)
    if not (G.is_multigraph() and G.is_directed()):
        fail("networkx cytoscape_graph: not a directed multigraph")
    for n in d["nodes"]:
        a = G.nodes.get(n["id"], {})
        if a.get("value") != n["id"] or a.get("name") != n["label"] or a.get("id") != n["id"]:
            fail(f"networkx cytoscape_graph: node {n['id']}: id/value/name {a.get('id')!r} {a.get('value')!r} "
                 f"{a.get('name')!r}")
    for i, e in enumerate(d["edges"]):
        a = G.get_edge_data(e["source"], e["target"], key=eid(i)) or {}
        if a.get("id") != eid(i) or a.get("key") != eid(i) or (a.get("source"), a.get("target")) != (
                e["source"], e["target"]):
            fail(f"networkx cytoscape_graph: edge e{i}: id/key/ends {a.get('id')!r} {a.get('key')!r}")
    check_networkx("networkx cytoscape_graph", G, d, node_extra=("id", "value", "name"),
                   edge_extra=("id", "key", "source", "target"), edge_id=eid)


# ------------------------------------------------------ the files as written

COUNT_KEYS = {"geopol", "betweenness_pivots", "betweenness_seed", "events", "self_events", "in_degree", "out_degree", "community",
              "count", "events_more", "count_cooperation", "count_conflict"}
REAL_KEYS = {"strength", "pagerank", "betweenness", "betweenness_error", "weight", "cooperation", "conflict",
             "strength_cooperation", "strength_conflict"}
JSON_KEYS = {"types", "events", "statuses", "sources", "citations"}


def key_type(domain, key, graphml):
    """The type DESIGN §8 wants a graph.json key written with."""
    if domain == "edge" and key == "directed":
        return "boolean"
    if key in JSON_KEYS and (domain == "edge" or key in ("types", "citations", "statuses")):
        return "string" if graphml or key in ("types", "citations", "statuses") else "liststring"
    if key in COUNT_KEYS:
        return "long"
    if key in REAL_KEYS:
        return "double"
    return "string"


def check_graphml_file(d, path):
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    if root.tag != "{http://graphml.graphdrawing.org/xmlns}graphml":
        fail(f"GraphML: the root is {root.tag}")
    keys = {}
    for k in root.findall("g:key", ns):
        dom, name, typ = k.get("for"), k.get("attr.name"), k.get("attr.type")
        if dom not in ("graph", "node", "edge"):
            fail(f"GraphML: key {name} is for {dom!r}, not graph, node or edge")
            continue
        if (dom, name) in keys.values():
            fail(f"GraphML: two keys for the {dom} attribute {name}")
        keys[k.get("id")] = (dom, name)
        want = key_type(dom, name, True)
        if typ != want:
            fail(f"GraphML: the {dom} key {name} is a {typ}, want {want}")
    have = {v for v in keys.values()}
    for name in {k for n in d["nodes"] for k in n} - {"id"}:
        if ("node", name) not in have:
            fail(f"GraphML: no node key {name}")
    for name in {k for e in d["edges"] for k in e} - {"source", "target"}:
        if ("edge", name) not in have:
            fail(f"GraphML: no edge key {name}")
    graphs = root.findall("g:graph", ns)
    if len(graphs) != 1 or graphs[0].get("edgedefault") != "directed":
        fail("GraphML: not one graph with edgedefault=\"directed\"")
        return
    nodes = graphs[0].findall("g:node", ns)
    if [n.get("id") for n in nodes] != [xml_text(n["id"]) for n in d["nodes"]]:
        fail("GraphML: nodes not in graph.json's order")
    edges = graphs[0].findall("g:edge", ns)
    for i, (el, e) in enumerate(zip(edges, d["edges"])):
        if el.get("id") != f"e{i}" or (el.get("source"), el.get("target")) != (xml_text(e["source"]),
                                                                             xml_text(e["target"])):
            fail(f"GraphML: edge {i} is {el.get('id')} {el.get('source')} -> {el.get('target')}")
            break
        if "directed" in el.attrib:
            fail(f"GraphML: edge e{i} has a directed XML attribute")
            break
    if len(edges) != len(d["edges"]):
        fail(f"GraphML: {len(edges)} edges, graph.json has {len(d['edges'])}")
    # The types as networkx reads them: long an int, double a float, boolean a bool.
    G = nx.read_graphml(path, force_multigraph=True)
    py = {"long": int, "double": float, "boolean": bool, "string": str}
    for (u, v, k, a) in G.edges(keys=True, data=True):
        for name, val in a.items():
            want = py[key_type("edge", name, True)]
            if type(val) is not want:
                fail(f"GraphML: edge {k} {name} read as {type(val).__name__}, want {want.__name__}")
                return
    for n, a in G.nodes(data=True):
        for name, val in a.items():
            want = py[key_type("node", name, True)]
            if type(val) is not want:
                fail(f"GraphML: node {n} {name} read as {type(val).__name__}, want {want.__name__}")
                return


def check_gexf_file(d, path):
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(path).getroot()
    if root.tag != "{http://gexf.net/1.3}gexf" or root.get("version") != "1.3":
        fail(f"GEXF: the root is {root.tag} version {root.get('version')}")
        return
    graph = root.find("g:graph", ns)
    if graph is None or graph.get("mode") != "dynamic" or graph.get("timeformat") != "date":
        fail("GEXF: not a graph mode=\"dynamic\" timeformat=\"date\"")
        return
    for cls, items, own in (("node", d["nodes"], {"id", "label"}), ("edge", d["edges"], {"source", "target",
                                                                                     "directed"})):
        atts = graph.findall(f"g:attributes[@class='{cls}']/g:attribute", ns)
        if [a.get("id") for a in atts] != [str(i) for i in range(len(atts))]:
            fail(f"GEXF: {cls} attribute ids {[a.get('id') for a in atts]} are not 0, 1, ...")
        titles = {a.get("title"): a.get("type") for a in atts}
        keys = {k for it in items for k in it} - own
        if cls == "edge" and "weight" in keys:
            keys = (keys - {"weight"}) | {"tone"}
        for k in keys:
            if k not in titles:
                fail(f"GEXF: no {cls} attribute {k}")
                continue
            want = key_type(cls, "weight" if k == "tone" else k, False)
            if titles[k] != want:
                fail(f"GEXF: the {cls} attribute {k} is a {titles[k]}, want {want}")
    nodes = graph.findall("g:nodes/g:node", ns)
    if [n.get("id") for n in nodes] != [xml_text(n["id"]) for n in d["nodes"]]:
        fail("GEXF: nodes not in graph.json's order")
    edges = graph.findall("g:edges/g:edge", ns)
    if len(edges) != len(d["edges"]):
        fail(f"GEXF: {len(edges)} edges, graph.json has {len(d['edges'])}")
    for i, (el, e) in enumerate(zip(edges, d["edges"])):
        kind = "directed" if e["directed"] else "undirected"
        if (el.get("id"), el.get("source"), el.get("target"), el.get("type"), el.get("weight")) != (
                f"e{i}", xml_text(e["source"]), xml_text(e["target"]), kind, str(e["count"])):
            fail(f"GEXF: edge {i} is {el.attrib}, graph.json's e{i} {e['source']} -> {e['target']} {kind} "
                 f"count {e['count']}")
            break


def check_json_forms(d, d3_path, cy_path, graphology_path):
    """The heads and the order of the JSON forms, as written."""
    d3 = json.load(open(d3_path, encoding="utf-8"))
    if d3.get("directed") is not True or d3.get("multigraph") is not True:
        fail("d3: not directed: true, multigraph: true")
    if [n["id"] for n in d3["nodes"]] != [n["id"] for n in d["nodes"]]:
        fail("d3: nodes not in graph.json's order")
    for i, (l, e) in enumerate(zip(d3["links"], d["edges"])):
        if (l.get("key"), l.get("source"), l.get("target"), l.get("directed")) != (
                f"e{i}", e["source"], e["target"], e["directed"]):
            fail(f"d3: link {i} is {l.get('key')} {l.get('source')} -> {l.get('target')} "
                 f"directed {l.get('directed')}")
            break
    if len(d3["links"]) != len(d["edges"]):
        fail(f"d3: {len(d3['links'])} links, graph.json has {len(d['edges'])} edges")
    cy = json.load(open(cy_path, encoding="utf-8"))
    if cy.get("directed") is not True or cy.get("multigraph") is not True or "data" not in cy:
        fail("cytoscape: not data, directed: true, multigraph: true")
    for n, want in zip(cy["elements"]["nodes"], d["nodes"]):
        if (n["data"].get("id"), n["data"].get("value"), n["data"].get("name")) != (want["id"], want["id"],
                                                                                  want["label"]):
            fail(f"cytoscape: node {n['data']} is not graph.json's {want['id']}")
            break
    if graphology_path:
        go = json.load(open(graphology_path, encoding="utf-8"))
        if go.get("options") != {"type": "mixed", "multi": False, "allowSelfLoops": True}:
            fail(f"graphology: options {go.get('options')}")
        for i, (x, e) in enumerate(zip(go["edges"], d["edges"])):
            if x.get("key") != f"e{i}" or x.get("undirected", False) is not (not e["directed"]):
                fail(f"graphology: edge {i} is {x.get('key')} undirected {x.get('undirected')}")
                break


def main(argv):
    if len(argv) not in (5, 7):
        sys.exit(__doc__)
    d = json.load(open(argv[1], encoding="utf-8"))
    check_graphml_networkx(d, argv[2])
    check_graphml_igraph(d, argv[2])
    check_d3(d, argv[3])
    check_cytoscape(d, argv[4])
    check_graphml_file(d, argv[2])
    check_json_forms(d, argv[3], argv[4], argv[6] if len(argv) == 7 else None)
    if len(argv) == 7:
        check_gexf_file(d, argv[5])
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
