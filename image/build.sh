#!/usr/bin/env bash
# Builds Uplift's container image without a Docker daemon or registry: the base from Debian's
# packages (image/base-image.sh), then Jib puts the server on it and writes
# server/target/jib-image.tar, for `docker load -i` (docs/operations.md#container-image).
# Arguments go to Maven (e.g. -o). Needs root, for apt-get and dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
image/base-image.sh server/target/image/base.tar
./mvnw -B -q -pl server -DskipTests "$@" compile jib:buildTar
echo "Image: server/target/jib-image.tar ($(du -m server/target/jib-image.tar | cut -f1) MB)"
