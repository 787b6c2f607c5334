#!/bin/bash
# Installs what is missing, builds what is stale, then runs Muelle:
# muelle-registry on 127.0.0.1:5000, seeded with a busybox image built offline
# from Debian's busybox-static; the engine muelled on /run/muelle/muelle.sock
# and on D-Bus (a bus of its own at /run/muelle-bus/socket, since the system
# bus may not run or lack muelled's policy); and the desktop app when there is
# a display (MUELLE_DESKTOP=0: not). Ctrl-C stops them all.
source "$(dirname "$0")/lib.sh"
install_missing_packages
build_muelle

ADDR="${MUELLE_REGISTRY_ADDR:-127.0.0.1:5000}"
ROOT="${MUELLE_REGISTRY_ROOT:-/var/lib/muelle-registry}"
CONFIG="$MUELLE_SOURCE/packaging/registry/config.yml"
WORK="$(mktemp -d)"
ENGINE_ROOT="${MUELLE_DATA_ROOT:-/var/lib/muelle}"
ENGINE_SOCKET="${MUELLE_SOCKET:-/run/muelle/muelle.sock}"
BUS_DIR=/run/muelle-bus
BUS="unix:path=$BUS_DIR/socket"
REGISTRY_PID= ENGINE_PID= BUS_PID= DESKTOP_PID=
stop() {
    kill $DESKTOP_PID $REGISTRY_PID $ENGINE_PID 2>/dev/null
    wait $DESKTOP_PID $REGISTRY_PID $ENGINE_PID 2>/dev/null
    kill $BUS_PID 2>/dev/null
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

mkdir -p "$BUS_DIR" && chmod 0755 "$BUS_DIR" && rm -f "$BUS_DIR/socket"
sed -e "s|@ADDRESS@|$BUS|" -e "s|@POLICY@|$MUELLE_SOURCE/packaging/dbus/org.muelle.Engine1.conf|" \
    "$MUELLE_SOURCE/packaging/dbus/private-bus.conf.in" > "$WORK/bus.conf"
dbus-daemon --config-file="$WORK/bus.conf" --nofork &
BUS_PID=$!
for _ in $(seq 1 100); do [ -S "$BUS_DIR/socket" ] && break; sleep 0.05; done

"$MUELLE_BUILD/bin/muelled" --data-root "$ENGINE_ROOT" -H "unix://$ENGINE_SOCKET" --dbus-address "$BUS" &
ENGINE_PID=$!
for _ in $(seq 1 100); do
    [ -S "$ENGINE_SOCKET" ] && break
    kill -0 "$ENGINE_PID" 2>/dev/null || { echo "muelle: muelled did not start" >&2; exit 1; }
    sleep 0.1
done

bash "$MUELLE_SOURCE/tests/images/build-busybox.sh" "$WORK/busybox" latest >/dev/null
skopeo copy --quiet --dest-tls-verify=false "oci:$WORK/busybox:latest" "docker://$ADDR/busybox:latest"

DESKTOP="not started (no display; run: $MUELLE_BUILD/bin/muelle-desktop --bus $BUS)"
if [ "${MUELLE_DESKTOP:-1}" != 0 ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "$MUELLE_BUILD/bin/muelle-desktop" --bus "$BUS" &
    DESKTOP_PID=$!
    DESKTOP="running (its window; closing it leaves the rest running)"
fi

cat <<MSG

Muelle is running.
  registry   http://$ADDR   (storage: $ROOT)
  seeded     $ADDR/busybox:latest
  engine     unix://$ENGINE_SOCKET   (data root: $ENGINE_ROOT)
             D-Bus org.muelle.Engine1 on $BUS
  desktop    $DESKTOP

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
