#!/bin/sh
# iceprobe's version, from git. Read by every build (the VersionStamp build-tool plugin writes it
# into the binary, so `iceprobe --version` of a debug build from the repository answers too) and
# by scripts/package.sh (through the built binary's --version).
#
#   scripts/version.sh [REPO]                 prints: VERSION COMMIT STATE
#   scripts/version.sh --swift FILE [REPO]    writes FILE (Swift source) only when it changes
#
# VERSION is a Debian-compatible version string:
#   on a tag vX.Y.Z                  X.Y.Z
#   N commits after tag vX.Y.Z       X.Y.Z+N.gHASH        (sorts after X.Y.Z, before the next tag)
#   no vX.Y.Z tag in the clone       0.0.0~gitYYYYMMDD.HHMMSS.gHASH  (commit time, UTC: increases
#                                    with time, also in a shallow clone; ~ sorts before any release)
#   no git, or not a repository      0.0.0~unknown
# COMMIT is the full commit hash (or "unknown"); STATE is "clean" or "modified" (tracked files of
# the build, Package.swift, Sources/ and Plugins/, differ from the commit; untracked files do not
# count).
set -eu

swift_file=""
if [ "${1:-}" = "--swift" ]; then
  swift_file="${2:?--swift needs a file}"
  shift 2
fi
repo="${1:-$(dirname "$0")/..}"

# safe.directory: a clone owned by another user (a CI checkout) is still read, not refused.
g() { git -c safe.directory='*' -C "$repo" "$@"; }
version="0.0.0~unknown"
commit="unknown"
state="clean"
if command -v git >/dev/null 2>&1 && g rev-parse --verify -q HEAD >/dev/null 2>&1; then
  commit="$(g rev-parse HEAD)"
  short="$(g rev-parse --short=7 HEAD)"
  if described="$(g describe --tags --long --match 'v[0-9]*' 2>/dev/null)"; then
    # vX.Y.Z-N-gHASH; the tag itself may contain '-' (v1.0.0-rc1), so cut from the right.
    count="${described%-g*}"; count="${count##*-}"
    tag="${described%-*-g*}"; tag="${tag#v}"
    # Debian versions: a pre-release suffix written with '-' sorts with '~'.
    tag="$(printf '%s' "$tag" | tr '-' '~')"
    if [ "$count" = "0" ]; then version="$tag"; else version="$tag+$count.g$short"; fi
  else
    stamp="$(TZ=UTC git -c safe.directory='*' -C "$repo" log -1 --format=%cd --date=format-local:%Y%m%d.%H%M%S)"
    version="0.0.0~git$stamp.g$short"
  fi
  # What is compiled: tracked files under Sources/ and Plugins/, and Package.swift.
  if ! g diff --quiet HEAD -- Package.swift Sources Plugins 2>/dev/null; then state="modified"; fi
fi

if [ -z "$swift_file" ]; then
  printf '%s %s %s\n' "$version" "$commit" "$state"
  exit 0
fi

mkdir -p "$(dirname "$swift_file")"
tmp="$swift_file.tmp.$$"
cat >"$tmp" <<EOF
// Generated at build time by scripts/version.sh (VersionStamp plugin); not in the repository.
enum BuildVersion {
    /// Debian-compatible version from \`git describe\` (see scripts/version.sh).
    static let version = "$version"
    /// The full commit hash the binary was built from, or "unknown".
    static let commit = "$commit"
    /// True when the build's tracked sources differed from the commit at build time.
    static let modified = $([ "$state" = modified ] && echo true || echo false)
}
EOF
# Rewrite only on change: an unchanged file keeps the iceprobe module from recompiling.
if [ -f "$swift_file" ] && cmp -s "$tmp" "$swift_file"; then rm -f "$tmp"; else mv "$tmp" "$swift_file"; fi
