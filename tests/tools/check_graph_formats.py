#!/usr/bin/python3
"""Load geopol's graph formats in the Python clients DESIGN §8 names and
compare what they read with graph.json: every graph, node and edge value,
nothing lost, merged or misread.

  check_graph_formats.py GRAPH.json GRAPHML D3 CYTOSCAPE

- GraphML through networkx.read_graphml and igraph.Graph.Read_GraphML;
- node-link JSON (--format d3) through networkx.node_link_graph;
- Cytoscape.js JSON through networkx.cytoscape_graph.

Exit 1 on any difference, naming it.
"""
import json
import math
import re
import sys
import warnings

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


def check_networkx(name, G, d, xml=False, as_json=(), node_extra=(), edge_extra=(), graph_extra=()):
    """G as networkx read it, against graph.json d."""
    head = {k: v for k, v in d.items() if k not in ("nodes", "edges")}
    compare(f"{name}: graph", {k: v for k, v in head.items()}, G.graph, (), xml, graph_extra)
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
            data = G.get_edge_data(s, t, key=f"e{i}")
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
    check_networkx("networkx read_graphml", G, d, xml=True, as_json=("types", "events"), graph_extra=extra,
                   edge_extra=() if G.is_multigraph() else ("id",), node_extra=("id",))
    # force_multigraph keeps the edge keys whatever the data.
    G = nx.read_graphml(path, force_multigraph=True)
    check_networkx("networkx read_graphml (multigraph)", G, d, xml=True, as_json=("types", "events"),
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
    compare(f"{name}: graph", head, got_of({a: g[a] for a in g.attributes()}), (), True)
    for v, n in zip(g.vs, d["nodes"]):
        compare(f"{name}: node {n['id']}", {k: x for k, x in n.items() if k != "id"}, got_of(v.attributes()), (),
                True, ("id",))
    for i, (edge, e) in enumerate(zip(g.es, d["edges"])):
        s, t = g.vs[edge.source]["id"], g.vs[edge.target]["id"]
        if (s, t) != (xml_text(e["source"]), xml_text(e["target"])) or edge["id"] != f"e{i}":
            fail(f"{name}: edge {i} is {edge['id']} {s} -> {t}, graph.json's e{i} {e['source']} -> {e['target']}")
        compare(f"{name}: edge e{i}", {k: x for k, x in e.items() if k not in ("source", "target")},
                got_of(edge.attributes()), ("types", "events"), True, ("id",))


def check_d3(d, path):
    data = json.load(open(path, encoding="utf-8"))
    G = nx.node_link_graph(data)
    if not (G.is_multigraph() and G.is_directed()):
        fail("networkx node_link_graph: not a directed multigraph")
    # node_link_graph keeps the link's key as the edge key, and not in its data.
    check_networkx("networkx node_link_graph", G, d, graph_extra=())


def check_cytoscape(d, path):
    data = json.load(open(path, encoding="utf-8"))
    G = nx.cytoscape_graph(data)
    if not (G.is_multigraph() and G.is_directed()):
        fail("networkx cytoscape_graph: not a directed multigraph")
    for n in d["nodes"]:
        a = G.nodes.get(n["id"], {})
        if a.get("value") != n["id"] or a.get("name") != n["label"] or a.get("id") != n["id"]:
            fail(f"networkx cytoscape_graph: node {n['id']}: id/value/name {a.get('id')!r} {a.get('value')!r} "
                 f"{a.get('name')!r}")
    for i, e in enumerate(d["edges"]):
        a = G.get_edge_data(e["source"], e["target"], key=f"e{i}") or {}
        if a.get("id") != f"e{i}" or a.get("key") != f"e{i}" or (a.get("source"), a.get("target")) != (
                e["source"], e["target"]):
            fail(f"networkx cytoscape_graph: edge e{i}: id/key/ends {a.get('id')!r} {a.get('key')!r}")
    check_networkx("networkx cytoscape_graph", G, d, node_extra=("id", "value", "name"),
                   edge_extra=("id", "key", "source", "target"))


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    d = json.load(open(argv[1], encoding="utf-8"))
    check_graphml_networkx(d, argv[2])
    check_graphml_igraph(d, argv[2])
    check_d3(d, argv[3])
    check_cytoscape(d, argv[4])
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
