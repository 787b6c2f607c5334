#!/usr/bin/env bash
# A data root written by an older muelled is migrated at start: the
# container records of tests/fixtures/containers-v1.jsonl (made by muelled
# before 2026-12, whose records kept the spec as Docker's create body; see
# make-containers-v1.sh) are put into a data root, muelled restarts on it,
# and each container inspects as it did under the muelled that made it
# (tests/fixtures/containers-v1-inspect.json: Config, HostConfig, name,
# state), its record is rewritten in today's shape, and it still starts,
# waits and is removed. A record from a newer muelled, or a damaged one, is
# skipped with a warning and stops nothing. Env: MUELLED, lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../peers/lib.sh"
ENGINE=muelled
choose_engine
need sqlite3 jq skopeo
need_registry
[[ $(id -u) == 0 ]] || skip "needs root (containers)"
fixtures=$MUELLE_SOURCE/tests/fixtures

start_engine_with_busybox
dk() { timeout -s KILL 60 "$DOCKER" "$@"; }
dk network create fxnet >/dev/null
dk volume create named >/dev/null
image=$(dk inspect --format '{{.Id}}' busybox)
db=$engine_dir/root/metadata.db

# The old records, pointed at this data root's busybox, one damaged and one
# from a future muelled beside them; with each container's directories as
# the old muelled left them (its writable layer's layout is unchanged).
put_old_records() {
    local record id name
    while IFS= read -r record; do
        record=$(jq -c --arg image "$image" '.image = $image' <<<"$record")
        id=$(jq -r .id <<<"$record"); name=$(jq -r .name <<<"$record")
        mkdir -p "$engine_dir/root/containers/$id" "$engine_dir/root/snapshots/containers/$id/"{upper,work,merged,empty}
        sqlite3 "$db" "INSERT INTO containers (id, name, image, record) VALUES ('$id', '$name', '$image', '$(sed "s/'/''/g" <<<"$record")')"
    done < "$fixtures/containers-v1.jsonl"
    # A dead container (its removal failed) that says restart always: not
    # started again when muelled restarts, nor by docker start.
    record=$(grep '"name":"minimal"' "$fixtures/containers-v1.jsonl" | jq -c --arg image "$image" \
        '.image = $image | .id = "dddd0000dead" | .name = "dead" | .state.status = "dead"
         | .spec.HostConfig.RestartPolicy = {"Name": "always", "MaximumRetryCount": 0}')
    mkdir -p "$engine_dir/root/containers/dddd0000dead" "$engine_dir/root/snapshots/containers/dddd0000dead/"{upper,work,merged,empty}
    sqlite3 "$db" "INSERT INTO containers VALUES ('dddd0000dead', 'dead', '$image', '$record')"
    sqlite3 "$db" "INSERT INTO containers VALUES ('ffff0000', 'future', '$image', '{\"version\": 99, \"id\": \"ffff0000\", \"image\": \"$image\", \"spec\": {}}')"
    sqlite3 "$db" "INSERT INTO containers VALUES ('eeee0000', 'damaged', '$image', '{\"id\": \"eeee0000\", \"image\": \"$image\", \"spec\": {\"HostConfig\": {\"Memory\": \"lots\"}}}')"
}
log "muelled restarts on a data root with records of muelled before 2026-12"
restart_muelled engine TERM put_old_records
grep -q 'ffff0000 is of version 99, newer than this muelled reads' "$engine_dir/log" ||
    fail "the future record was not refused in words: $(tail -5 "$engine_dir/log")"
grep -q 'unreadable container record eeee0000' "$engine_dir/log" || fail "the damaged record was not refused"
pass "a record of a newer muelled and a damaged one are skipped with a warning; the engine serves"

log "the migrated containers are what they were"
dk inspect rich aliased exited minimal > "$TMP/inspect.json"
for name in rich aliased exited minimal; do
    for part in Config HostConfig Name State.Status State.ExitCode Driver; do
        before=$(jq -S --arg n "/$name" ".[] | select(.Name == \$n) | .$part" "$fixtures/containers-v1-inspect.json")
        after=$(jq -S --arg n "/$name" ".[] | select(.Name == \$n) | .$part" "$TMP/inspect.json")
        [[ -n $before && $before != null ]] || fail "the fixture has no $part for $name"
        [[ $before == "$after" ]] || fail "$name's $part changed in the migration: $(diff <(echo "$before") <(echo "$after") | head -20)"
    done
done
pass "Config, HostConfig, name and state of 4 containers inspect as under the muelled that made them"

versions=$(sqlite3 "$db" "SELECT json_extract(record, '$.version') FROM containers WHERE name IN ('rich', 'aliased', 'exited', 'minimal')" | sort -u)
[[ $versions == 2 ]] || fail "records not rewritten in today's shape: versions $versions"
sqlite3 "$db" "SELECT json_extract(record, '$.spec.restartPolicy') FROM containers WHERE name = 'rich'" | grep -qx 1 ||
    fail "the rich record's spec is not in the engine's shape"
pass "their records are rewritten as version 2"

[[ $(dk inspect --format '{{.State.Status}}' dead) == dead ]] || fail "a dead container with restart always was started again: $(dk inspect --format '{{.State.Status}}' dead)"
expect_error "container is marked for removal and cannot be started" dk start dead
dk rm dead >/dev/null
pass "a dead container is not started again, by its restart policy or by docker start; it is removed"

log "they still run"
dk start exited >/dev/null
code=$(dk wait exited)
[[ $code == 3 ]] || fail "the migrated container exited $code, not 3"
dk start minimal >/dev/null
dk rm -f rich aliased exited minimal >/dev/null
[[ -z $(dk ps -aq --filter name=rich) ]] || fail "rich was not removed"
pass "a migrated container starts, exits with its code and is removed"
echo "migrate.sh: $CHECKS checks passed"
