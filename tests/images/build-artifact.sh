#!/usr/bin/env bash
# build-artifact.sh OUT_DIR SUBJECT_LAYOUT [TAG]
#
# Writes an OCI image layout at OUT_DIR holding one OCI artifact: an image
# manifest (image-spec 1.1 style) with
#   artifactType  application/vnd.muelle.test.sbom+json (env ARTIFACT_TYPE overrides)
#   config        the empty descriptor (application/vnd.oci.empty.v1+json, blob "{}")
#   layers        one text blob (text/plain, a small SBOM-like listing)
#   subject       the image manifest named by SUBJECT_LAYOUT/index.json's first
#                 entry; when that entry is an image index (build-multiarch.sh),
#                 the index's linux/amd64 manifest
# index.json names it TAG (default "sbom"). Only the artifact's own blobs are
# in OUT_DIR, not the subject's. Offline and deterministic (see lib.sh).
# Prints the artifact manifest digest.
#
# Pushing: skopeo 1.9 may not copy manifests with a subject/artifactType
# faithfully; tests/peers/referrers.sh pushes with curl (monolithic blob
# uploads + manifest PUT by digest).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

[[ $# -ge 2 && $# -le 3 ]] || { echo "usage: ${0##*/} OUT_DIR SUBJECT_LAYOUT [TAG]" >&2; exit 2; }
out=$1 subject_layout=$2 tag=${3:-sbom}
ARTIFACT_TYPE=${ARTIFACT_TYPE:-application/vnd.muelle.test.sbom+json}

[[ -f $subject_layout/index.json ]] || die "$subject_layout is not an OCI image layout"
subject=$(jq -c '.manifests[0] | {mediaType, digest, size}' "$subject_layout/index.json")
if [[ $(jq -r .mediaType <<<"$subject") == "$MT_INDEX" ]]; then
    idx="$subject_layout/blobs/sha256/$(jq -r '.digest | sub("^sha256:"; "")' <<<"$subject")"
    subject=$(jq -c '[.manifests[] | select(.platform.os == "linux" and .platform.architecture == "amd64")][0]
                     | {mediaType, digest, size}' "$idx")
fi
[[ $(jq -r .mediaType <<<"$subject") == "$MT_MANIFEST" ]] || die "subject is not an OCI image manifest: $subject"
subject_name=$(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"] // "image"' \
    "$subject_layout/index.json")

rm -rf "$out"
oci_init "$out"

empty_digest=$(blob_add_string "$out" '{}')
config_desc=$(descriptor "$MT_EMPTY" "$empty_digest" 2)

sbom=$(printf 'muelle test artifact (%s)\nsubject: %s\npackages:\n  busybox-static (Debian 12)\n' \
    "$ARTIFACT_TYPE" "$(jq -r .digest <<<"$subject")")
layer_digest=$(blob_add_string "$out" "$sbom")
layer_desc=$(descriptor text/plain "$layer_digest" "$(blob_size "$out" "$layer_digest")" \
    '{"annotations":{"org.opencontainers.image.title":"artifact.txt"}}')

manifest=$(jq -cn --arg mt "$MT_MANIFEST" --arg at "$ARTIFACT_TYPE" \
    --argjson config "$config_desc" --argjson layer "$layer_desc" --argjson subject "$subject" \
    --arg created "$CREATED" --arg name "$subject_name" '
    {schemaVersion: 2, mediaType: $mt, artifactType: $at, config: $config,
     layers: [$layer], subject: $subject,
     annotations: {"org.opencontainers.image.created": $created,
                   "org.opencontainers.image.description": ("test artifact for " + $name)}}')
digest=$(blob_add_string "$out" "$manifest")
write_index_json "$out" "$(descriptor "$MT_MANIFEST" "$digest" "$(blob_size "$out" "$digest")" \
    "{\"artifactType\":\"$ARTIFACT_TYPE\"}")" "$tag"
echo "$digest"
