#!/usr/bin/env python3
"""Converts npm world-atlas 2.0.2 TopoJSON into src/web/assets/world_paths.tsv (run once).

The map of /insights is drawn from that committed table; this script is how it was made and
how to remake it. It needs only the Python standard library and the npm package:

    npm install world-atlas@2.0.2            # in a scratch directory
    python3 tools/world_map.py node_modules/world-atlas > src/web/assets/world_paths.tsv

Shapes: Natural Earth (public domain) via world-atlas (ISC licence; see
src/web/assets/WORLD-MAP-LICENCE.md). Countries come from the 1:110m file; small states the
110m file lacks (Hong Kong, Malta, Singapore, Bahrain...) are added from the 1:50m file.
Projection: Equal Earth, 1000 x 487 units. Antarctica (010) is left out.

Output, one country a line, tab-separated: ISO 3166-1 numeric id (empty for the few
territories without one), name, bounding-box centre x and y, box width and height, SVG path
(absolute first point, then relative `l` steps).
"""
import json
import math
import sys

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
WIDTH = 1000.0


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX, _ = equal_earth(180, 0)
_, Y_MAX = equal_earth(0, 90)
SCALE = WIDTH / (2 * X_MAX)


def to_px(lon, lat):
    x, y = equal_earth(lon, lat)
    return (x + X_MAX) * SCALE, (Y_MAX - y) * SCALE


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is drawn twice, shifted
    east and west, so each copy is continuous; the map's edges clip what falls outside."""
    crosses = any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:]))
    if not crosses:
        return [points]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    west = [(lon - 360 if lon > 0 else lon, lat) for lon, lat in points]
    return [east, west]


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def path_and_box(geometry, arcs, decimals):
    factor = 10 ** decimals
    parts = []
    box = [math.inf, math.inf, -math.inf, -math.inf]
    biggest = (0.0, None)
    rings = []
    for polygon in polygons(geometry):
        for ring in polygon:
            rings.extend(unwrap(ring_points(ring, arcs)))
    for ring in rings:
        pts = []
        for lon, lat in ring:
            px, py = to_px(lon, lat)
            q = (round(px * factor), round(py * factor))
            if not pts or pts[-1] != q:
                pts.append(q)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        if len(set(pts)) < 3:
            continue
        xs = [p[0] / factor for p in pts]
        ys = [p[1] / factor for p in pts]
        box = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]
        extent = (max(xs) - min(xs)) * (max(ys) - min(ys))
        if extent >= biggest[0]:
            biggest = (extent, ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
        fmt = lambda v: f"{v / factor:.{decimals}f}" if decimals else str(v)
        steps = [f"M{fmt(pts[0][0])} {fmt(pts[0][1])}l"]
        rel = []
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            rel.append(f"{fmt(x1 - x0)} {fmt(y1 - y0)}")
        parts.append(steps[0] + " ".join(rel) + "z")
    if not parts:
        return None
    cx, cy = biggest[1]
    return "".join(parts), (cx, cy, box[2] - box[0], box[3] - box[1])


def main(folder):
    coarse = json.load(open(f"{folder}/countries-110m.json", encoding="utf-8"))
    fine = json.load(open(f"{folder}/countries-50m.json", encoding="utf-8"))
    rows = []
    seen = set()
    for topo, decimals, only_missing in ((coarse, 0, False), (fine, 1, True)):
        arcs = decode_arcs(topo)
        for geometry in topo["objects"]["countries"]["geometries"]:
            gid = geometry.get("id", "") or ""
            name = geometry.get("properties", {}).get("name", "")
            if gid == "010":
                continue
            key = gid or name
            if only_missing and key in seen:
                continue
            made = path_and_box(geometry, arcs, decimals)
            if made is None:
                continue
            seen.add(key)
            d, (cx, cy, w, h) = made
            rows.append((gid, name, f"{cx:.1f}", f"{cy:.1f}", f"{w:.1f}", f"{h:.1f}", d))
    rows.sort(key=lambda r: (r[0] == "", r[0], r[1]))
    for row in rows:
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "node_modules/world-atlas")
