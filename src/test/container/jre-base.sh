#!/usr/bin/env bash
# Builds the base image of the image test: Debian bookworm with openjdk-17-jre-headless and CA
# certificates, made from Debian packages because the release base (distroless) lives in a
# registry the build machines cannot reach. The result is a Docker archive, which Jib reads as
# <from><image>tar://...</image></from>.
#
# The archive is kept in CACHE_DIR under a name made from this script's checksum, so a build
# reuses it until the recipe changes (only the first build on a machine spends the minute this
# takes), and LINK, e.g. in target/, is made to point at it.
#
# Usage: jre-base.sh CACHE_DIR LINK
# Needs: mmdebstrap and podman, run as root (.ci/run installs both).
set -euo pipefail

cache=${1:?usage: jre-base.sh CACHE_DIR LINK}
link=${2:?usage: jre-base.sh CACHE_DIR LINK}
recipe=$(sha256sum "$0" | cut -c1-12)
archive=$cache/jre17-bookworm-$recipe.docker.tar

if [[ -s $archive ]]; then
  echo "jre-base: reusing $archive"
else
  for tool in mmdebstrap podman; do
    command -v "$tool" >/dev/null || {
      echo "jre-base: $tool is not installed (apt-get install -y podman runc mmdebstrap)" >&2
      exit 1
    }
  done
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$(cd "$(dirname "$0")" && pwd)/containers.conf}
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.jre-base.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  start=$SECONDS

  # As in distroless: a user nonroot 65532:65532 whose home is the working directory. And the
  # /etc/hosts file and /etc/mtab link that podman otherwise adds to each container's layer, where
  # `podman diff` would show them as a change to /etc that the tool did not make.
  mmdebstrap --quiet --variant=apt --include=openjdk-17-jre-headless,ca-certificates \
    --customize-hook='printf "127.0.0.1\tlocalhost\n::1\tlocalhost\n" > "$1/etc/hosts"' \
    --customize-hook='ln -sfn /proc/mounts "$1/etc/mtab"' \
    --customize-hook='echo "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "nonroot:x:65532:" >> "$1/etc/group"' \
    --customize-hook='install -d -m 0700 -o 65532 -g 65532 "$1/home/nonroot"' \
    bookworm "$work/rootfs.tar"

  # The environment and defaults of the distroless base. Jib sets the user and working directory
  # again, and its entry point runs the java it finds on this PATH (/usr/bin/java).
  tag=localhost/dynamodb-backup-jre-base:$recipe
  podman import --quiet \
    --change 'ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV=LANG=C.UTF-8' \
    --change 'ENV=SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    --change 'USER=65532:65532' \
    --change 'WORKDIR=/home/nonroot' \
    "$work/rootfs.tar" "$tag" >/dev/null
  podman save --quiet --format docker-archive -o "$work/base.tar" "$tag"
  podman rmi "$tag" >/dev/null
  mv "$work/base.tar" "$archive"
  # Archives of earlier recipes are of no further use.
  find "$cache" -maxdepth 1 -name 'jre17-bookworm-*.docker.tar' ! -path "$archive" -delete
  echo "jre-base: built $archive in $((SECONDS - start)) s"
fi
mkdir -p "$(dirname "$link")"
ln -sfn "$archive" "$link"
