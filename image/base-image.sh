#!/usr/bin/env bash
# Writes the base of Uplift's container image: a Java runtime and what it links against, laid out
# from Debian's current packages and written as a Docker image tarball (the format of `docker
# save`), which Jib takes as `tar://` base. No container registry is needed, only Debian's
# mirrors, as this machine's apt sources name them (docs/operations.md#container-image).
#
#   image/base-image.sh OUT.tar      (as root: apt-get and dpkg-deb; a work directory beside OUT)
#
# The packages are unpacked, never installed: their maintainer scripts do not run, so there are
# no alternatives (PATH names the JVM's bin), no ld.so cache (the loader searches its default
# directories) and no generated CA stores (the JRE's cacerts is a dangling link, see the docs).
set -euo pipefail

out="$(realpath -m "${1:?usage: image/base-image.sh OUT.tar}")"
work="$(dirname "$out")/base-work"
jre=openjdk-17-jre-headless
arch="$(dpkg --print-architecture)"
java_home="/usr/lib/jvm/java-17-openjdk-$arch"
uid=10001
# Every file's time in the layer: fixed, so the same packages give the same layer and digest.
mtime=@1

rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/rootfs" "$work/image"

# A private apt state: today's package lists, and an empty dpkg status so that apt resolves the
# JRE's whole dependency closure (not only what this machine lacks), choosing one package of each
# alternative; `apt-cache depends --recurse` would list every alternative and every provider.
apt_opts=(-qq -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Dir::State::status=/dev/null
  -o Debug::NoLocking=true -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" update
# base-files: /etc/os-release and /etc/debian_version, which say what the image's system is.
mapfile -t packages < <(apt-get "${apt_opts[@]}" -s install --no-install-recommends "$jre" base-files \
  | awk '/^Inst /{print $2}')
if [ "${#packages[@]}" -eq 0 ]; then
  echo "image/base-image.sh: apt resolved no packages for $jre" >&2
  exit 1
fi
(cd "$work/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}")

for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/rootfs"
done
root="$work/rootfs"
if [ ! -x "$root$java_home/bin/java" ]; then
  echo "image/base-image.sh: no $java_home/bin/java in the unpacked packages" >&2
  exit 1
fi
# Documentation, manual pages and translations: nothing at run time reads them. The packages'
# copyright files stay, as the licences of what the image distributes.
rm -rf "$root"/usr/share/{man,info,locale,lintian,bug}
find "$root/usr/share/doc" ! -type d ! -name copyright -delete
find "$root/usr/share/doc" -type d -empty -delete

# dpkg's database lists the packages, as an installation would, for tools that read it (image
# scanners looking for packages with advisories); dpkg itself is not in the image.
mkdir -p "$root/var/lib/dpkg"
for deb in "$work"/debs/*.deb; do
  dpkg-deb -f "$deb" | sed '1a Status: install ok installed'
  echo
done >"$root/var/lib/dpkg/status"

# The image's user (the one Jib's container.user names) and what glibc and the JVM look up.
mkdir -p "$root/etc" "$root/data" "$root/tmp"
printf '%s\n' 'root:x:0:0:root:/root:/usr/sbin/nologin' \
  "uplift:x:$uid:$uid:Uplift:/data:/usr/sbin/nologin" >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' "uplift:x:$uid:" >"$root/etc/group"
printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
chmod 1777 "$root/tmp"
chmod 0755 "$root/data"

# One layer: everything root's, except /data, the volume, which is the user's (a new named volume
# takes the owner of the image's directory). Appended separately so that this needs no chown.
layer="$work/layer.tar"
tar --sort=name --mtime="$mtime" --owner=0 --group=0 --numeric-owner --format=gnu \
  --exclude=./data -C "$root" -cf "$layer" .
tar --mtime="$mtime" --owner="$uid" --group="$uid" --numeric-owner --format=gnu --no-recursion \
  -C "$root" -rf "$layer" ./data
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
gzip -n -6 "$layer"
mv "$layer.gz" "$work/image/layer.tar.gz"

# The health check goes in the base's config because Jib has no setting for one but keeps the
# base's (Docker format only). It runs the probe class Jib puts in /app/classes: no shell, no curl.
nanos=000000000
cat >"$work/image/config.json" <<EOF
{
  "architecture": "$arch",
  "os": "linux",
  "created": "1970-01-01T00:00:01Z",
  "config": {
    "User": "$uid:$uid",
    "Env": [
      "PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=$java_home"
    ],
    "Healthcheck": {
      "Test": ["CMD", "$java_home/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-cp", "/app/classes", "dev.uplift.operations.HealthProbe"],
      "Interval": 30$nanos,
      "Timeout": 10$nanos,
      "StartPeriod": 120$nanos,
      "Retries": 3
    }
  },
  "rootfs": {"type": "layers", "diff_ids": ["$diff_id"]},
  "history": [{"created": "1970-01-01T00:00:01Z",
    "created_by": "image/base-image.sh: $jre and its dependencies from Debian packages"}]
}
EOF
config="$(sha256sum "$work/image/config.json" | cut -d' ' -f1).json"
mv "$work/image/config.json" "$work/image/$config"
printf '[{"Config":"%s","RepoTags":["uplift-base:local"],"Layers":["layer.tar.gz"]}]\n' "$config" \
  >"$work/image/manifest.json"
tar --mtime="$mtime" --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out" \
  manifest.json "$config" layer.tar.gz
rm -rf "$work"
echo "Base image: $out ($(du -m "$out" | cut -f1) MB, ${#packages[@]} Debian packages)"
