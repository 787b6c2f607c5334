#!/usr/bin/env bash
# Bad Dockerfiles, built with the docker CLI's classic builder
# (DOCKER_BUILDKIT=0) against the engine ENGINE names, each refusal put
# beside what muelle's own parser (src/dockerfile, through dockerfile_words)
# says of the same file: the same words, line numbers included. Only what
# dockerd refuses before it builds: a step's own failure (an unclosed ${ in
# ENV, say) comes later, in the build's stream. A file of ARGs alone is left
# out: dockerd 20.10 drops the connection on it (the parser refuses it, see
# tst_dockerfile_stages). Against dockerd (the reference) and muelled.
# Env: ENGINE=dockerd|muelled, DOCKERFILE_WORDS (the tool), lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need skopeo jq
need_registry
[[ -x ${DOCKERFILE_WORDS:-} ]] || skip "DOCKERFILE_WORDS is not built"
start_engine_with_busybox

# refused NAME [--target T]: builds $TMP/NAME (its Dockerfile written by the
# caller) and checks the engine refuses it with the parser's words.
refused() {
    local name=$1 target=${3:-} ours theirs
    ours=$("$DOCKERFILE_WORDS" "$TMP/$name/Dockerfile" $target)
    # The CLI's own notices (the legacy builder's deprecation) come first.
    theirs=$(DOCKER_BUILDKIT=0 timeout -s KILL 60 "$DOCKER" build -q ${target:+--target "$target"} "$TMP/$name" 2>&1 >/dev/null \
        | sed -n 's/^Error response from daemon: //p' | head -1 || true)
    theirs=${theirs:-ok}
    # Every case is tried before the verdict, so one run shows all that differ.
    if [[ $theirs == "$ours" && $theirs != ok ]]; then
        pass "$name: refused as the parser says: $ours"
    else
        echo "FAIL: $name: the engine says '$theirs', the parser '$ours'" >&2
        differ=$((differ + 1))
    fi
}
differ=0
# accepted NAME: both build it (the parser finds nothing to refuse).
accepted() {
    local ours theirs
    ours=$("$DOCKERFILE_WORDS" "$TMP/$1/Dockerfile")
    theirs=$(DOCKER_BUILDKIT=0 timeout -s KILL 60 "$DOCKER" build -q "$TMP/$1" 2>&1 >/dev/null \
        | sed -n 's/^Error response from daemon: //p' | head -1 || true)
    if [[ -z $theirs && $ours == ok ]]; then
        pass "$1: built, as the parser accepts it"
    else
        echo "FAIL: $1: the engine says '${theirs:-ok}', the parser '$ours'" >&2
        differ=$((differ + 1))
    fi
}
# case NAME: the Dockerfile from stdin.
case_() { mkdir -p "$TMP/$1"; cat > "$TMP/$1/Dockerfile"; }

case_ unknown-instruction <<'D'
FROM busybox
# a comment
FORM busybox
D
refused unknown-instruction

mkdir -p "$TMP/empty" && : > "$TMP/empty/Dockerfile"
refused empty

case_ from-two <<'D'
FROM busybox base
D
refused from-two

case_ copy-one <<'D'
FROM busybox
COPY onlyone
D
refused copy-one

case_ env-bare <<'D'
FROM busybox
ENV NAME
D
refused env-bare

case_ shell-words <<'D'
FROM busybox
SHELL /bin/sh -c
D
refused shell-words

case_ onbuild-onbuild <<'D'
FROM busybox
ONBUILD ONBUILD RUN true
D
refused onbuild-onbuild

case_ healthcheck-type <<'D'
FROM busybox
HEALTHCHECK FOO true
D
refused healthcheck-type

case_ stage-name <<'D'
FROM busybox AS 1st
D
refused stage-name

case_ unknown-flag <<'D'
FROM busybox
COPY --foo=x a b
D
refused unknown-flag

case_ continued <<'D'
FROM busybox
RUN echo a \
    && echo b
EXPOSE
D
refused continued

case_ comments-only <<'D'
# nothing but a comment
D
refused comments-only

case_ bad-escape <<'D'
# escape=x
FROM busybox
D
refused bad-escape

case_ env-legacy <<'D'
FROM busybox
ENV A=1 B
D
refused env-legacy

case_ before-from <<'D'
RUN true
FROM busybox
D
refused before-from

# The classic builder lets a name be used twice (BuildKit would not).
case_ stage-twice <<'D'
FROM busybox AS one
FROM busybox AS one
D
accepted stage-twice

case_ target <<'D'
FROM busybox AS one
RUN true
D
refused target --target nope

[[ $differ == 0 ]] || fail "$differ case(s) differ"
