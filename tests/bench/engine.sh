#!/usr/bin/env bash
# tests/bench/engine.sh — muelled side by side with its peers, in one run:
# Debian's dockerd 20.10 (with the containerd it starts), and skopeo + umoci.
# Not part of CI; never asserts on time. Prints a table and a summary block
# for the README. Everything runs on 127.0.0.1 and unix sockets, in a temp
# dir; the images come from one loopback muelle-registry (tests/peers/lib.sh).
#
#   1. pull + unpack of an image of LAYERS x LAYER_MIB random (incompressible)
#      gzip layers, seconds: `docker pull` (the CLI's wall time) against a
#      muelled and against a dockerd, each started fresh on a new data root in
#      every run (nothing cached); `skopeo copy docker://... oci:DIR:TAG` +
#      `umoci unpack --image DIR:TAG BUNDLE`, timed together;
#      after that first pull, once idle (SETTLE s), the engine's VmRSS;
#   2. the same `docker pull` again, the image being present, seconds; and
#      `docker image inspect` of it, milliseconds: the CLI's own floor;
#   3. `docker tag` to a new repository on the same registry, then `docker
#      push`: the registry has every blob (mount / HEAD), milliseconds;
#   4. memory while an image of one BIG_MIB layer is pulled by a fresh engine:
#      muelled's VmHWM, and its VmRSS once idle after that pull (SETTLE s).
# For dockerd every RSS is the sum over dockerd and the containerd it started
# (for VmHWM the sum of both peaks, an upper bound of the joint peak).
# RUNS runs of each, medians; the order of the engines rotates run by run.
# Each command has a time limit (TIMEOUT, BIG_TIMEOUT: about 10x and 4x what
# dockerd needs here); a run that hangs counts as "hung", the warnings show
# the evidence (the command's output, the engine's log, the registry's access
# log, muelled's ingest dir, blobs, snapshots and threads; the whole log is
# kept with KEEP_TMP=1) and the medians are of the other runs.
#
# Env: MUELLED, DOCKERD, MUELLE_REGISTRY (tests/peers/lib.sh), RUNS=3,
#      LAYERS=4, LAYER_MIB=64, BIG_MIB=1024, TIMEOUT=30, BIG_TIMEOUT=60,
#      SETTLE=2, MUELLED_LOG_LEVEL=info, DOCKERD_LOG_LEVEL=info, KEEP_TMP=1.
# Needs: docker (CLI), dockerd (Debian: docker.io), skopeo, umoci, jq, curl,
# python3 (scripts/packages.txt has them all).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${MUELLED_LOG_LEVEL:=info}" "${DOCKERD_LOG_LEVEL:=info}"
export MUELLED_LOG_LEVEL DOCKERD_LOG_LEVEL
source "$here/../peers/lib.sh"
: "${RUNS:=3}" "${LAYERS:=4}" "${LAYER_MIB:=64}" "${BIG_MIB:=1024}"
: "${TIMEOUT:=30}" "${BIG_TIMEOUT:=60}" "${SETTLE:=2}"
STARTED=$SECONDS
DOCKER=${DOCKER:-$(command -v docker || true)}

[[ -n $DOCKER ]] || fail "needs the docker CLI (apt-get install docker.io)"
[[ -x $DOCKERD ]] || fail "needs dockerd at $DOCKERD (apt-get install docker.io)"
[[ -x $MUELLED ]] || fail "no muelled at $MUELLED (build it first)"
for tool in skopeo umoci jq curl python3 timeout; do
    command -v "$tool" >/dev/null || fail "needs $tool (scripts/packages.txt)"
done
need_registry

say() { printf '.. [%4ds] %s\n' "$((SECONDS - STARTED))" "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; NOTES+=("$*"); }
now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'; }
# fmt VALUE DECIMALS
fmt() { awk -v v="$1" -v d="$2" 'BEGIN {if (v == "" || v == "n/a") print "n/a"; else printf "%." d "f", v}'; }
mib() { awk -v k="$1" 'BEGIN {if (k == "" || k == "n/a") print "n/a"; else printf "%.1f", k / 1024}'; }
status_kib() { awk -v f="$2:" '$1 == f {v = $2} END {print v + 0}' "/proc/$1/status" 2>/dev/null || echo 0; }
NOTES=()
RES=$TMP/results; mkdir -p "$RES"
record() { echo "$3" >> "$RES/$1.$2"; }   # MEASURE ENGINE VALUE
result() { touch "$RES/$1.$2"; median < "$RES/$1.$2"; }

# timed LIMIT LOG CMD...: runs CMD with a time limit, its output to LOG; sets
# T to the wall time in seconds. Returns CMD's status (124: timed out).
timed() {
    local limit=$1 out=$2 t0 t1 rc=0
    shift 2
    t0=$(now)
    timeout --kill-after=10 "$limit" "$@" > "$out" 2>&1 || rc=$?
    t1=$(now)
    T=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}')
    return "$rc"
}

# containerd_of PID: the containerd that dockerd PID started (its child).
containerd_of() { ps -o pid=,comm= --ppid "$1" | awk '$2 == "containerd" {print $1; exit}'; }
# engine_kib FIELD: FIELD (VmRSS, VmHWM) summed over E_PIDS.
engine_kib() { local p sum=0; for p in "${E_PIDS[@]}"; do sum=$((sum + $(status_kib "$p" "$1"))); done; echo "$sum"; }

# engine_up KIND NAME: a fresh muelled or dockerd on a new data root; sets
# E_PID, E_HOST, E_DIR and exports DOCKER_HOST.
engine_up() {
    local v
    "start_$1" "$2"
    v=$2_pid; E_PID=${!v}
    v=$2_host; E_HOST=${!v}
    v=$2_dir; E_DIR=${!v}
    E_PIDS=("$E_PID")
    if [[ $1 == dockerd ]]; then
        v=$2_driver; DOCKERD_DRIVER=${!v}
        v=$(containerd_of "$E_PID")
        if [[ -n $v ]]; then E_PIDS+=("$v"); else warn "dockerd $2: no containerd child found"; fi
    fi
    export DOCKER_HOST=$E_HOST
}

# engine_down: SIGTERM (dockerd stops its containerd), a bounded wait, then
# SIGKILL; the data root is deleted (kept with KEEP_TMP=1).
engine_down() {
    local pid=$E_PID i p keep=()
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        warn "engine $pid ignored SIGTERM for 20 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    for p in "${SERVER_PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
    SERVER_PIDS=("${keep[@]}")
    if [[ ${KEEP_TMP:-0} != 1 ]]; then rm -rf "$E_DIR/root"; fi
    unset DOCKER_HOST
}

# evidence KIND WHAT LOG: a warning with the command's output, the tail of the
# engine's log and the registry's, and for muelled the state of its data root.
evidence() {
    local kind=$1 what=$2 out=$3
    warn "$kind: $what"
    {
        echo "   ---- output of the command ($out)"
        tail -n 8 "$out" | cut -c1-300 | sed 's/^/   | /'
        echo "   ---- last lines of $E_DIR/log"
        tail -n 15 "$E_DIR/log" | cut -c1-300 | sed 's/^/   | /'
        echo "   ---- the registry's last blob GETs (its access log) and the engine's TCP connections now: $(
            ss -Htnp 2>/dev/null | grep -c "pid=$E_PID," || true)"
        grep '"GET [^"]*/blobs/' "$reg_dir/log" | tail -n 4 | cut -c1-300 | sed 's/^/   | /'
        if [[ $kind == muelled && -d $E_DIR/root/content ]]; then
            echo "   ---- layers are $layer_sizes bytes; in $E_DIR/root:"
            echo "   | content/ingest (bytes): $(find "$E_DIR/root/content/ingest" -type f -printf '%s ' 2>/dev/null)"
            echo "   | content/blobs (bytes): $(find "$E_DIR/root/content/blobs" -type f -printf '%s ' 2>/dev/null)"
            echo "   | snapshots: $(find "$E_DIR/root/snapshots" -mindepth 1 -maxdepth 1 ! -name tmp 2>/dev/null | wc -l) committed, $(
                find "$E_DIR/root/snapshots/tmp" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l) being unpacked"
            echo "   ---- muelled threads: $(for t in /proc/"$E_PID"/task/*; do printf '%s[%s] ' "$(cat "$t/comm" 2>/dev/null)" "$(cat "$t/wchan" 2>/dev/null)"; done)"
        fi
    } >&2
    cp "$E_DIR/log" "$TMP/evidence-$kind-$(date +%s%N).log" 2>/dev/null || true
}

# pulled_ok REF DIGEST: the engine has REF with DIGEST among its RepoDigests.
pulled_ok() {
    "$DOCKER" image inspect --format '{{json .RepoDigests}}' "$1" 2>/dev/null \
        | jq -e --arg d "@$2" 'map(endswith($d)) | any' >/dev/null
}

declare -A HUNG   # HUNG[pull|big.engine]: how many runs timed out

# ---------------------------------------------------------------------------
say "building the benchmark images ($LAYERS x $LAYER_MIB MiB and 1 x $BIG_MIB MiB random gzip layers)"
img=$TMP/img-random big=$TMP/img-big
bash "$IMAGES_DIR/build-random.sh" "$img" "$LAYERS" "$LAYER_MIB" >/dev/null
bash "$IMAGES_DIR/build-random.sh" "$big" 1 "$BIG_MIB" >/dev/null
img_digest=$(layout_digest "$img") big_digest=$(layout_digest "$big")
img_bytes=$(jq '[.layers[].size, .config.size] | add' "$img/blobs/sha256/${img_digest#sha256:}")
big_bytes=$(jq '[.layers[].size, .config.size] | add' "$big/blobs/sha256/${big_digest#sha256:}")
layer_sizes=$(jq -r '[.layers[].size] | map(tostring) | join(" ")' "$img/blobs/sha256/${img_digest#sha256:}" "$big/blobs/sha256/${big_digest#sha256:}" | paste -sd' ')
say "random image $img_digest ($img_bytes bytes of blobs), big image $big_digest ($big_bytes bytes)"

start_muelle reg anonymous
seed "$reg_addr" anonymous bench/random:v1 "$img" --dest-tls-verify=false
seed "$reg_addr" anonymous bench/big:v1 "$big" --dest-tls-verify=false
rm -rf "$img" "$big"   # the registry has them now
ref=$reg_addr/bench/random:v1 big_ref=$reg_addr/bench/big:v1

# ---------------------------------------------------------------------------
say "1-3. pull + unpack, pull again, push with the blobs present: $RUNS runs, fresh engines"
engines=(muelled dockerd skopeo)
for ((run = 1; run <= RUNS; run++)); do
    # rotate the order so that no one always goes first
    order=()
    for ((i = 0; i < 3; i++)); do order+=("${engines[(i + run - 1) % 3]}"); done
    for kind in "${order[@]}"; do
        out=$TMP/out.$kind.$run
        if [[ $kind == skopeo ]]; then
            d=$TMP/skopeo-$run
            mkdir -p "$d"
            t_all=0 rc=0
            timed "$TIMEOUT" "$out" skopeo --policy "$POLICY" copy -q --src-tls-verify=false \
                "docker://$ref" "oci:$d/oci:v1" || rc=$?
            t_all=$T
            if ((rc == 0)); then
                timed "$TIMEOUT" "$out.umoci" umoci unpack --image "$d/oci:v1" "$d/bundle" || rc=$?
                t_all=$(awk -v a="$t_all" -v b="$T" 'BEGIN {print a + b}')
            fi
            if ((rc != 0)); then
                ((rc == 124)) && HUNG[pull.$kind]=$((${HUNG[pull.$kind]:-0} + 1))
                warn "skopeo+umoci run $run: status $rc: $(tail -n 3 "$out" "$out.umoci" 2>/dev/null | tr '\n' ' ' | cut -c1-400)"
            else
                files=$(find "$d/bundle/rootfs/data" -type f | wc -l)
                if [[ $(layout_digest "$d/oci") == "$img_digest" && $files == "$LAYERS" ]]; then
                    pass "skopeo+umoci run $run: $img_digest, $files files unpacked"
                else
                    warn "skopeo+umoci run $run: got $(layout_digest "$d/oci"), $files files"
                fi
                record pull skopeo "$t_all"
                say "   run $run skopeo+umoci: pull + unpack $(fmt "$t_all" 2) s"
            fi
            rm -rf "$d"
            continue
        fi

        engine_up "$kind" "${kind}_$run"
        rc=0
        timed "$TIMEOUT" "$out" "$DOCKER" pull "$ref" || rc=$?
        if ((rc != 0)); then
            ((rc == 124)) && HUNG[pull.$kind]=$((${HUNG[pull.$kind]:-0} + 1))
            what="run $run: docker pull $ref: status $rc after $(fmt "$T" 1) s"
            ((rc == 124)) && what+=" (timed out: TIMEOUT=$TIMEOUT)"
            evidence "$kind" "$what" "$out"
            engine_down
            continue
        fi
        t_pull=$T
        if grep -qF "Digest: $img_digest" "$out" && pulled_ok "$ref" "$img_digest"; then
            pass "$kind run $run: pulled $img_digest"
        else
            warn "$kind run $run: pulled image does not show $img_digest: $(tail -n 2 "$out" | tr '\n' ' ')"
        fi
        record pull "$kind" "$t_pull"
        sleep "$SETTLE"
        idle1=$(engine_kib VmRSS)
        record idle1 "$kind" "$idle1"

        rc=0
        timed "$TIMEOUT" "$out.again" "$DOCKER" pull "$ref" || rc=$?
        t_again=$T
        if ((rc != 0)); then
            evidence "$kind" "run $run: second docker pull: status $rc after $(fmt "$T" 1) s" "$out.again"
            t_again=n/a
        else
            grep -q 'Image is up to date' "$out.again" \
                || warn "$kind run $run: the second pull did not say 'Image is up to date': $(tail -n 1 "$out.again")"
            record again "$kind" "$t_again"
        fi
        t_floor=n/a
        if timed "$TIMEOUT" "$out.inspect" "$DOCKER" image inspect "$ref"; then
            t_floor=$(awk -v t="$T" 'BEGIN {print t * 1000}')
            record floor "$kind" "$t_floor"
        else
            evidence "$kind" "run $run: docker image inspect: status $? after $(fmt "$T" 1) s" "$out.inspect"
        fi

        pref=$reg_addr/bench/pushed-$kind-$run:v1
        "$DOCKER" tag "$ref" "$pref"
        rc=0
        timed "$TIMEOUT" "$out.push" "$DOCKER" push "$pref" || rc=$?
        t_push=n/a
        if ((rc != 0)); then
            evidence "$kind" "run $run: docker push $pref: status $rc after $(fmt "$T" 1) s" "$out.push"
        else
            t_push=$(awk -v t="$T" 'BEGIN {print t * 1000}')
            record push "$kind" "$t_push"
            mounted=$(grep -c 'Mounted from' "$out.push" || true)
            existed=$(grep -c 'Layer already exists' "$out.push" || true)
            pushed=$(grep -c ': Pushed' "$out.push" || true)
            echo "$kind: $mounted mounted, $existed already there, $pushed uploaded" >> "$RES/push-how"
            if ((pushed > 0)); then
                warn "$kind run $run: docker push uploaded $pushed blob(s) although the registry has them all"
            else
                pass "$kind run $run: push without uploads ($mounted mounted, $existed already there)"
            fi
        fi
        say "   run $run $kind: pull + unpack $(fmt "$t_pull" 2) s, idle RSS $(mib "$idle1") MiB, pull again $(fmt "$t_again" 3) s, image inspect $(fmt "$t_floor" 0) ms, push $(fmt "$t_push" 0) ms"
        engine_down
    done
done

# ---------------------------------------------------------------------------
say "4. memory while pulling 1 x $BIG_MIB MiB and idle after it: $RUNS runs, fresh engines"
for ((run = 1; run <= RUNS; run++)); do
    if ((run % 2)); then order=(muelled dockerd); else order=(dockerd muelled); fi
    for kind in "${order[@]}"; do
        out=$TMP/out.big.$kind.$run
        engine_up "$kind" "${kind}_big_$run"
        start_rss=$(engine_kib VmRSS)
        record rss0 "$kind" "$start_rss"
        rc=0
        timed "$BIG_TIMEOUT" "$out" "$DOCKER" pull "$big_ref" || rc=$?
        hwm=$(engine_kib VmHWM)
        if ((rc != 0)); then
            ((rc == 124)) && HUNG[big.$kind]=$((${HUNG[big.$kind]:-0} + 1))
            what="run $run: docker pull $big_ref: status $rc after $(fmt "$T" 1) s, VmHWM so far $(mib "$hwm") MiB"
            ((rc == 124)) && what+=" (timed out: BIG_TIMEOUT=$BIG_TIMEOUT)"
            evidence "$kind" "$what" "$out"
            engine_down
            continue
        fi
        t_big=$T
        pulled_ok "$big_ref" "$big_digest" && pass "$kind run $run: pulled $big_digest" \
            || warn "$kind run $run: the big image does not show $big_digest"
        sleep "$SETTLE"
        idle=$(engine_kib VmRSS)
        record bigpull "$kind" "$t_big"
        record hwm "$kind" "$hwm"
        record idle "$kind" "$idle"
        say "   run $run $kind: pull $(fmt "$t_big" 1) s; RSS at start $(mib "$start_rss") MiB, peak $(mib "$hwm") MiB, idle after $(mib "$idle") MiB"
        engine_down
    done
done

# ---------------------------------------------------------------------------
declare -A R
for m in pull idle1 again floor push bigpull rss0 hwm idle; do
    for e in muelled dockerd skopeo; do R[$m.$e]=$(result "$m" "$e"); done
done
# cell GROUP ENGINE TEXT: TEXT, or "hung" when it is n/a because ENGINE
# timed out in GROUP (pull: measures 1-3, big: measure 4).
cell() { if [[ $3 == n/a && -n ${HUNG[$1.$2]:-} ]]; then echo hung; else echo "$3"; fi; }
# target VALUE OP LIMIT: met / missed / n/a
target() { awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "" || v == "n/a") { print "n/a"; exit }
    ok = (op == ">=") ? (v >= l) : (v < l); print ok ? "met" : "missed" }'; }

row() { # LABEL MUELLED DOCKERD SKOPEO TARGET
    printf '| %-42s | %8s | %8s | %12s | %15s | %22s | %-28s |\n' "$1" "$2" "$3" "$4" \
        "$(ratio "$3" "$2")" "$([[ -n $4 ]] && ratio "$4" "$2")" "$5"
}
# trow LABEL GROUP KEY DECIMALS [TARGET]: a row of times; mrow: of KiB, shown in MiB.
trow() {
    local g=$2 k=$3 d=$4 sk=""
    [[ $k == pull ]] && sk=$(cell "$g" skopeo "$(fmt "${R[$k.skopeo]}" "$d")")
    row "$1" "$(cell "$g" muelled "$(fmt "${R[$k.muelled]}" "$d")")" \
        "$(cell "$g" dockerd "$(fmt "${R[$k.dockerd]}" "$d")")" "$sk" "${5:-}"
}
mrow() {
    local g=$2 k=$3
    row "$1" "$(cell "$g" muelled "$(mib "${R[$k.muelled]}")")" "$(cell "$g" dockerd "$(mib "${R[$k.dockerd]}")")" "" "${4:-}"
}
table() {
    printf '| %-42s | %8s | %8s | %12s | %15s | %22s | %-28s |\n' measure muelled dockerd "skopeo+umoci" \
        "dockerd/muelled" "(skopeo+umoci)/muelled" "target (muelled)"
    printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..44})" "$(printf -- '-%.0s' {1..10})" \
        "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..17})" \
        "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..30})"
    trow "pull + unpack ${LAYERS}x${LAYER_MIB} MiB, s" pull pull 2 \
        ">= 1.5x dockerd: $(target "$(ratio "${R[pull.dockerd]}" "${R[pull.muelled]}")" '>=' 1.5)"
    trow "pull again (image present), s" pull again 3
    trow "docker image inspect (CLI floor), ms" pull floor 0
    trow "push, registry has every blob, ms" pull push 0 "< 100 ms: $(target "${R[push.muelled]}" '<' 100)"
    mrow "idle RSS after the ${LAYERS}x${LAYER_MIB} MiB pull, MiB" pull idle1 \
        "< 40 MiB: $(target "$(mib "${R[idle1.muelled]}")" '<' 40)"
    trow "pull + unpack 1x${BIG_MIB} MiB, s" big bigpull 2
    mrow "RSS at start, MiB" big rss0
    mrow "peak RSS pulling 1x${BIG_MIB} MiB, MiB" big hwm "< 64 MiB: $(target "$(mib "${R[hwm.muelled]}")" '<' 64)"
    mrow "idle RSS after the 1x${BIG_MIB} MiB pull, MiB" big idle \
        "< 40 MiB: $(target "$(mib "${R[idle.muelled]}")" '<' 40)"
}

# counts GROUP FILE ENGINES...: runs with a result, and hung ones.
counts() {
    local g=$1 f=$2 e n out=()
    shift 2
    for e in "$@"; do
        touch "$RES/$f.$e"; n=$(wc -l < "$RES/$f.$e")
        out+=("$e $n/$RUNS${HUNG[$g.$e]:+ (${HUNG[$g.$e]} hung)}")
    done
    local IFS=,; echo "${out[*]}" | sed 's/,/, /g'
}

echo
echo "muelled vs dockerd $("$DOCKERD" --version | awk '{print $3}' | tr -d ,) (with its containerd, ${DOCKERD_DRIVER:-?}) vs skopeo $(skopeo --version | awk '{print $3}') + umoci $(umoci --version | awk '{print $3}'); docker CLI $("$DOCKER" --version | awk '{print $3}' | tr -d ,)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr); registry: muelle-registry on loopback"
echo
table
echo
echo "Ratios: peer/muelled; above 1 is better for muelled in every row (lower time, lower memory)."
echo "Medians of the runs that succeeded, of $RUNS, each on a fresh engine and data root:"
echo "1-3: $(counts pull pull muelled dockerd skopeo); 4: $(counts big hwm muelled dockerd)."
echo "Times are the wall time of the docker CLI command (skopeo + umoci: both commands); RSS of dockerd is dockerd + containerd;"
echo "idle RSS is VmRSS ${SETTLE} s after the pull; peak RSS is VmHWM (for dockerd the sum of both processes' peaks)."
if [[ -s $RES/push-how ]]; then echo "push: $(sort "$RES/push-how" | uniq -c | awk '{$1 = $1 "x"; print}' | paste -sd';' | sed 's/;/; /g')"; fi
if ((${#NOTES[@]})); then
    echo
    echo "Problems in this run:"
    for n in "${NOTES[@]}"; do echo "- $n"; done
fi
echo
echo "---- summary for the README ----"
echo '```'
echo "Engine benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, loopback, RUNS=$RUNS; tests/bench/engine.sh)"
table
echo '```'
say "engine.sh: $((SECONDS - STARTED)) s in all"
