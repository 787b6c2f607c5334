# Shared helpers for the test-image builders in this folder. Sourced, not run.
#
# Everything written here is deterministic: tar entries are sorted by name,
# owned by 0:0 with numeric ids, have fixed modes and a fixed mtime
# (SOURCE_DATE_EPOCH, default 2024-01-01T00:00:00Z), tarballs are gzipped with
# `gzip -n` (no name, no timestamp), and JSON is written compactly by jq in a
# fixed key order. The same inputs therefore give the same digests on every
# run and every machine with the same tar/gzip.
# Tools: bash, tar (GNU), gzip, sha256sum, jq, coreutils.

set -euo pipefail
export LC_ALL=C TZ=UTC
umask 022

: "${SOURCE_DATE_EPOCH:=1704067200}"   # 2024-01-01T00:00:00Z
CREATED=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

MT_MANIFEST=application/vnd.oci.image.manifest.v1+json
MT_INDEX=application/vnd.oci.image.index.v1+json
MT_CONFIG=application/vnd.oci.image.config.v1+json
MT_LAYER_TAR=application/vnd.oci.image.layer.v1.tar
MT_LAYER_GZIP=application/vnd.oci.image.layer.v1.tar+gzip
MT_EMPTY=application/vnd.oci.empty.v1+json

die() { echo "${0##*/}: $*" >&2; exit 1; }

for _tool in tar gzip sha256sum jq; do
    command -v "$_tool" >/dev/null || die "needs $_tool"
done
unset _tool

# oci_init DIR: an empty OCI image layout (index.json is written at the end).
oci_init() {
    mkdir -p "$1/blobs/sha256"
    printf '{"imageLayoutVersion":"1.0.0"}' > "$1/oci-layout"
}

# blob_add LAYOUT FILE: moves FILE into the layout's blobs; prints its digest.
blob_add() {
    local layout=$1 file=$2 hex
    hex=$(sha256sum "$file" | cut -d' ' -f1)
    mv -f "$file" "$layout/blobs/sha256/$hex"
    chmod 0644 "$layout/blobs/sha256/$hex"
    echo "sha256:$hex"
}

# blob_add_string LAYOUT STRING: stores STRING (exact bytes, no newline added).
blob_add_string() {
    local tmp
    tmp=$(mktemp "$1/blobs/.tmp.XXXXXX")
    printf '%s' "$2" > "$tmp"
    blob_add "$1" "$tmp"
}

# blob_size LAYOUT DIGEST
blob_size() { stat -c %s "$1/blobs/sha256/${2#sha256:}"; }

# descriptor MEDIATYPE DIGEST SIZE [EXTRA_JSON_OBJECT]: one compact descriptor.
descriptor() {
    jq -cn --arg mt "$1" --arg d "$2" --argjson s "$3" --argjson extra "${4:-{\}}" \
        '{mediaType:$mt, digest:$d, size:$s} + $extra'
}

# normalize_tree DIR: fixed modes (dirs and executables 0755, files 0644)
# and the fixed mtime on everything, so that umask and checkout times don't matter.
normalize_tree() {
    find "$1" -type d -exec chmod 0755 {} +
    find "$1" -type f -perm /111 -exec chmod 0755 {} +
    find "$1" -type f ! -perm /111 -exec chmod 0644 {} +
    find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# make_tar SRC_DIR OUT_TAR: a deterministic uncompressed tar of SRC_DIR's
# content (entries "bin/", "bin/busybox", ... without a leading "./").
make_tar() {
    local src=$1 out=$2
    normalize_tree "$src"
    local entries
    mapfile -t entries < <(cd "$src" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | sort)
    tar --create --file="$out" --directory="$src" \
        --format=posix --pax-option='exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime' \
        --sort=name --mtime="@$SOURCE_DATE_EPOCH" \
        --owner=0 --group=0 --numeric-owner \
        -- "${entries[@]}"
}

# add_layer LAYOUT SRC_DIR [gzip|tar]: builds a layer from SRC_DIR and stores it.
# Sets LAYER_DESC (descriptor JSON) and LAYER_DIFF_ID (sha256 of the tar).
add_layer() {
    local layout=$1 src=$2 kind=${3:-gzip} tmp digest
    tmp=$(mktemp "$layout/blobs/.tmp.XXXXXX")
    make_tar "$src" "$tmp"
    LAYER_DIFF_ID="sha256:$(sha256sum "$tmp" | cut -d' ' -f1)"
    if [[ $kind == gzip ]]; then
        gzip -n -9 -c "$tmp" > "$tmp.gz"
        rm -f "$tmp"
        digest=$(blob_add "$layout" "$tmp.gz")
        LAYER_DESC=$(descriptor "$MT_LAYER_GZIP" "$digest" "$(blob_size "$layout" "$digest")")
    else
        digest=$(blob_add "$layout" "$tmp")
        LAYER_DESC=$(descriptor "$MT_LAYER_TAR" "$digest" "$(blob_size "$layout" "$digest")")
    fi
}

# add_json_blob LAYOUT MEDIATYPE JSON: stores JSON compacted; prints its descriptor.
add_json_blob() {
    local layout=$1 mt=$2 json digest
    json=$(jq -c . <<<"$3")
    digest=$(blob_add_string "$layout" "$json")
    descriptor "$mt" "$digest" "$(blob_size "$layout" "$digest")"
}

# image_config ARCH DIFF_IDS_JSON HISTORY_JSON CMD_JSON [VARIANT]: an OCI image config.
image_config() {
    jq -cn --arg created "$CREATED" --arg arch "$1" --argjson diffs "$2" \
        --argjson history "$3" --argjson cmd "$4" --arg variant "${5:-}" '
        {created: $created, architecture: $arch, os: "linux"}
        + (if $variant != "" then {variant: $variant} else {} end)
        + {config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                    Cmd: $cmd, WorkingDir: "/"},
           rootfs: {type: "layers", diff_ids: $diffs},
           history: $history}'
}

# image_manifest CONFIG_DESC LAYER_DESCS_JSON [ANNOTATIONS_JSON]
image_manifest() {
    jq -cn --arg mt "$MT_MANIFEST" --argjson config "$1" --argjson layers "$2" \
        --argjson ann "${3:-null}" '
        {schemaVersion: 2, mediaType: $mt, config: $config, layers: $layers}
        + (if $ann != null then {annotations: $ann} else {} end)'
}

# write_index_json LAYOUT DESC_JSON TAG: the layout's index.json with one
# entry, named TAG (org.opencontainers.image.ref.name) for skopeo's oci:DIR:TAG.
write_index_json() {
    jq -cn --argjson desc "$2" --arg tag "$3" '
        {schemaVersion: 2, manifests: [
            $desc + {annotations: {"org.opencontainers.image.ref.name": $tag}}]}' \
        > "$1/index.json"
}

# busybox_image LAYOUT: stores the busybox image's blobs (2 gzip layers:
# busybox + applet symlinks + passwd/group, then /etc/motd) and its manifest.
# Sets IMAGE_DESC to the manifest descriptor (with platform linux/amd64).
busybox_image() {
    local layout=$1 busybox=${BUSYBOX:-/bin/busybox} work
    [[ -x $busybox ]] || die "no $busybox (Debian: apt-get install busybox-static)"
    if command -v file >/dev/null && ! file -L "$busybox" | grep -q 'x86-64.*statically linked'; then
        die "$busybox is not a static x86-64 binary"
    fi
    work=$(mktemp -d "$layout/.work.XXXXXX")

    # Layer 1: the base system.
    mkdir -p "$work/l1/bin" "$work/l1/etc" "$work/l1/root" "$work/l1/tmp"
    cp "$busybox" "$work/l1/bin/busybox"
    local applet
    for applet in sh ash ls echo cat true false env id pwd mkdir rm cp mv ln \
                  sleep uname wc head tail grep sed sort date test printf; do
        ln -s busybox "$work/l1/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
        > "$work/l1/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' > "$work/l1/etc/group"
    add_layer "$layout" "$work/l1" gzip
    local l1_desc=$LAYER_DESC l1_diff=$LAYER_DIFF_ID

    # Layer 2: a small file on top.
    mkdir -p "$work/l2/etc"
    printf 'Welcome to the Muelle test image (busybox).\n' > "$work/l2/etc/motd"
    add_layer "$layout" "$work/l2" gzip
    local l2_desc=$LAYER_DESC l2_diff=$LAYER_DIFF_ID
    rm -rf "$work"

    local history config_desc
    history=$(jq -cn --arg c "$CREATED" '[
        {created: $c, created_by: "tests/images: busybox-static with applet symlinks, /etc/passwd, /etc/group"},
        {created: $c, created_by: "tests/images: /etc/motd"}]')
    config_desc=$(add_json_blob "$layout" "$MT_CONFIG" \
        "$(image_config amd64 "[\"$l1_diff\",\"$l2_diff\"]" "$history" '["sh"]')")
    local manifest digest
    manifest=$(image_manifest "$config_desc" "[$l1_desc,$l2_desc]")
    digest=$(blob_add_string "$layout" "$manifest")
    IMAGE_DESC=$(descriptor "$MT_MANIFEST" "$digest" "$(blob_size "$layout" "$digest")" \
        '{"platform":{"architecture":"amd64","os":"linux"}}')
}
