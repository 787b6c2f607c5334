#!/usr/bin/env bash
# build-multiarch.sh OUT_DIR [TAG]
#
# Writes an OCI image layout at OUT_DIR whose index.json names (TAG, default
# "latest") an OCI image index with two manifests:
#   - linux/amd64: the busybox image of build-busybox.sh (same blobs, same digest);
#   - linux/arm64: NOT a runnable arm64 image. It has one small layer with a
#     text file (/etc/arch-note) and its own config saying arm64; no arm64
#     binary is built here. It exists to test multi-platform indexes
#     (skopeo copy --all, per-platform pulls), not to run anything.
# Offline and deterministic (see lib.sh). OUT_DIR is replaced.
# Prints the index digest.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: ${0##*/} OUT_DIR [TAG]" >&2; exit 2; }
out=$1 tag=${2:-latest}

rm -rf "$out"
oci_init "$out"

busybox_image "$out"
amd64_desc=$IMAGE_DESC

work=$(mktemp -d "$out/.work.XXXXXX")
mkdir -p "$work/l1/etc"
printf 'linux/arm64 placeholder of the Muelle multi-arch test image: no binaries.\n' \
    > "$work/l1/etc/arch-note"
add_layer "$out" "$work/l1" gzip
rm -rf "$work"
history=$(jq -cn --arg c "$CREATED" '[{created: $c, created_by: "tests/images: /etc/arch-note (arm64 placeholder)"}]')
config_desc=$(add_json_blob "$out" "$MT_CONFIG" \
    "$(image_config arm64 "[\"$LAYER_DIFF_ID\"]" "$history" '["sh"]' v8)")
manifest=$(image_manifest "$config_desc" "[$LAYER_DESC]")
digest=$(blob_add_string "$out" "$manifest")
arm64_desc=$(descriptor "$MT_MANIFEST" "$digest" "$(blob_size "$out" "$digest")" \
    '{"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}')

index=$(jq -cn --arg mt "$MT_INDEX" --argjson a "$amd64_desc" --argjson b "$arm64_desc" \
    '{schemaVersion: 2, mediaType: $mt, manifests: [$a, $b]}')
digest=$(blob_add_string "$out" "$index")
write_index_json "$out" "$(descriptor "$MT_INDEX" "$digest" "$(blob_size "$out" "$digest")")" "$tag"
echo "$digest"
