# Shared helpers for the peer interoperability tests (tests/peers/*.sh).
# Sourced after `set -euo pipefail`. Every server is started on a free
# 127.0.0.1 port with its own temp dir and stopped by the EXIT trap; every
# wait is bounded.
#
# Env:
#   MUELLE_SOURCE    the source tree (default: two folders up from here)
#   MUELLE_REGISTRY  the binary (default: $MUELLE_SOURCE/build/bin/muelle-registry)
#   KEEP_TMP=1       keep the temp dir (its path is printed)
#   VERBOSE=1        show the peers' own output

set -euo pipefail
export LC_ALL=C

PEERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${MUELLE_SOURCE:=$(cd "$PEERS_DIR/../.." && pwd)}"
: "${MUELLE_REGISTRY:=$MUELLE_SOURCE/build/bin/muelle-registry}"
IMAGES_DIR=$MUELLE_SOURCE/tests/images
SKIP=77   # ctest SKIP_RETURN_CODE

TMP=$(mktemp -d "${TMPDIR:-/tmp}/muelle-peers.XXXXXX")
export TMPDIR=$TMP/tmp   # podman/buildah/skopeo put big temp files here
mkdir -p "$TMPDIR"
# podman refuses a --runroot longer than 50 characters: runroots go here.
SHORT_TMP=$(mktemp -d /tmp/mp.XXXXXX)
SERVER_PIDS=()
SERVER_LOGS=()
CHECKS=0

log()  { printf '== %s\n' "$*" >&2; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
skip() { printf 'SKIP: %s\n' "$*" >&2; exit "$SKIP"; }
pass() { CHECKS=$((CHECKS + 1)); printf '   ok %s\n' "$*" >&2; }

# need TOOL...: skips the whole test when a peer tool is missing.
need() {
    local t
    for t in "$@"; do command -v "$t" >/dev/null || skip "$t is not installed"; done
}

need_registry() {
    [[ -x $MUELLE_REGISTRY ]] || fail "no muelle-registry binary at $MUELLE_REGISTRY (build it first)"
}

MUELLED_EXEC_ROOTS=()
MUELLED_DATA_ROOTS=()
# Each muelled of a test gets its own default bridge, and the test its own
# firewall table, so tests running side by side (and a muelled of the host)
# never share kernel objects; both go when the test ends.
MUELLED_BRIDGES=()
DOCKERD_SOCKS=()
MUELLED_SOCKS=()
export MUELLED_FIREWALL_TABLE="muelle_p$$"
# Containers outlive muelled (their shims do, by design): the tests' own are
# killed and their root filesystems unmounted when the test ends.
_cleanup_containers() {
    local root id m
    for root in "${MUELLED_EXEC_ROOTS[@]}"; do
        [[ -d $root/runc ]] || continue
        for id in $(runc --root "$root/runc" list -q 2>/dev/null); do
            runc --root "$root/runc" delete --force "$id" >/dev/null 2>&1 || true
        done
    done
    for root in "${MUELLED_DATA_ROOTS[@]}"; do
        for m in "$root"/snapshots/containers/*/merged; do
            [[ -d $m ]] && umount -l "$m" 2>/dev/null || true
        done
    done
    for root in "${MUELLED_EXEC_ROOTS[@]}"; do pkill -KILL -f "muelle-shim .*--socket $root/" 2>/dev/null || true; done
    local bridge
    for bridge in "${MUELLED_BRIDGES[@]}"; do ip link delete "$bridge" 2>/dev/null || true; done
    if ((${#MUELLED_BRIDGES[@]})); then
        nft delete table ip "$MUELLED_FIREWALL_TABLE" 2>/dev/null || true
    fi
}

# _cleanup [STATUS]: the test's exit status, $? when not given.
_cleanup() {
    local rc=${1:-$?} pid i sock ids
    # dockerd runs with live-restore: its containers would outlive it. And
    # the bridges of user networks (compose's, a test's) outlive either
    # engine: a few runs would take every default address pool of the host.
    for sock in "${DOCKERD_SOCKS[@]}" "${MUELLED_SOCKS[@]}"; do
        ids=$(timeout 10 "${DOCKER:-docker}" -H "unix://$sock" ps -aq 2>/dev/null) || continue
        # shellcheck disable=SC2086 # one argument per ID
        [[ -z $ids ]] || timeout 30 "${DOCKER:-docker}" -H "unix://$sock" rm -f $ids >/dev/null 2>&1 || true
        timeout 30 "${DOCKER:-docker}" -H "unix://$sock" network prune -f >/dev/null 2>&1 || true
    done
    for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${SERVER_PIDS[@]}"; do
        for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "warning: server $pid ignored SIGTERM for 10 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    _cleanup_containers
    if [[ $rc -ne 0 && $rc -ne $SKIP ]]; then
        local f
        for f in "${SERVER_LOGS[@]}"; do
            [[ -s $f ]] || continue
            echo "---- last lines of $f" >&2
            tail -n 20 "$f" | cut -c1-400 >&2
        done
    fi
    if [[ ${KEEP_TMP:-0} == 1 ]]; then
        echo "temp dir kept: $TMP" >&2
    else
        # podman/buildah vfs storage may hold read-only dirs
        chmod -R u+w "$TMP" 2>/dev/null || true
        rm -rf "$TMP"
    fi
    rm -rf "$SHORT_TMP"
    if [[ $rc -eq 0 ]]; then echo "${0##*/}: $CHECKS checks passed" >&2; fi
    exit "$rc"
}
trap _cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# choose_engine: checks ENGINE (dockerd, the reference, or muelled; default
# dockerd) and DOCKER (the CLI; default the one on PATH), skipping when the
# CLI or dockerd is not installed.
choose_engine() {
    ENGINE=${ENGINE:-dockerd}
    DOCKER=${DOCKER:-$(command -v docker || true)}
    [[ -n $DOCKER ]] && command -v "$DOCKER" >/dev/null || skip "the docker CLI is not installed"
    case $ENGINE in
        dockerd) [[ -x $DOCKERD ]] || skip "dockerd is not installed (Debian: docker.io)" ;;
        muelled) ;;
        *) fail "ENGINE must be dockerd or muelled, not '$ENGINE'" ;;
    esac
}

# start_engine: starts the ENGINE as `engine` and points DOCKER_HOST at it.
start_engine() {
    case $ENGINE in
        dockerd) start_dockerd engine ;;
        muelled) start_muelled engine ;;
    esac
    export DOCKER_HOST=$engine_host
}

# start_engine_with_busybox: builds the busybox test image offline, serves it
# from a muelle-registry (`reg`), starts the ENGINE as `engine`, points
# DOCKER_HOST at it and pulls the image there as "busybox".
start_engine_with_busybox() {
    log "building the test image"
    local bb=$TMP/src-busybox
    bash "$IMAGES_DIR/build-busybox.sh" "$bb" latest >/dev/null
    start_muelle reg anonymous
    seed "$reg_addr" anonymous test/busybox:v1 "$bb" --dest-tls-verify=false
    start_engine
    timeout -s KILL 60 "$DOCKER" pull -q "$reg_addr/test/busybox:v1" >/dev/null
    timeout -s KILL 60 "$DOCKER" tag "$reg_addr/test/busybox:v1" busybox
}

# start_private_bus: a dbus-daemon any uid may reach, as the system bus, with
# muelled's bus policy (packaging/dbus/org.muelle.Engine1.conf). Sets `bus`
# (its address) and `bus_dir` (its socket's world-readable dir, removed at exit).
start_private_bus() {
    need dbus-daemon
    bus_dir=$(mktemp -d /tmp/muelle-bus.XXXXXX)
    chmod 0755 "$bus_dir"
    trap 'rc=$?; rm -rf "$bus_dir"; _cleanup "$rc"' EXIT
    bus="unix:path=$bus_dir/socket"
    sed -e "s|@ADDRESS@|$bus|" -e "s|@POLICY@|$MUELLE_SOURCE/packaging/dbus/org.muelle.Engine1.conf|" \
        "$MUELLE_SOURCE/packaging/dbus/private-bus.conf.in" > "$TMP/bus.conf"
    dbus-daemon --config-file="$TMP/bus.conf" --nofork > "$TMP/bus.log" 2>&1 &
    SERVER_PIDS+=("$!"); SERVER_LOGS+=("$TMP/bus.log")
    local i
    for ((i = 0; i < 100; i++)); do [[ -S $bus_dir/socket ]] && break; sleep 0.05; done
    [[ -S $bus_dir/socket ]] || fail "dbus-daemon did not start: $(cat "$TMP/bus.log")"
    log "a private bus at $bus"
}

# expect_error PATTERN CMD...: CMD fails and prints PATTERN (an extended
# regular expression, case-insensitive).
expect_error() {
    local pattern=$1 out rc=0; shift
    out=$("$@" 2>&1) || rc=$?
    [[ $rc -ne 0 ]] || fail "'$*' succeeded; expected: $pattern"
    grep -qiE -- "$pattern" <<<"$out" || fail "'$*' printed: $out; expected: $pattern"
}

# run CMD...: runs a peer tool, its output to $TMP/last.out (shown on failure
# or with VERBOSE=1). Returns the tool's status.
run() {
    local rc=0
    printf '   $ %s\n' "$*" >&2
    "$@" >"$TMP/last.out" 2>&1 || rc=$?
    if [[ ${VERBOSE:-0} == 1 || $rc -ne 0 ]]; then sed 's/^/     | /' "$TMP/last.out" >&2; fi
    return "$rc"
}
# must CMD...: run, failing the test on a non-zero status.
must() { run "$@" || fail "command failed (status $?): $*"; }
# must_not CMD...: run, failing the test when the command succeeds.
must_not() {
    printf '   $ ! %s\n' "$*" >&2
    if "$@" >"$TMP/last.out" 2>&1; then
        sed 's/^/     | /' "$TMP/last.out" >&2
        fail "command should have failed: $*"
    fi
}

assert_eq() { # EXPECTED ACTUAL WHAT
    [[ "$1" == "$2" ]] || fail "$3: expected '$1', got '$2'"
    pass "$3"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL PID LOGFILE [TIMEOUT_S]: until URL answers 200 or 401
# (curl -k; bounded), failing early when PID has exited.
wait_http() {
    local url=$1 pid=$2 logfile=$3 timeout=${4:-30} code deadline
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logfile" >&2; fail "server for $url exited early"; }
        code=$(curl -ks -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null) || code=000
        [[ $code == 200 || $code == 401 ]] && return 0
        sleep 0.1
    done
    tail -n 40 "$logfile" >&2
    fail "$url not ready after ${timeout}s (last status $code)"
}

# Test accounts in every htpasswd file (bcrypt, as `htpasswd -B` writes).
USER_NAME=tester
USER_PASS=s3cret-Pass
CREDS=$USER_NAME:$USER_PASS

make_htpasswd() { # FILE
    htpasswd -Bbn -C 5 "$USER_NAME" "$USER_PASS" > "$1"
    htpasswd -Bbn -C 5 other other-pass >> "$1"
}

# make_cert DIR: a self-signed EC certificate for 127.0.0.1/localhost:
# DIR/server.crt, DIR/server.key, and DIR/certs.d/ca.crt (a copy, for
# skopeo's --*-cert-dir and podman's --cert-dir, which read *.crt as CAs).
make_cert() {
    local dir=$1
    mkdir -p "$dir/certs.d"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj /CN=127.0.0.1 -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
        -keyout "$dir/server.key" -out "$dir/server.crt" 2>/dev/null
    cp "$dir/server.crt" "$dir/certs.d/ca.crt"
}

# start_muelle NAME MODE [tls]: starts muelle-registry with a generated config.
# MODE: anonymous (no auth section) | htpasswd | token (Bearer; token endpoint
# /token on the registry itself; credentials from the htpasswd file).
# Sets NAME_addr (127.0.0.1:PORT), NAME_url (http(s)://ADDR), NAME_pid,
# NAME_dir (config, root, log, certs), NAME_certs (a cert dir for clients, tls only).
start_muelle() {
    local name=$1 mode=$2 tls=${3:-} dir port scheme=http
    need_registry
    dir=$TMP/$name
    mkdir -p "$dir/root"
    port=$(free_port)
    [[ $tls == tls ]] && { make_cert "$dir"; scheme=https; }
    {
        echo "log:"
        echo "  level: info"
        echo "  accesslog: true"
        echo "storage:"
        echo "  root: $dir/root"
        echo "  delete:"
        echo "    enabled: true"
        echo "http:"
        echo "  addr: 127.0.0.1:$port"
        if [[ $tls == tls ]]; then
            echo "  tls:"
            echo "    certificate: $dir/server.crt"
            echo "    key: $dir/server.key"
        fi
        case $mode in
            anonymous) ;;
            htpasswd|token)
                make_htpasswd "$dir/htpasswd"
                echo "auth:"
                echo "  htpasswd:"
                echo "    realm: muelle-test"
                echo "    path: $dir/htpasswd"
                if [[ $mode == token ]]; then
                    echo "  token:"
                    echo "    realm: $scheme://127.0.0.1:$port/token"
                    echo "    service: muelle-test"
                    echo "    issuer: muelle-test-issuer"
                    echo "    key: $dir/token.key"
                    echo "    expiration: 300"
                fi
                ;;
            *) fail "start_muelle: unknown mode $mode" ;;
        esac
    } > "$dir/config.yml"
    "$MUELLE_REGISTRY" serve "$dir/config.yml" --addr "127.0.0.1:$port" --root "$dir/root" \
        > "$dir/log" 2>&1 &
    local pid=$!
    SERVER_PIDS+=("$pid"); SERVER_LOGS+=("$dir/log")
    wait_http "$scheme://127.0.0.1:$port/v2/" "$pid" "$dir/log"
    printf -v "${name}_addr" '%s' "127.0.0.1:$port"
    printf -v "${name}_url" '%s' "$scheme://127.0.0.1:$port"
    printf -v "${name}_pid" '%s' "$pid"
    printf -v "${name}_dir" '%s' "$dir"
    printf -v "${name}_certs" '%s' "$dir/certs.d"
    log "muelle-registry '$name' ($mode${tls:+, tls}) on $scheme://127.0.0.1:$port, pid $pid"
}

# start_distribution NAME [htpasswd]: CNCF Distribution 2.8 (Debian's
# /usr/bin/docker-registry) with a generated config.yml. Sets the same
# NAME_* variables as start_muelle.
start_distribution() {
    local name=$1 mode=${2:-anonymous} dir port
    need docker-registry
    dir=$TMP/$name
    mkdir -p "$dir/root"
    port=$(free_port)
    {
        echo "version: 0.1"
        echo "log:"
        echo "  level: warn"
        echo "  accesslog:"
        echo "    disabled: true"
        echo "storage:"
        echo "  filesystem:"
        echo "    rootdirectory: $dir/root"
        echo "  delete:"
        echo "    enabled: true"
        echo "http:"
        echo "  addr: 127.0.0.1:$port"
        echo "  secret: muelle-peers-test"
        if [[ $mode == htpasswd ]]; then
            make_htpasswd "$dir/htpasswd"
            echo "auth:"
            echo "  htpasswd:"
            echo "    realm: distribution-test"
            echo "    path: $dir/htpasswd"
        fi
    } > "$dir/config.yml"
    # Distribution reads REGISTRY_* variables as config overrides: hide ours.
    env -u REGISTRY_AUTH_FILE docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
    local pid=$!
    SERVER_PIDS+=("$pid"); SERVER_LOGS+=("$dir/log")
    wait_http "http://127.0.0.1:$port/v2/" "$pid" "$dir/log"
    printf -v "${name}_addr" '%s' "127.0.0.1:$port"
    printf -v "${name}_url" '%s' "http://127.0.0.1:$port"
    printf -v "${name}_pid" '%s' "$pid"
    printf -v "${name}_dir" '%s' "$dir"
    log "Distribution '$name' ($mode) on http://127.0.0.1:$port, pid $pid"
}

# A policy and auth file of our own, so nothing from the host's
# ~/.docker or $XDG_RUNTIME_DIR is used or written.
POLICY=$TMP/policy.json
printf '{"default":[{"type":"insecureAcceptAnything"}]}\n' > "$POLICY"
export REGISTRY_AUTH_FILE=$TMP/auth.json   # podman/buildah want it to exist
printf '{"auths":{}}\n' > "$REGISTRY_AUTH_FILE"
export CONTAINERS_REGISTRIES_CONF=$TMP/registries.conf
printf 'unqualified-search-registries = []\n' > "$CONTAINERS_REGISTRIES_CONF"
export DOCKER_CONFIG=$TMP/docker-config

sk() { skopeo --policy "$POLICY" "$@"; }

# Note: as root, containers/image keeps its blob-info cache (which blob
# digests it has seen where, used to reuse/mount blobs) in
# /var/lib/containers/cache whatever we do; it only saves uploads and every
# reuse is checked against the registry, so results don't depend on it.

# seed ADDR MODE REPO:TAG LAYOUT [--all] [TO_OPTS...]: skopeo copy
# of an OCI layout into a registry, digests preserved.
seed() {
    local addr=$1 mode=$2 ref=$3 layout=$4; shift 4
    local -a creds=()
    [[ $mode != anonymous ]] && creds=(--dest-creds "$CREDS")
    must sk copy --preserve-digests "$@" "${creds[@]}" "oci:$layout:latest" "docker://$addr/$ref"
}

# Layout helpers -------------------------------------------------------------

# layout_digest LAYOUT: digest of index.json's first entry.
layout_digest() { jq -r '.manifests[0].digest' "$1/index.json"; }

# layout_blobs LAYOUT: sorted list of the blob digests in LAYOUT.
layout_blobs() { (cd "$1/blobs/sha256" && ls) | sort; }

# layout_reachable LAYOUT: sorted digests reachable from index.json
# (manifests, indexes, configs, layers), recursively.
layout_reachable() {
    local layout=$1
    _walk() {
        local d=$1 f
        f="$layout/blobs/sha256/${d#sha256:}"
        [[ -f $f ]] || fail "$layout: blob $d is missing"
        echo "$d"
        jq -r '(.manifests // [])[].digest, (.config.digest // empty), (.layers // [])[].digest' "$f" \
            2>/dev/null | while read -r c; do
                [[ -n $c ]] && _walk "$c"
            done
        return 0
    }
    jq -r '.manifests[].digest' "$layout/index.json" | while read -r d; do _walk "$d"; done | sort -u
}

# assert_same_layout EXPECTED_LAYOUT ACTUAL_LAYOUT WHAT: the top digest and
# every reachable blob digest are identical.
assert_same_layout() {
    assert_eq "$(layout_digest "$1")" "$(layout_digest "$2")" "$3: manifest digest"
    local a b
    a=$(layout_reachable "$1") b=$(layout_reachable "$2")
    [[ $a == "$b" ]] || fail "$3: blob sets differ:"$'\n'"$(diff <(echo "$a") <(echo "$b"))"
    pass "$3: $(wc -l <<<"$a") blob digests identical"
}

# Registry helpers (curl) ----------------------------------------------------

# remote_digest URL REPO REF [CURL_AUTH...]: Docker-Content-Digest of a HEAD
# on the manifest, accepting OCI and Docker manifests and indexes.
ACCEPT_ALL='application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'
remote_digest() {
    local url=$1 repo=$2 ref=$3; shift 3
    curl -ksfI --max-time 30 "$@" -H "Accept: $ACCEPT_ALL" "$url/v2/$repo/manifests/$ref" \
        | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" {print $2}'
}

# bearer URL SCOPE [user:pass]: a token from muelle-registry's /token.
bearer() {
    local url=$1 scope=$2 creds=${3:-} service
    service=$(curl -ks --max-time 10 -o /dev/null -D - "$url/v2/" | tr -d '\r' \
        | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: Bearer .*service="\([^"]*\)".*/\1/p')
    curl -ksf --max-time 30 ${creds:+-u "$creds"} -G "$url/token" \
        --data-urlencode "service=$service" --data-urlencode "scope=$scope" \
        | jq -r '.token // .access_token'
}

# push_blob URL REPO FILE [CURL_AUTH...]: monolithic upload (POST, then one
# PUT with the whole body and ?digest=). Prints the digest.
push_blob() {
    local url=$1 repo=$2 file=$3; shift 3
    local digest location hdrs code
    digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
    hdrs=$(curl -ks --max-time 30 "$@" -X POST -o /dev/null -D - "$url/v2/$repo/blobs/uploads/" | tr -d '\r')
    code=$(head -n1 <<<"$hdrs" | awk '{print $2}')
    [[ $code == 202 ]] || fail "POST $url/v2/$repo/blobs/uploads/: status $code"$'\n'"$hdrs"
    location=$(awk -F': ' 'tolower($1) == "location" {print $2}' <<<"$hdrs")
    [[ $location == http* ]] || location=$url$location
    if [[ $location == *\?* ]]; then location+="&digest=$digest"; else location+="?digest=$digest"; fi
    code=$(curl -ks --max-time 600 "$@" -X PUT -o "$TMP/put.out" -w '%{http_code}' \
        -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location")
    [[ $code == 201 ]] || fail "PUT $location: status $code: $(cat "$TMP/put.out")"
    echo "$digest"
}

# push_manifest URL REPO REF FILE MEDIATYPE [CURL_AUTH...]: PUT; response
# headers go to $TMP/manifest.headers. Fails unless 201.
push_manifest() {
    local url=$1 repo=$2 ref=$3 file=$4 mt=$5; shift 5
    local code
    code=$(curl -ks --max-time 60 "$@" -X PUT -D "$TMP/manifest.headers" -o "$TMP/put.out" \
        -w '%{http_code}' -H "Content-Type: $mt" --data-binary "@$file" "$url/v2/$repo/manifests/$ref")
    [[ $code == 201 ]] || fail "PUT $url/v2/$repo/manifests/$ref: status $code: $(cat "$TMP/put.out")"
}

# push_layout URL REPO LAYOUT REF [CURL_AUTH...]: pushes every blob of
# LAYOUT's first manifest, then the manifest as REF ("" = by its digest).
push_layout() {
    local url=$1 repo=$2 layout=$3 ref=$4; shift 4
    local mdigest mfile mt d
    mdigest=$(layout_digest "$layout")
    mfile=$layout/blobs/sha256/${mdigest#sha256:}
    mt=$(jq -r '.manifests[0].mediaType' "$layout/index.json")
    for d in $(jq -r '.config.digest, .layers[].digest' "$mfile"); do
        push_blob "$url" "$repo" "$layout/blobs/sha256/${d#sha256:}" "$@" >/dev/null
    done
    push_manifest "$url" "$repo" "${ref:-$mdigest}" "$mfile" "$mt" "$@"
}

# curl_auth MODE URL REPO [ACTIONS]: sets the array CURL_AUTH to what curl
# needs for REPO under an auth MODE (anonymous | htpasswd | token).
curl_auth() {
    local mode=$1 url=$2 repo=$3 actions=${4:-pull,push} tok
    case $mode in
        anonymous) CURL_AUTH=() ;;
        htpasswd) CURL_AUTH=(-u "$CREDS") ;;
        token)
            tok=$(bearer "$url" "repository:$repo:$actions" "$CREDS") || fail "no token from $url/token"
            [[ -n $tok && $tok != null ]] || fail "empty token from $url/token"
            CURL_AUTH=(-H "Authorization: Bearer $tok") ;;
        *) fail "curl_auth: unknown mode $mode" ;;
    esac
}

# Docker Engines ---------------------------------------------------------------

: "${MUELLED:=$MUELLE_SOURCE/build/bin/muelled}"
: "${DOCKERD:=$(command -v dockerd || echo /usr/sbin/dockerd)}"

# wait_engine SOCKET PID LOGFILE [TIMEOUT_S]: until GET /_ping on the unix
# socket answers OK (bounded), failing early when PID has exited.
wait_engine() {
    local sock=$1 pid=$2 logfile=$3 timeout=${4:-60} deadline
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logfile" >&2; fail "engine on $sock exited early"; }
        [[ $(curl -s --max-time 2 --unix-socket "$sock" http://engine/_ping 2>/dev/null) == OK ]] && return 0
        sleep 0.1
    done
    tail -n 40 "$logfile" >&2
    fail "engine on $sock not ready after ${timeout}s"
}

# overlay_works DIR: whether an overlay mount works on DIR's filesystem
# (tried in a throwaway mount namespace).
overlay_works() {
    local d=$1/overlay-probe rc=0
    mkdir -p "$d/lower" "$d/upper" "$d/work" "$d/merged"
    unshare --mount mount -t overlay overlay \
        -o "lowerdir=$d/lower,upperdir=$d/upper,workdir=$d/work" "$d/merged" 2>/dev/null || rc=$?
    rm -rf "$d"
    return "$rc"
}

# start_dockerd NAME: a private Docker Engine ($DOCKERD; Debian's docker.io is
# 20.10) with its own data root, exec root, pidfile and socket, and the
# containerd it starts and stops itself (its sockets under the exec root).
# Storage driver: $DOCKERD_STORAGE_DRIVER, else overlay2 when overlayfs works
# here, else vfs. Skips when there is no dockerd.
# Sets NAME_host (unix://SOCKET), NAME_sock, NAME_pid, NAME_dir (data root
# under NAME_dir/root, daemon.json, log), NAME_driver. $DOCKERD_ARGS: more
# flags (word-split on purpose).
start_dockerd() {
    local name=$1 dir exec_root sock driver
    [[ -x $DOCKERD ]] || skip "dockerd is not installed (Debian: docker.io)"
    need unshare
    dir=$TMP/$name
    exec_root=$SHORT_TMP/$name   # containerd's sockets live here: keep it short
    sock=$SHORT_TMP/$name.sock
    mkdir -p "$dir/root" "$exec_root"
    driver=${DOCKERD_STORAGE_DRIVER:-}
    if [[ -z $driver ]]; then
        if overlay_works "$dir"; then driver=overlay2; else driver=vfs; fi
    fi
    printf '{}\n' > "$dir/daemon.json"
    # A mount namespace of its own: dockerd's mounts never reach the host, and
    # empty tmpfs hide the host's /run/containerd (with a containerd.sock there
    # dockerd uses that containerd instead of starting one), /run/docker
    # (plugin sockets) and /etc/docker (daemon.json, certs.d; 20.10 writes
    # key.json there).
    unshare --mount --propagation private sh -c '
        for d in /run/containerd /run/docker /etc/docker; do
            if [ -d "$d" ]; then mount -t tmpfs -o mode=0755 muelle-peers "$d" || exit 1; fi
        done
        exec "$@"' sh "$DOCKERD" \
        --config-file "$dir/daemon.json" --data-root "$dir/root" --exec-root "$exec_root" \
        --pidfile "$exec_root/dockerd.pid" -H "unix://$sock" --storage-driver "$driver" \
        --live-restore --default-ulimit nofile=20000:20000 --iptables=false --ip-masq=false --bridge=none \
        --log-level "${DOCKERD_LOG_LEVEL:-info}" ${DOCKERD_ARGS:-} > "$dir/log" 2>&1 &
    local pid=$!   # sh execs dockerd: the same pid
    SERVER_PIDS+=("$pid"); SERVER_LOGS+=("$dir/log"); DOCKERD_SOCKS+=("$sock")
    wait_engine "$sock" "$pid" "$dir/log"
    printf -v "${name}_host" '%s' "unix://$sock"
    printf -v "${name}_sock" '%s' "$sock"
    printf -v "${name}_pid" '%s' "$pid"
    printf -v "${name}_dir" '%s' "$dir"
    printf -v "${name}_driver" '%s' "$driver"
    log "dockerd '$name' ($("$DOCKERD" --version | cut -d, -f1), $driver) on unix://$sock, pid $pid"
}

# start_muelled NAME: muelled with its own data root (NAME_dir/root) and
# socket, logging at $MUELLED_LOG_LEVEL (default debug), with $MUELLED_ARGS. Sets NAME_host,
# NAME_sock, NAME_pid, NAME_dir.
start_muelled() {
    local name=$1 dir sock
    [[ -x $MUELLED ]] || fail "no muelled binary at $MUELLED (build it first)"
    dir=$TMP/$name
    sock=$SHORT_TMP/$name.sock
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # MUELLED_ARGS: extra flags, word-split on purpose
    # The exec root holds the shims' sockets: kept short (sun_path is 108 bytes).
    MUELLED_EXEC_ROOTS+=("$SHORT_TMP/$name.exec")
    MUELLED_DATA_ROOTS+=("$dir/root")
    MUELLED_SOCKS+=("$sock")
    local bridge="mb$(($$ % 100000))n${#MUELLED_BRIDGES[@]}"
    MUELLED_BRIDGES+=("$bridge")
    "$MUELLED" --data-root "$dir/root" --exec-root "$SHORT_TMP/$name.exec" -H "unix://$sock" --bridge "$bridge" \
        --log-level "${MUELLED_LOG_LEVEL:-debug}" ${MUELLED_ARGS:-} >> "$dir/log" 2>&1 &
    local pid=$!
    SERVER_PIDS+=("$pid"); SERVER_LOGS+=("$dir/log")
    wait_engine "$sock" "$pid" "$dir/log" 30
    printf -v "${name}_host" '%s' "unix://$sock"
    printf -v "${name}_sock" '%s' "$sock"
    printf -v "${name}_pid" '%s' "$pid"
    printf -v "${name}_dir" '%s' "$dir"
    printf -v "${name}_bridge" '%s' "$bridge"
    log "muelled '$name' on unix://$sock, pid $pid"
}

# restart_muelled NAME [SIGNAL [COMMAND...]]: stops NAME's muelled (default
# SIGKILL), runs COMMAND while it is stopped, and starts it again on the
# same data root, exec root and socket.
restart_muelled() {
    local name=$1 signal=${2:-KILL} pid_var="${1}_pid" dir_var="${1}_dir" sock_var="${1}_sock"
    local bridge_var="${1}_bridge"
    local pid=${!pid_var} dir=${!dir_var} sock=${!sock_var} bridge=${!bridge_var}
    shift $(($# < 2 ? $# : 2))
    kill "-$signal" "$pid"
    wait "$pid" 2>/dev/null || true
    if [[ $# -gt 0 ]]; then "$@"; fi
    "$MUELLED" --data-root "$dir/root" --exec-root "$SHORT_TMP/$name.exec" -H "unix://$sock" --bridge "$bridge" \
        --log-level "${MUELLED_LOG_LEVEL:-debug}" ${MUELLED_ARGS:-} >> "$dir/log" 2>&1 &
    pid=$!
    SERVER_PIDS+=("$pid")
    wait_engine "$sock" "$pid" "$dir/log" 30
    printf -v "${name}_pid" '%s' "$pid"
    log "muelled '$name' restarted, pid $pid"
}
