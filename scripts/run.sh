#!/bin/bash
# Installs what is missing, builds what is stale, then runs Muelle:
# muelle-registry on 127.0.0.1:5000, seeded with a busybox image built offline
# from Debian's busybox-static, and the engine muelled on
# /run/muelle/muelle.sock. Ctrl-C stops both.
source "$(dirname "$0")/lib.sh"
install_missing_packages
build_muelle

ADDR="${MUELLE_REGISTRY_ADDR:-127.0.0.1:5000}"
ROOT="${MUELLE_REGISTRY_ROOT:-/var/lib/muelle-registry}"
CONFIG="$MUELLE_SOURCE/packaging/registry/config.yml"
WORK="$(mktemp -d)"
ENGINE_ROOT="${MUELLE_DATA_ROOT:-/var/lib/muelle}"
ENGINE_SOCKET="${MUELLE_SOCKET:-/run/muelle/muelle.sock}"
REGISTRY_PID= ENGINE_PID=
stop() {
    kill $REGISTRY_PID $ENGINE_PID 2>/dev/null
    wait $REGISTRY_PID $ENGINE_PID 2>/dev/null
    rm -rf "$WORK"
}
trap stop EXIT

"$MUELLE_BUILD/bin/muelle-registry" serve "$CONFIG" --addr "$ADDR" --root "$ROOT" &
REGISTRY_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://$ADDR/v2/" >/dev/null 2>&1 && break
    kill -0 "$REGISTRY_PID" 2>/dev/null || { echo "muelle: muelle-registry did not start" >&2; exit 1; }
    sleep 0.1
done

"$MUELLE_BUILD/bin/muelled" --data-root "$ENGINE_ROOT" -H "unix://$ENGINE_SOCKET" &
ENGINE_PID=$!
for _ in $(seq 1 100); do
    [ -S "$ENGINE_SOCKET" ] && break
    kill -0 "$ENGINE_PID" 2>/dev/null || { echo "muelle: muelled did not start" >&2; exit 1; }
    sleep 0.1
done

bash "$MUELLE_SOURCE/tests/images/build-busybox.sh" "$WORK/busybox" latest >/dev/null
skopeo copy --quiet --dest-tls-verify=false "oci:$WORK/busybox:latest" "docker://$ADDR/busybox:latest"

cat <<MSG

Muelle is running.
  registry   http://$ADDR   (storage: $ROOT)
  seeded     $ADDR/busybox:latest
  engine     unix://$ENGINE_SOCKET   (data root: $ENGINE_ROOT)

Use the engine with the docker CLI:
  export DOCKER_HOST=unix://$ENGINE_SOCKET
  docker pull $ADDR/busybox:latest
  docker images --digests; docker image inspect $ADDR/busybox:latest

Or the registry with other clients:
  skopeo copy --src-tls-verify=false docker://$ADDR/busybox:latest oci:/tmp/busybox:latest
  podman pull --tls-verify=false $ADDR/busybox:latest
  curl http://$ADDR/v2/_catalog

Ctrl-C stops it.
MSG
wait -n $REGISTRY_PID $ENGINE_PID
