#!/usr/bin/env bash
# The gallery (tst_gallery) in each variant under Xvfb — scale 1 at
# 1280×800, QT_SCALE_FACTOR=2 at 1024×640, right to left (Arabic as the
# user's language) — against the engine with_engine.sh started, with a
# running container that logs, a created one, a volume and a network; then
# $MUELLE_ARTIFACTS/index.html puts every screenshot side by side.
# Usage: with_engine.sh gallery.sh TST_GALLERY
set -euo pipefail
test=$1
artifacts=${MUELLE_ARTIFACTS:-$(dirname "$test")/../test-artifacts}
export MUELLE_ARTIFACTS=$artifacts
command -v xvfb-run >/dev/null || { echo "SKIP: xvfb-run is not installed" >&2; exit 77; }
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
dk run -d --name web --network none busybox \
    sh -c 'echo "listening on :8080"; i=0; while true; do echo "request $i served in 3 ms"; i=$((i+1)); sleep 0.5; done' >/dev/null
dk create --name batch --network none busybox true >/dev/null
dk volume create data >/dev/null
dk network create --subnet 10.123.0.0/24 gallery-net >/dev/null
trap 'dk rm -f web batch >/dev/null 2>&1; dk volume rm data >/dev/null 2>&1; dk network rm gallery-net >/dev/null 2>&1' EXIT
rm -rf "$artifacts/gallery"

# run VARIANT SCREEN SIZE [ENV...]: one pass of the gallery.
run() {
    local variant=$1 screen=$2 size=$3
    shift 3
    echo "== gallery: $variant" >&2
    env MUELLE_GALLERY_VARIANT="$variant" MUELLE_GALLERY_SIZE="$size" QT_QPA_PLATFORM=xcb "$@" \
        timeout -s KILL 300 xvfb-run -a -s "-screen 0 ${screen}x24" "$test"
}
status=0
run scale1 1280x800 1280x800 || status=1
run scale2 2560x1600 1024x640 QT_SCALE_FACTOR=2 || status=1
run rtl 1280x800 1280x800 LANGUAGE=ar LANG=ar_EG.UTF-8 || status=1

# index.html: a row per view, its variants side by side.
python3 - "$artifacts" <<'PY'
import html, pathlib, sys
root = pathlib.Path(sys.argv[1])
shots = sorted((root / "gallery").glob("*.png"))
columns = ["scale1-light", "scale1-dark", "scale2-light", "scale2-dark", "rtl-light", "rtl-dark"]
views = {}
for shot in shots:
    variant, theme, view = shot.stem.split("-", 2)
    views.setdefault(view, {})[f"{variant}-{theme}"] = shot
others = sorted(p for p in root.glob("*.png"))
out = ["<!doctype html><meta charset=utf-8><title>Muelle Desktop: every page and dialog</title>",
       "<style>body{font:14px sans-serif;margin:16px}td{vertical-align:top;padding:4px}"
       "img{width:320px;border:1px solid #ccc}th{text-align:left}</style>",
       "<h1>Muelle Desktop: every page and dialog</h1>",
       "<p>Light and dark, at scale 1 (1280×800), scale 2 (1024×640 at QT_SCALE_FACTOR=2) and right to left. "
       "Click a picture for its full size.</p><table><tr><th>view</th>"]
out += [f"<th>{c}</th>" for c in columns] + ["</tr>"]
for view, variants in sorted(views.items()):
    out.append(f"<tr><td>{html.escape(view)}</td>")
    for column in columns:
        shot = variants.get(column)
        out.append(f'<td><a href="gallery/{shot.name}"><img src="gallery/{shot.name}" loading=lazy></a></td>' if shot else "<td>—</td>")
    out.append("</tr>")
out.append("</table><h2>End-to-end test and app screenshots</h2>")
out += [f'<a href="{p.name}"><img src="{p.name}" loading=lazy title="{p.stem}"></a>' for p in others]
(root / "index.html").write_text("\n".join(out), encoding="utf-8")
print(f"gallery.sh: {len(shots)} screenshots in {root / 'index.html'}", file=sys.stderr)
PY
exit $status
