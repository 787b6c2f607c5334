#!/usr/bin/env bash
# tests/bench/build.sh — image builds, muelled beside its peers in one run:
# muelled and Debian's dockerd 20.10 (its classic builder, DOCKER_BUILDKIT=0)
# through the docker CLI, and `buildah bud --layers` (chroot isolation, its
# own overlay store). Two Dockerfiles, each built cold (--no-cache; the base
# image present) and then rebuilt with every step cached:
#   (a) small: FROM, COPY of a few files, RUNs, ENV, LABEL, WORKDIR, CMD;
#   (b) large context: COPY of 2,000 small files and of a 200 MiB file, RUNs.
# RUNS runs of each after one untimed warm-up, each started after a sync
# (the last build's dirty pages written, whoever made them), medians in
# seconds, and the ratios peer/muelled (above 1: muelled is faster). Then
# muelled's RSS growth while a 1 GiB context is sent and built (VmHWM before
# and after).
# Not part of CI; asserts nothing.
# Env: RUNS=5, MUELLED, DOCKERD, MUELLE_REGISTRY, KEEP_TMP=1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${MUELLED_LOG_LEVEL:=info}" "${DOCKERD_LOG_LEVEL:=warn}"
export MUELLED_LOG_LEVEL DOCKERD_LOG_LEVEL
source "$here/../peers/lib.sh"
: "${RUNS:=5}"
DOCKER=${DOCKER:-$(command -v docker || true)}
[[ -n $DOCKER ]] || fail "needs the docker CLI"
[[ -x $DOCKERD ]] || fail "needs dockerd at $DOCKERD (apt-get install docker.io)"
[[ -x $MUELLED ]] || fail "no muelled at $MUELLED (build it first)"
need buildah skopeo jq
need_registry
export DOCKER_BUILDKIT=0

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'; }

log "the busybox image, a registry, the engines"
bb=$TMP/src-busybox
bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
start_muelle reg anonymous
seed "$reg_addr" anonymous test/busybox:v1 "$bb" --dest-tls-verify=false
base=$reg_addr/test/busybox:v1
start_muelled muelled
start_dockerd dockerd
for engine in muelled dockerd; do
    host_var="${engine}_host"
    DOCKER_HOST=${!host_var} "$DOCKER" pull -q "$base" >/dev/null
done
bh() { buildah --root "$TMP/buildah/root" --runroot "$SHORT_TMP/bh" --storage-driver overlay "$@"; }
bh pull -q --tls-verify=false "docker://$base" >/dev/null

log "the contexts"
small=$TMP/small
mkdir -p "$small"
for i in 1 2 3; do head -c 4096 /dev/urandom | base64 >"$small/file$i"; done
cat >"$small/Dockerfile" <<EOF
FROM $base
ENV APP=/app MODE=bench
LABEL org.example.bench=small
WORKDIR /app
COPY file1 file2 ./
COPY file3 /etc/app.conf
RUN cat file1 file2 | wc -c >/app/size
RUN mkdir -p /var/data && echo ready >/var/data/state
RUN sed -n 1p /etc/app.conf >/app/first
CMD ["cat", "/app/size"]
EOF
large=$TMP/large
mkdir -p "$large/many"
python3 -c '
import os, sys
for i in range(2000):
    with open(f"{sys.argv[1]}/many/f{i:04d}.txt", "w") as f:
        f.write(f"file {i}\n" * 20)' "$large"
head -c $((200 << 20)) /dev/urandom >"$large/big.bin"
cat >"$large/Dockerfile" <<EOF
FROM $base
COPY many /srv/many/
COPY big.bin /srv/big.bin
RUN ls /srv/many | wc -l >/srv/count
RUN wc -c </srv/big.bin >/srv/bigsize
EOF

build_one() { # ENGINE CONTEXT [--no-cache]
    local engine=$1 ctx=$2; shift 2
    case $engine in
        muelled) DOCKER_HOST=$muelled_host "$DOCKER" build -q "$@" -t bench "$ctx" ;;
        dockerd) DOCKER_HOST=$dockerd_host "$DOCKER" build -q "$@" -t bench "$ctx" ;;
        buildah) bh bud -q --layers --isolation chroot --pull=false "$@" -t bench "$ctx" ;;
    esac >/dev/null 2>"$TMP/build.err" || { cat "$TMP/build.err" >&2; fail "$engine could not build $ctx"; }
}

declare -A result
for case in small large; do
    ctx=$TMP/$case
    for engine in muelled dockerd buildah; do
        log "$case: $engine"
        build_one "$engine" "$ctx" --no-cache
        cold=() cached=()
        for ((i = 0; i < RUNS; i++)); do
            sync; t0=$(now); build_one "$engine" "$ctx" --no-cache; t1=$(now)
            cold+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
            sync; t0=$(now); build_one "$engine" "$ctx"; t1=$(now)
            cached+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
        done
        result[$case,$engine,cold]=$(printf '%s\n' "${cold[@]}" | median)
        result[$case,$engine,cached]=$(printf '%s\n' "${cached[@]}" | median)
    done
done

log "muelled's RSS while a 1 GiB context is built"
huge=$TMP/huge
mkdir -p "$huge"
head -c $((1 << 30)) /dev/zero >"$huge/zeros.bin"
printf 'FROM %s\nCOPY zeros.bin /zeros.bin\n' "$base" >"$huge/Dockerfile"
hwm() { awk '/VmHWM/ {print $2}' "/proc/$muelled_pid/status"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$muelled_pid/status"; }
before_rss=$(rss) before_hwm=$(hwm)
build_one muelled "$huge" --no-cache
after_hwm=$(hwm)
growth=$(((after_hwm > before_rss ? after_hwm - before_rss : 0) / 1024))
rm -rf "$huge"

printf '\n%-22s %10s %10s %10s %14s %14s\n' "build (median s)" muelled dockerd buildah "dockerd/muelled" "buildah/muelled"
for case in small large; do
    for kind in cold cached; do
        m=${result[$case,muelled,$kind]} d=${result[$case,dockerd,$kind]} b=${result[$case,buildah,$kind]}
        printf '%-22s %10.3f %10.3f %10.3f %14s %14s\n' "$case, $kind" "$m" "$d" "$b" "$(ratio "$d" "$m")" "$(ratio "$b" "$m")"
    done
done
printf '\nmuelled RSS: %d KiB before, peak %d KiB while building a 1 GiB context: +%d MiB (previous peak %d KiB)\n' \
    "$before_rss" "$after_hwm" "$growth" "$before_hwm"
