#!/usr/bin/env bash
# docker-compose 1.29 (Debian's, on docker-py) builds a project's images
# through the engine's POST /build — a `build:` section with a context, a
# dockerfile, args, a target and labels — against ENGINE: dockerd (the
# reference, a private dockerd 20.10) or muelled, with the same
# expectations checked through docker inspect and docker run.
# Env: ENGINE=dockerd|muelled (default dockerd), DOCKER, DOCKERD, MUELLED,
# and lib.sh's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
choose_engine
need docker-compose jq
need_registry
start_engine_with_busybox
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0

project=$TMP/project
mkdir -p "$project/web"
echo served >"$project/web/index.html"
cat >"$project/web/build.Dockerfile" <<'DF'
FROM busybox AS base
ARG GREETING=hello
RUN echo "$GREETING" >/greeting
FROM base AS final
COPY index.html /www/index.html
CMD ["cat", "/greeting", "/www/index.html"]
FROM base AS unused
RUN false
DF
cat >"$project/docker-compose.yml" <<'YML'
version: "3.7"
services:
  web:
    image: composed/web:v1
    build:
      context: ./web
      dockerfile: build.Dockerfile
      target: final
      args:
        GREETING: from-compose
      labels:
        org.example.built-by: compose
YML
cd "$project"
must timeout 300 docker-compose -p peer build
pass "docker-compose build"
assert_eq compose "$("$DOCKER" image inspect --format '{{index .Config.Labels "org.example.built-by"}}' composed/web:v1)" \
    "the build section's labels"
must "$DOCKER" run --rm composed/web:v1
assert_eq "$(printf 'from-compose\nserved')" "$(cat "$TMP/last.out")" "the build section's args, target and dockerfile"
must timeout 300 docker-compose -p peer build
pass "docker-compose build again (from the cache)"
