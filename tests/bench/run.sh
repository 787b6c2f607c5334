#!/usr/bin/env bash
# tests/bench/run.sh — muelle-registry side by side with its peers, in one run.
# Not part of CI; never asserts on time. Prints a table and a summary block
# for the README. Everything runs on 127.0.0.1 on free ports, in a temp dir.
#
#   1. push and pull with skopeo of an image of LAYERS x LAYER_MIB random
#      (incompressible) gzip layers: MB/s, muelle-registry vs CNCF Distribution
#      (Debian's docker-registry), RUNS runs each on fresh servers, median;
#   2. requests/s for manifest HEAD (hey), manifest GET and small-blob GET
#      (wrk -c4 -t2 -d10s), vs Distribution and vs nginx serving the same
#      bytes as static files;
#   3. muelle-registry's peak RSS (VmHWM) while a BIG_MIB random blob is pushed
#      (curl, monolithic: POST + one PUT) and pulled (GET to /dev/null);
#      Distribution's for comparison.
#
# Env: MUELLE_REGISTRY (default build/bin/muelle-registry), RUNS=3, DURATION=10s,
#      CONNECTIONS=4, THREADS=2, LAYERS=4, LAYER_MIB=64, BIG_MIB=1024,
#      KEEP_TMP=1 to keep the temp dir.
# Needs: skopeo docker-registry nginx wrk hey curl jq python3 (apt-get install
# wrk hey nginx; scripts/bench.sh installs scripts/packages-bench.txt).
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
: "${MUELLE_REGISTRY:=$source_dir/build/bin/muelle-registry}"
: "${RUNS:=3}" "${DURATION:=10s}" "${CONNECTIONS:=4}" "${THREADS:=2}"
: "${LAYERS:=4}" "${LAYER_MIB:=64}" "${BIG_MIB:=1024}"

for tool in skopeo docker-registry nginx wrk hey curl jq python3 sha256sum; do
    command -v "$tool" >/dev/null || { echo "run.sh: needs $tool (apt-get install -y wrk hey nginx skopeo docker-registry)" >&2; exit 2; }
done
[[ -x $MUELLE_REGISTRY ]] || { echo "run.sh: no muelle-registry at $MUELLE_REGISTRY" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/muelle-bench.XXXXXX")
chmod 0755 "$TMP"          # nginx workers read files under it
export TMPDIR=$TMP/tmp; mkdir -p "$TMPDIR"
POLICY=$TMP/policy.json
printf '{"default":[{"type":"insecureAcceptAnything"}]}\n' > "$POLICY"
export REGISTRY_AUTH_FILE=$TMP/auth.json; printf '{"auths":{}}\n' > "$REGISTRY_AUTH_FILE"

PIDS=()
cleanup() {
    local rc=$? pid i
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ ${KEEP_TMP:-0} == 1 ]]; then echo "temp dir kept: $TMP" >&2; else rm -rf "$TMP"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '.. %s\n' "$*" >&2; }
now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'; }
fmt() { awk -v v="$1" 'BEGIN {if (v == "" || v == "n/a") print "n/a"; else if (v >= 100) printf "%.0f", v; else printf "%.1f", v}'; }

source "$here/registries.sh"

# upload_big ADDR FILE DIGEST monolithic|patch: prints the final status.
# monolithic: POST, then one PUT ?digest= with the whole body (curl -T streams it);
# patch: POST, one PATCH with the whole body, then an empty PUT ?digest=.
upload_big() {
    local addr=$1 file=$2 digest=$3 how=$4 loc sep
    loc=$(curl -s -X POST -o /dev/null -D - "http://$addr/v2/bench/big/blobs/uploads/" | tr -d '\r' \
        | awk -F': ' 'tolower($1) == "location" {print $2}')
    [[ $loc == http* ]] || loc=http://$addr$loc
    sep='?'; [[ $loc == *\?* ]] && sep='&'
    if [[ $how == monolithic ]]; then
        curl -s -o "$TMP/put.out" -w '%{http_code}' -T "$file" -H 'Content-Type: application/octet-stream' \
            "$loc${sep}digest=$digest" || true
    else
        local next
        next=$(curl -s -X PATCH -T "$file" -H 'Content-Type: application/octet-stream' -o /dev/null -D - "$loc" \
            | tr -d '\r' | awk -F': ' 'tolower($1) == "location" {print $2}') || true
        [[ -z $next ]] && next=$loc
        [[ $next == http* ]] || next=http://$addr$next
        sep='?'; [[ $next == *\?* ]] && sep='&'
        curl -s -X PUT -o "$TMP/put.out" -w '%{http_code}' "$next${sep}digest=$digest" || true
    fi
}
UPLOAD_NOTE=""

hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

declare -A R   # results: R[key.server] = value

# ---------------------------------------------------------------------------
say "building the benchmark images ($LAYERS x $LAYER_MIB MiB random layers; busybox)"
img=$TMP/img-random bb=$TMP/img-busybox
bash "$source_dir/tests/images/build-random.sh" "$img" "$LAYERS" "$LAYER_MIB" >/dev/null
bash "$source_dir/tests/images/build-busybox.sh" "$bb" >/dev/null
img_digest=$(jq -r '.manifests[0].digest' "$img/index.json")
img_bytes=$(jq '[.layers[].size, .config.size] | add' "$img/blobs/sha256/${img_digest#sha256:}")
say "random image: $img_digest, $img_bytes bytes of blobs"

# ---------------------------------------------------------------------------
say "1. skopeo push/pull, $RUNS runs per server, fresh servers each run"
for ((run = 1; run <= RUNS; run++)); do
    # alternate the order so that neither server always goes first
    if ((run % 2)); then order="muelle distribution"; else order="distribution muelle"; fi
    for srv in $order; do
        d=$TMP/run-$run-$srv
        "start_$srv" "$d"
        t0=$(now)
        if ! skopeo --policy "$POLICY" copy -q --preserve-digests --dest-tls-verify=false \
            "oci:$img:latest" "docker://$SRV_ADDR/bench/random:v1" > "$d/skopeo.out" 2>&1; then
            echo "warning: $srv run $run: push failed: $(tail -n 3 "$d/skopeo.out")" >&2
            stop "$SRV_PID"; rm -rf "$d"; continue
        fi
        t1=$(now)
        if ! skopeo --policy "$POLICY" copy -q --preserve-digests --src-tls-verify=false \
            "docker://$SRV_ADDR/bench/random:v1" "oci:$d/pulled:v1" > "$d/skopeo.out" 2>&1; then
            echo "warning: $srv run $run: pull failed: $(tail -n 3 "$d/skopeo.out")" >&2
            stop "$SRV_PID"; rm -rf "$d"; continue
        fi
        t2=$(now)
        got=$(jq -r '.manifests[0].digest' "$d/pulled/index.json")
        [[ $got == "$img_digest" ]] || echo "warning: $srv run $run: pulled $got, pushed $img_digest" >&2
        push=$(awk -v b="$img_bytes" -v a="$t0" -v c="$t1" 'BEGIN {print b / (c - a) / 1e6}')
        pull=$(awk -v b="$img_bytes" -v a="$t1" -v c="$t2" 'BEGIN {print b / (c - a) / 1e6}')
        say "   run $run $srv: push $(fmt "$push") MB/s, pull $(fmt "$pull") MB/s"
        echo "$push" >> "$TMP/push.$srv"; echo "$pull" >> "$TMP/pull.$srv"
        stop "$SRV_PID"; rm -rf "$d"
    done
done
for srv in muelle distribution; do
    touch "$TMP/push.$srv" "$TMP/pull.$srv"
    R[push.$srv]=$(median < "$TMP/push.$srv"); R[pull.$srv]=$(median < "$TMP/pull.$srv")
done

# ---------------------------------------------------------------------------
say "2. requests/s ($DURATION, $CONNECTIONS connections)"
MT=application/vnd.oci.image.manifest.v1+json
bb_digest=$(jq -r '.manifests[0].digest' "$bb/index.json")
bb_manifest=$bb/blobs/sha256/${bb_digest#sha256:}
small=$(jq -r '.config.digest' "$bb_manifest")        # the config blob, a few hundred bytes
small_size=$(stat -c %s "$bb/blobs/sha256/${small#sha256:}")
manifest_size=$(stat -c %s "$bb_manifest")

start_muelle "$TMP/rps-muelle"; M_PID=$SRV_PID M_ADDR=$SRV_ADDR
start_distribution "$TMP/rps-distribution"; D_PID=$SRV_PID D_ADDR=$SRV_ADDR
for a in "$M_ADDR" "$D_ADDR"; do
    skopeo --policy "$POLICY" copy -q --preserve-digests --dest-tls-verify=false \
        "oci:$bb:latest" "docker://$a/bench/busybox:v1" >/dev/null
done

# nginx with the same bytes at the same paths
ng=$TMP/nginx; n_port=$(free_port); N_ADDR=127.0.0.1:$n_port
mkdir -p "$ng/www/v2/bench/busybox/manifests" "$ng/www/v2/bench/busybox/blobs" "$ng/tmp" "$ng/logs"
cp "$bb_manifest" "$ng/www/v2/bench/busybox/manifests/v1"
cp "$bb/blobs/sha256/${small#sha256:}" "$ng/www/v2/bench/busybox/blobs/$small"
mkdir -p "$ng/www/v2"; printf '{}' > "$ng/www/v2/index.json"
chmod -R a+rX "$ng"
cat > "$ng/nginx.conf" <<NGINX
daemon off;
master_process on;
worker_processes auto;
$( ((EUID == 0)) && echo "user root;" )
pid $ng/nginx.pid;
error_log $ng/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    client_body_temp_path $ng/tmp/body;
    proxy_temp_path $ng/tmp/proxy;
    fastcgi_temp_path $ng/tmp/fastcgi;
    uwsgi_temp_path $ng/tmp/uwsgi;
    scgi_temp_path $ng/tmp/scgi;
    types { }
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$n_port;
        root $ng/www;
        index index.json;
        location /v2/bench/busybox/manifests/ { default_type $MT; }
    }
}
NGINX
nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/logs/error.log" > "$ng/logs/stdout" 2>&1 &
N_PID=$!; PIDS+=("$N_PID")
wait_ready "http://$N_ADDR/v2/" "$N_PID" "$ng/logs/error.log"

# check that every server answers each URL with the same bytes
for a in "$M_ADDR" "$D_ADDR" "$N_ADDR"; do
    got=$(curl -sf -H "Accept: $MT" "http://$a/v2/bench/busybox/manifests/v1" | sha256sum | cut -d' ' -f1) || true
    [[ sha256:$got == "$bb_digest" ]] || echo "warning: $a serves a different manifest (sha256:$got)" >&2
    got=$(curl -sf "http://$a/v2/bench/busybox/blobs/$small" | sha256sum | cut -d' ' -f1) || true
    [[ sha256:$got == "$small" ]] || echo "warning: $a serves a different blob (sha256:$got)" >&2
done

wrk_rps() { # URL [HEADER]
    local out
    out=$(wrk -c "$CONNECTIONS" -t "$THREADS" -d "$DURATION" ${2:+-H "$2"} "$1")
    if grep -q 'Non-2xx' <<<"$out"; then echo "warning: $1: $(grep 'Non-2xx' <<<"$out")" >&2; fi
    awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}
hey_rps() { # URL HEADER
    local out
    out=$(hey -z "$DURATION" -c "$CONNECTIONS" -m HEAD -H "$2" "$1")
    if grep -E '^\s+\[[0-9]+\]' <<<"$out" | grep -vq '\[200\]'; then
        echo "warning: $1: $(grep -E '^\s+\[[0-9]+\]' <<<"$out" | tr -s ' ' | tr '\n' ' ')" >&2
    fi
    awk '/Requests\/sec:/ {print $2}' <<<"$out"
}

for pair in "muelle $M_ADDR" "distribution $D_ADDR" "nginx $N_ADDR"; do
    srv=${pair%% *} a=${pair#* }
    say "   $srv: manifest HEAD (hey)"
    R[head.$srv]=$(hey_rps "http://$a/v2/bench/busybox/manifests/v1" "Accept: $MT")
    say "   $srv: manifest GET (wrk)"
    R[get.$srv]=$(wrk_rps "http://$a/v2/bench/busybox/manifests/v1" "Accept: $MT")
    say "   $srv: small blob GET (wrk)"
    R[blob.$srv]=$(wrk_rps "http://$a/v2/bench/busybox/blobs/$small")
done
stop "$M_PID"; stop "$D_PID"; stop "$N_PID"

# ---------------------------------------------------------------------------
say "3. $BIG_MIB MiB blob: curl monolithic push and GET to /dev/null; peak RSS"
big=$TMP/big.bin
head -c "$((BIG_MIB * 1024 * 1024))" /dev/urandom > "$big"
big_digest="sha256:$(sha256sum "$big" | cut -d' ' -f1)"
big_bytes=$(stat -c %s "$big")
for srv in muelle distribution; do
    "start_$srv" "$TMP/big-$srv"
    R[rss0.$srv]=$(hwm_kib "$SRV_PID")
    t0=$(now)
    code=$(upload_big "$SRV_ADDR" "$big" "$big_digest" monolithic)
    if [[ $code != 201 ]]; then
        echo "warning: $srv: monolithic upload (POST, PUT with the body) answered $code: $(head -c 300 "$TMP/put.out")" >&2
        echo "warning: $srv: falling back to POST, one PATCH with the whole body, PUT" >&2
        UPLOAD_NOTE="$UPLOAD_NOTE $srv"
        # a fresh server, so that the failed attempt does not count in VmHWM
        stop "$SRV_PID"; rm -rf "$TMP/big-$srv"
        "start_$srv" "$TMP/big-$srv"
        R[rss0.$srv]=$(hwm_kib "$SRV_PID")
        t0=$(now)
        code=$(upload_big "$SRV_ADDR" "$big" "$big_digest" patch)
        [[ $code == 201 ]] || echo "warning: $srv: PATCH upload answered $code: $(head -c 300 "$TMP/put.out")" >&2
    fi
    t1=$(now)
    R[rss1.$srv]=$(hwm_kib "$SRV_PID")
    t2=$(now)
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://$SRV_ADDR/v2/bench/big/blobs/$big_digest" || true)
    t3=$(now)
    [[ $got == "200 $big_bytes" ]] || echo "warning: $srv: GET of the big blob: $got" >&2
    R[rss2.$srv]=$(hwm_kib "$SRV_PID")
    R[bigpush.$srv]=$(awk -v b="$big_bytes" -v a="$t0" -v c="$t1" 'BEGIN {print b / (c - a) / 1e6}')
    R[bigpull.$srv]=$(awk -v b="$big_bytes" -v a="$t2" -v c="$t3" 'BEGIN {print b / (c - a) / 1e6}')
    say "   $srv: push $(fmt "${R[bigpush.$srv]}") MB/s, GET $(fmt "${R[bigpull.$srv]}") MB/s, VmHWM ${R[rss0.$srv]} -> ${R[rss1.$srv]} -> ${R[rss2.$srv]} KiB"
    stop "$SRV_PID"; rm -rf "$TMP/big-$srv"
done
rm -f "$big"

# ---------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN {if (k == "") print "n/a"; else printf "%.1f", k / 1024}'; }
row() { # LABEL MUELLE DIST [NGINX]
    local n=${4:-}
    printf '| %-38s | %15s | %15s | %10s | %11s | %12s |\n' "$1" "$(fmt "$2")" "$(fmt "$3")" \
        "${n:+$(fmt "$n")}" "$(ratio "$2" "$3")" "${n:+$(ratio "$2" "$n")}"
}
table() {
    printf '| %-38s | %15s | %15s | %10s | %11s | %12s |\n' "measure" "muelle-registry" "Distribution" "nginx" "muelle/Dist" "muelle/nginx"
    printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..40})" "$(printf -- '-%.0s' {1..17})" \
        "$(printf -- '-%.0s' {1..17})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..13})" "$(printf -- '-%.0s' {1..14})"
    row "skopeo push ${LAYERS}x${LAYER_MIB} MiB, MB/s (median)" "${R[push.muelle]}" "${R[push.distribution]}"
    row "skopeo pull ${LAYERS}x${LAYER_MIB} MiB, MB/s (median)" "${R[pull.muelle]}" "${R[pull.distribution]}"
    row "manifest HEAD, req/s (hey)" "${R[head.muelle]}" "${R[head.distribution]}" "${R[head.nginx]}"
    row "manifest GET, req/s (wrk)" "${R[get.muelle]}" "${R[get.distribution]}" "${R[get.nginx]}"
    row "blob GET ${small_size} B, req/s (wrk)" "${R[blob.muelle]}" "${R[blob.distribution]}" "${R[blob.nginx]}"
    row "curl push ${BIG_MIB} MiB blob, MB/s" "${R[bigpush.muelle]}" "${R[bigpush.distribution]}"
    row "curl GET ${BIG_MIB} MiB blob, MB/s" "${R[bigpull.muelle]}" "${R[bigpull.distribution]}"
    row "peak RSS idle, MiB" "$(mib "${R[rss0.muelle]}")" "$(mib "${R[rss0.distribution]}")"
    row "peak RSS after ${BIG_MIB} MiB push, MiB" "$(mib "${R[rss1.muelle]}")" "$(mib "${R[rss1.distribution]}")"
    row "peak RSS after ${BIG_MIB} MiB GET, MiB" "$(mib "${R[rss2.muelle]}")" "$(mib "${R[rss2.distribution]}")"
}

echo
echo "muelle-registry vs CNCF Distribution $(docker-registry --version 2>/dev/null | awk '{print $3}') vs nginx $(nginx -v 2>&1 | sed 's|.*nginx/||')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr); clients on the same machine"
echo
table
echo
echo "Ratios: muelle/peer; above 1 is better for muelle-registry except the RSS rows (lower is better)."
echo "MB = 10^6 bytes. skopeo $(skopeo --version | awk '{print $3}'): medians of $RUNS runs on fresh servers;"
[[ -n $UPLOAD_NOTE ]] && echo "big-blob push fell back to POST + PATCH (whole body) + PUT for:$UPLOAD_NOTE (monolithic PUT failed; see warnings)"
echo "requests/s: $CONNECTIONS connections, $DURATION, manifest ${manifest_size} B by tag; RSS: VmHWM of the server process."
echo
echo "---- summary for the README ----"
echo '```'
echo "Benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, loopback, clients on the same machine; tests/bench/run.sh)"
table
echo '```'
