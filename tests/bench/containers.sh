#!/usr/bin/env bash
# tests/bench/containers.sh — the latency of running a container, muelled
# beside its peers in one run: `docker run --rm --network none busybox true`
# through muelled and through Debian's dockerd 20.10; `podman run --rm
# --network none` (with its own containers.conf given through
# CONTAINERS_CONF: nofile 20000:20000 and nproc 32768:32768, runtime runc,
# cgroup manager cgroupfs, events logger file, its own root and runroot);
# and the floor, `runc run` on a prepared bundle (the same busybox rootfs).
# Both engines run without a network (muelled's bridge networking is not
# there yet; dockerd is started with --bridge=none).
# RUNS runs of each after WARMUP untimed ones, medians, in seconds; the
# order of the four rotates run by run. Not part of CI; asserts nothing.
# Env: RUNS=20, WARMUP=3, MUELLED, DOCKERD, MUELLE_REGISTRY, KEEP_TMP=1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${MUELLED_LOG_LEVEL:=info}" "${DOCKERD_LOG_LEVEL:=warn}"
export MUELLED_LOG_LEVEL DOCKERD_LOG_LEVEL
source "$here/../peers/lib.sh"
: "${RUNS:=20}" "${WARMUP:=3}"
DOCKER=${DOCKER:-$(command -v docker || true)}
[[ -n $DOCKER ]] || fail "needs the docker CLI"
[[ -x $DOCKERD ]] || fail "needs dockerd at $DOCKERD (apt-get install docker.io)"
[[ -x $MUELLED ]] || fail "no muelled at $MUELLED (build it first)"
need runc podman skopeo umoci jq
need_registry

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'; }
ms() { awk -v s="$1" 'BEGIN {if (s == "n/a") print "n/a"; else printf "%.1f", s * 1000}'; }

log "the busybox image, a registry, the engines"
bb=$TMP/src-busybox
bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
start_muelle reg anonymous
seed "$reg_addr" anonymous test/busybox:v1 "$bb" --dest-tls-verify=false
start_muelled muelled
start_dockerd dockerd
for engine in muelled dockerd; do
    host_var="${engine}_host"
    DOCKER_HOST=${!host_var} "$DOCKER" pull -q "$reg_addr/test/busybox:v1" >/dev/null
    DOCKER_HOST=${!host_var} "$DOCKER" tag "$reg_addr/test/busybox:v1" busybox
done

# podman: its own storage and configuration, the image copied in by skopeo.
mkdir -p "$TMP/podman"
cat > "$TMP/podman/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF=$TMP/podman/containers.conf
podman_args=(--root "$TMP/podman/root" --runroot "$SHORT_TMP/pr" --storage-driver overlay)
podman "${podman_args[@]}" pull -q "oci:$bb:latest" >/dev/null 2>&1 \
    || skopeo copy -q "oci:$bb:latest" "containers-storage:[overlay@$TMP/podman/root+$SHORT_TMP/pr]localhost/busybox:latest"
podman_image=$(podman "${podman_args[@]}" images -q | head -1)

# runc: a bundle of the same image, its config from `runc spec` running true.
umoci unpack --rootless --image "$bb:latest" "$TMP/bundle" >/dev/null 2>&1 || umoci unpack --image "$bb:latest" "$TMP/bundle" >/dev/null
jq '.process.terminal = false | .process.args = ["true"] | .root.readonly = false' "$TMP/bundle/config.json" > "$TMP/bundle/c.json"
mv "$TMP/bundle/c.json" "$TMP/bundle/config.json"
runc_root=$SHORT_TMP/runc

run_one() { # ENGINE N
    case $1 in
        muelled) DOCKER_HOST=$muelled_host "$DOCKER" run --rm --network none busybox true ;;
        dockerd) DOCKER_HOST=$dockerd_host "$DOCKER" run --rm --network none busybox true ;;
        podman) podman "${podman_args[@]}" run --rm --network none "$podman_image" true ;;
        runc) runc --root "$runc_root" run --bundle "$TMP/bundle" "bench-$2" </dev/null ;;
    esac >/dev/null 2>&1
}

engines=(runc muelled dockerd podman)
declare -A times
for ((i = 0; i < WARMUP + RUNS; i++)); do
    for ((j = 0; j < ${#engines[@]}; j++)); do
        engine=${engines[(i + j) % ${#engines[@]}]}
        start=$(now)
        run_one "$engine" "$i" || fail "$engine: a run failed"
        [[ $i -lt $WARMUP ]] || times[$engine]+="$(awk -v a="$start" -v b="$(now)" 'BEGIN {print b - a}') "
    done
done

declare -A med
for engine in "${engines[@]}"; do med[$engine]=$(tr ' ' '\n' <<<"${times[$engine]}" | grep . | median); done
printf '\n%-48s %10s %10s\n' "docker run --rm busybox true (median of $RUNS)" "ms" "/ runc"
for engine in "${engines[@]}"; do
    printf '%-48s %10s %10s\n' "$engine" "$(ms "${med[$engine]}")" "$(ratio "${med[$engine]}" "${med[runc]}")"
done
printf '\nmuelled / runc = %s (target <= 1.5); dockerd / muelled = %s; podman / muelled = %s\n' \
    "$(ratio "${med[muelled]}" "${med[runc]}")" "$(ratio "${med[dockerd]}" "${med[muelled]}")" \
    "$(ratio "${med[podman]}" "${med[muelled]}")"
