#!/usr/bin/env bash
# build-random.sh OUT_DIR N SIZE_MIB [TAG]
#
# Writes an OCI image layout at OUT_DIR with one linux/amd64 image (TAG,
# default "latest") of N layers, each a tar holding one file
# /data/layer-<i>.bin of SIZE_MIB MiB read from /dev/urandom, so the data is
# incompressible and NOT reproducible (every run gives new digests; the tar
# framing, mtimes and JSON are fixed as in lib.sh). For benchmarks.
#
# Layers are gzip (application/vnd.oci.image.layer.v1.tar+gzip, `gzip -n -1`;
# random data stays the same size, +~0.03%): skopeo, podman and buildah
# compress uncompressed layers when pushing to a registry, which would change
# the digests and make a push benchmark measure gzip instead of the registry.
# Prints the manifest digest.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

[[ $# -ge 3 && $# -le 4 ]] || { echo "usage: ${0##*/} OUT_DIR N SIZE_MIB [TAG]" >&2; exit 2; }
out=$1 n=$2 size=$3 tag=${4:-latest}
[[ $n =~ ^[1-9][0-9]*$ && $size =~ ^[1-9][0-9]*$ ]] || die "N and SIZE_MIB must be positive integers"

rm -rf "$out"
oci_init "$out"
work=$(mktemp -d "$out/.work.XXXXXX")
layers=() diffs=() history=()
for ((i = 1; i <= n; i++)); do
    rm -rf "$work/l"; mkdir -p "$work/l/data"
    head -c "$((size * 1024 * 1024))" /dev/urandom > "$work/l/data/layer-$i.bin"
    tmp=$(mktemp "$out/blobs/.tmp.XXXXXX")
    make_tar "$work/l" "$tmp"
    diffs+=("\"sha256:$(sha256sum "$tmp" | cut -d' ' -f1)\"")
    gzip -n -1 -c "$tmp" > "$tmp.gz"
    rm -f "$tmp"
    digest=$(blob_add "$out" "$tmp.gz")
    layers+=("$(descriptor "$MT_LAYER_GZIP" "$digest" "$(blob_size "$out" "$digest")")")
    history+=("{\"created\":\"$CREATED\",\"created_by\":\"tests/images: $size MiB from /dev/urandom\"}")
done
rm -rf "$work"

join() { local IFS=,; echo "[$*]"; }
config_desc=$(add_json_blob "$out" "$MT_CONFIG" \
    "$(image_config amd64 "$(join "${diffs[@]}")" "$(join "${history[@]}")" '["sh"]')")
manifest=$(image_manifest "$config_desc" "$(join "${layers[@]}")")
digest=$(blob_add_string "$out" "$manifest")
write_index_json "$out" "$(descriptor "$MT_MANIFEST" "$digest" "$(blob_size "$out" "$digest")" \
    '{"platform":{"architecture":"amd64","os":"linux"}}')" "$tag"
echo "$digest"
