#!/usr/bin/env bash
# build-busybox.sh OUT_DIR [TAG]
#
# Writes an OCI image layout at OUT_DIR holding one image, linux/amd64, named
# TAG (default "latest") in index.json, so that `skopeo copy oci:OUT_DIR:TAG ...`
# finds it. Two gzip layers:
#   1. /bin/busybox (Debian's busybox-static) with symlinks sh, ls, echo, cat,
#      true, ... to it, and a minimal /etc/passwd and /etc/group;
#   2. /etc/motd.
# Config: Cmd ["sh"], rootfs.diff_ids, history. Offline and deterministic (see
# lib.sh): the same /bin/busybox gives the same digests. OUT_DIR is replaced.
# Env: BUSYBOX (default /bin/busybox), SOURCE_DATE_EPOCH.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: ${0##*/} OUT_DIR [TAG]" >&2; exit 2; }
out=$1 tag=${2:-latest}

rm -rf "$out"
oci_init "$out"
busybox_image "$out"
write_index_json "$out" "$IMAGE_DESC" "$tag"
echo "${IMAGE_DESC}" | jq -r .digest
