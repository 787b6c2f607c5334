# Shared by run.sh, test.sh and bench.sh: install what is missing, build what is stale.
set -euo pipefail

MUELLE_SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MUELLE_BUILD="${MUELLE_BUILD:-$MUELLE_SOURCE/build}"

# Installs the packages of scripts/packages.txt (and of any list given) that are missing.
install_missing_packages() {
    local wanted missing=()
    wanted=$(cat "$MUELLE_SOURCE/scripts/packages.txt" "$@" | grep -v '^\s*#' | awk 'NF {print $1}')
    for package in $wanted; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "muelle: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
}

build_muelle() {
    if [ ! -f "$MUELLE_BUILD/build.ninja" ]; then
        cmake -S "$MUELLE_SOURCE" -B "$MUELLE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$MUELLE_BUILD" -j2
}
