# Shared by run.sh, test.sh and bench.sh: install what is missing, build what is stale.
set -euo pipefail

MUELLE_SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MUELLE_BUILD="${MUELLE_BUILD:-$MUELLE_SOURCE/build}"

# Installs the packages of scripts/packages.txt (and of any list given) that are missing.
# A line is PACKAGE [OPTION...]; options:
#   unless=COMMAND  the package counts as installed when COMMAND is on PATH
#   no-recommends   install it without its Recommends
install_missing_packages() {
    local package opts opt skip missing=() bare=()
    while read -r package opts; do
        skip=
        for opt in $opts; do
            case $opt in
                unless=*) command -v "${opt#unless=}" >/dev/null && skip=1 ;;
            esac
        done
        [ -z "$skip" ] || continue
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' && continue
        case " $opts " in
            *" no-recommends "*) bare+=("$package") ;;
            *) missing+=("$package") ;;
        esac
    done < <(cat "$MUELLE_SOURCE/scripts/packages.txt" "$@" | grep -v '^\s*#' | awk NF)
    if [ ${#missing[@]} -eq 0 ] && [ ${#bare[@]} -eq 0 ]; then
        return 0
    fi
    echo "muelle: installing ${missing[*]} ${bare[*]}" >&2
    # Package scripts must not start daemons: docker.io's postinst starts
    # dockerd through invoke-rc.d when there is no systemd, and fails the
    # install when that fails (in a container). policy-rc.d exit 101 forbids
    # it, also for deb-systemd-invoke. A box's own policy-rc.d is left alone.
    (
        policy=/usr/sbin/policy-rc.d
        if [ ! -e "$policy" ]; then
            trap 'rm -f "$policy"' EXIT
            printf '#!/bin/sh\n# muelle: no service starts during install_missing_packages\nexit 101\n' > "$policy"
            chmod 0755 "$policy"
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        if [ ${#missing[@]} -gt 0 ]; then apt-get install -y -q "${missing[@]}"; fi
        if [ ${#bare[@]} -gt 0 ]; then apt-get install -y -q --no-install-recommends "${bare[@]}"; fi
    )
}

build_muelle() {
    if [ ! -f "$MUELLE_BUILD/build.ninja" ]; then
        cmake -S "$MUELLE_SOURCE" -B "$MUELLE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$MUELLE_BUILD" -j2
}
