# tests/bench/registries.sh — starting and stopping muelle-registry and CNCF
# Distribution for the registry benchmarks (run.sh, search.sh). Sourced; the
# caller sets MUELLE_REGISTRY and PIDS=() and defines free_port.

wait_ready() { # URL PID LOG
    local i code
    for ((i = 0; i < 300; i++)); do
        kill -0 "$2" 2>/dev/null || { tail -n 20 "$3" >&2; echo "bench: server exited early" >&2; exit 1; }
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null) || code=000
        [[ $code == 200 || $code == 401 ]] && return 0
        sleep 0.1
    done
    tail -n 20 "$3" >&2; echo "bench: $1 not ready after 30 s" >&2; exit 1
}

stop() { # PID: SIGTERM, bounded wait
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local keep=()
    for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
    PIDS=("${keep[@]}")
}

# start_muelle DIR: sets SRV_PID SRV_ADDR (logging off: no access log).
start_muelle() {
    local dir=$1 port
    mkdir -p "$dir/root"; port=$(free_port)
    printf 'log:\n  level: warn\n  accesslog: false\nstorage:\n  root: %s\n' "$dir/root" > "$dir/config.yml"
    "$MUELLE_REGISTRY" serve "$dir/config.yml" --addr "127.0.0.1:$port" --root "$dir/root" > "$dir/log" 2>&1 &
    SRV_PID=$!; PIDS+=("$SRV_PID"); SRV_ADDR=127.0.0.1:$port
    wait_ready "http://$SRV_ADDR/v2/" "$SRV_PID" "$dir/log"
}

# start_distribution DIR: the same for docker-registry (access log off,
# in-memory blob descriptor cache as in Debian's default config).
start_distribution() {
    local dir=$1 port
    mkdir -p "$dir/root"; port=$(free_port)
    cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: $dir/root
http:
  addr: 127.0.0.1:$port
  secret: muelle-bench
YML
    env -u REGISTRY_AUTH_FILE docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
    SRV_PID=$!; PIDS+=("$SRV_PID"); SRV_ADDR=127.0.0.1:$port
    wait_ready "http://$SRV_ADDR/v2/" "$SRV_PID" "$dir/log"
}
