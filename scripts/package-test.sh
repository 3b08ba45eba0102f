#!/usr/bin/env bash
# Proof that the Debian package works where there is no Swift toolchain (CI runs it from
# scripts/test.sh after the release build). As root, on Debian 12:
#   1. builds the package (scripts/package.sh; reuses CI's release build) and checks the git tree
#      is unchanged;
#   2. lintian: no errors (warnings and infos are printed, and explained in README "Install");
#   3. installs it with dpkg -i plus apt-get -f install;
#   4. from an empty directory outside the repository, with PATH holding no toolchain,
#      LD_LIBRARY_PATH empty and the toolchain's directory (/opt/swift) hidden under an empty
#      tmpfs: iceprobe --version, check --help, the installed profiles and scenarios, and one lab
#      scenario run by name from the installed files (check-japan-regions: `check lab` against
#      two coturn regions, a few seconds); man pages and completions are installed; ldd shows no
#      library from the toolchain and the binary has no run path; `iceprobe serve` stores one
#      upload on loopback (SQLite), lists its site and stops on SIGTERM;
#   5. purges the package and shows none of its files, directories or dpkg records are left.
# Prints each step's time. Exit 0 when everything held, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SCENARIO=check-japan-regions
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }
step() { echo "== package-test: $*"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
[ "$(id -u)" -eq 0 ] || { echo "package-test.sh: run as root (installs the package, runs a lab)" >&2; exit 2; }
if dpkg-query -W -f='${Status}' iceprobe 2>/dev/null | grep "installed" >/dev/null; then
  fail "iceprobe is already installed on this machine; remove it first (dpkg --purge iceprobe)"
fi

step "build the package"
tree_before="$(git status --porcelain 2>/dev/null || true)"
t0="$(now)"
DEB="$(scripts/package.sh | tail -n 1)"
t1="$(now)"
[ -f "$DEB" ] || fail "scripts/package.sh printed no package path"
[ "$(git status --porcelain 2>/dev/null || true)" = "$tree_before" ] || fail "packaging changed the git tree"
VERSION="$(dpkg-deb -f "$DEB" Version)"
echo "package: $DEB (version $VERSION), built in $(seconds "$t0" "$t1") s"
dpkg-deb -f "$DEB" Depends Recommends Installed-Size
dpkg-deb -c "$DEB" | awk '{ print $1, $6 }'

step "lintian"
t0="$(now)"
lintian_out="$(lintian --info --display-info --pedantic --show-overrides "$DEB" 2>&1 || true)"
t1="$(now)"
echo "${lintian_out:-lintian: no tags}"
if echo "$lintian_out" | grep '^E: ' >/dev/null; then fail "lintian reports errors"; fi
echo "lintian: no errors ($(echo "$lintian_out" | grep -c '^W: ' || true) warnings, $(echo "$lintian_out" | grep -c '^[IP]: ' || true) info/pedantic tags) in $(seconds "$t0" "$t1") s"

cleanup() {
  if dpkg-query -W -f='${Status}' iceprobe 2>/dev/null | grep "installed" >/dev/null; then
    dpkg --purge iceprobe >/dev/null 2>&1 || true
  fi
  if [ -n "${WORK:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

step "install: dpkg -i, apt-get -f install"
t0="$(now)"
if ! dpkg -i "$DEB"; then
  echo "dpkg -i left dependencies missing; apt-get -f install fetches them"
fi
DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq
dpkg-query -W -f='${Status} ${Version}\n' iceprobe | grep "^install ok installed $VERSION$" >/dev/null || fail "iceprobe $VERSION is not installed"
t1="$(now)"
echo "installed in $(seconds "$t0" "$t1") s"
INSTALLED_FILES="$(dpkg -L iceprobe)"

step "run from outside the repository, without the Swift toolchain"
WORK="$(mktemp -d /tmp/iceprobe-package-test.XXXXXX)"
cd "$WORK"
# Every command below runs with a clean environment and, where the toolchain has its own
# directory (/opt/swift here), in a private mount namespace with an empty tmpfs over it: nothing
# of the toolchain can be found, by PATH, LD_LIBRARY_PATH or a run path.
TOOLCHAIN=""
if swift_bin="$(command -v swift 2>/dev/null)"; then
  TOOLCHAIN="$(dirname "$(dirname "$(dirname "$(readlink -f "$swift_bin")")")")"
fi
HIDE=()
case "$TOOLCHAIN" in
  ""|/|/usr|/usr/local) echo "toolchain: ${TOOLCHAIN:-none found}; not hidden (no directory of its own)" ;;
  *) HIDE=(unshare -m sh -c 'mount -t tmpfs iceprobe-hidden-toolchain "$0" && exec "$@"' "$TOOLCHAIN") ;;
esac
CLEAN=("${HIDE[@]}" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK" LD_LIBRARY_PATH= LANG=C.UTF-8)
"${CLEAN[@]}" sh -c 'command -v swift swiftc' && fail "a Swift toolchain is on the clean PATH"
if [ ${#HIDE[@]} -gt 0 ]; then
  [ "$("${CLEAN[@]}" sh -c 'ls -A "$0" | wc -l' "$TOOLCHAIN")" -eq 0 ] || fail "$TOOLCHAIN is not hidden"
fi
echo "pwd: $(pwd); PATH: system directories only; LD_LIBRARY_PATH empty; swift: not found;" \
  "${TOOLCHAIN:+$TOOLCHAIN hidden (an empty tmpfs over it in a private mount namespace)}"
[ "$("${CLEAN[@]}" sh -c 'command -v iceprobe')" = /usr/bin/iceprobe ] || fail "iceprobe is not /usr/bin/iceprobe on PATH"

reported="$("${CLEAN[@]}" iceprobe --version)"
echo "iceprobe --version: $reported"
case "$reported" in "$VERSION (commit "*) ;; *) fail "--version says '$reported', the package is $VERSION" ;; esac

"${CLEAN[@]}" iceprobe check --help >"$WORK/check-help.txt" || fail "iceprobe check --help"
head -n 3 "$WORK/check-help.txt"
grep -q -- "--budget" "$WORK/check-help.txt" || fail "check --help lacks --budget"

echo "ldd /usr/bin/iceprobe (toolchain hidden):"
"${CLEAN[@]}" ldd /usr/bin/iceprobe >"$WORK/ldd.txt"
sed 's/^/  /' "$WORK/ldd.txt"
if grep -E "not found${TOOLCHAIN:+|$TOOLCHAIN/}|/opt/swift/" "$WORK/ldd.txt"; then fail "a library comes from the toolchain or is missing"; fi
ldd /usr/bin/iceprobe >"$WORK/ldd-visible.txt"
if grep -E "not found${TOOLCHAIN:+|$TOOLCHAIN/}|/opt/swift/" "$WORK/ldd-visible.txt"; then fail "with the toolchain visible, ldd resolves a library into it"; fi
if readelf -d /usr/bin/iceprobe | grep -E '\((RPATH|RUNPATH)\)'; then fail "the binary has a run path"; fi
profiles="$("${CLEAN[@]}" iceprobe check --list-profiles)"
echo "$profiles"
for file in "$REPO"/Profiles/*.json; do
  name="$(basename "$file" .json)"
  echo "$profiles" | grep -E "^$name +/usr/share/iceprobe/profiles/$name.json$" >/dev/null \
    || fail "--profile $name does not resolve to the installed /usr/share/iceprobe/profiles/$name.json"
done
"${CLEAN[@]}" iceprobe scenario list >"$WORK/scenarios.txt"
[ "$(grep -cE '^[a-z0-9-]+ +/usr/share/iceprobe/scenarios/[a-z0-9-]+\.yaml  ' "$WORK/scenarios.txt")" -eq "$(ls "$REPO"/Scenarios/*.yaml | wc -l)" ] \
  || { cat "$WORK/scenarios.txt"; fail "scenario list does not show every shipped scenario from /usr/share/iceprobe/scenarios"; }
echo "scenario list: $(($(wc -l <"$WORK/scenarios.txt") - 1)) installed scenarios, from /usr/share/iceprobe/scenarios"

for page in iceprobe iceprobe-check iceprobe-scenario-run; do
  [ "$(man -w "$page")" = "/usr/share/man/man1/$page.1.gz" ] || fail "man page $page not installed"
done
MANWIDTH=80 man "$page" 2>"$WORK/man-warnings.txt" | head -n 4 || true
[ ! -s "$WORK/man-warnings.txt" ] || { cat "$WORK/man-warnings.txt"; fail "man warns about $page"; }
echo "man pages: $(ls /usr/share/man/man1/iceprobe*.1.gz | wc -l)"
bash -c 'source /usr/share/bash-completion/completions/iceprobe && complete -p iceprobe' || fail "bash completion"
[ -s /usr/share/zsh/vendor-completions/_iceprobe ] && [ -s /usr/share/fish/vendor_completions.d/iceprobe.fish ] \
  || fail "zsh or fish completion missing"

echo "lab scenario '$SCENARIO' by name, from the installed files:"
t0="$(now)"
status=0
"${CLEAN[@]}" iceprobe scenario run --verbose "$SCENARIO" >"$WORK/run.txt" 2>"$WORK/run.log" || status=$?
t1="$(now)"
cat "$WORK/run.txt"
grep -E "^scenario $SCENARIO " "$WORK/run.log" || true
[ "$status" -eq 0 ] || { tail -n 40 "$WORK/run.log"; fail "scenario $SCENARIO exit $status"; }
grep -q "^scenario $SCENARIO (/usr/share/iceprobe/scenarios/$SCENARIO.yaml)" "$WORK/run.log" \
  || fail "the scenario did not come from /usr/share/iceprobe/scenarios"
prefix="$(sed -n 's/^lab: lab \(ip[0-9a-f]*\) is up$/\1/p' "$WORK/run.log" | head -n 1)"
[ -n "$prefix" ] || fail "no lab prefix in the log"
[ ! -e "/run/iceprobe/$prefix" ] || fail "the lab's /run/iceprobe/$prefix is left behind"
if ip netns list | grep "^$prefix-" >/dev/null; then fail "namespaces $prefix-* are left behind"; fi
echo "scenario ran in $(seconds "$t0" "$t1") s; lab $prefix removed"

step "the collector from the installed binary: serve on loopback, one upload, the site listed, SIGTERM"
t0="$(now)"
"${CLEAN[@]}" iceprobe site --generate-samples 1 --seed 3 --sites 1 "$WORK/sample" >/dev/null
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/tokens"
port=18480
while ss -Htln "sport = :$port" | grep . >/dev/null; do port=$((port + 1)); done
"${CLEAN[@]}" iceprobe serve --listen "127.0.0.1:$port" --db "$WORK/collector.sqlite" --token-file "$WORK/tokens" \
  2>"$WORK/serve.log" &
serve_pid=$!
# Bounded: 30 s to answer /healthz; each request 10 s.
python3 - "$port" "$WORK/tokens" "$WORK/sample" <<'PY' || { tail -n 5 "$WORK/serve.log"; kill -9 "$serve_pid" 2>/dev/null; fail "the installed collector did not store and list a report"; }
import glob, json, sys, time, urllib.request
port, token_file, sample = sys.argv[1], sys.argv[2], sys.argv[3]
base = "http://127.0.0.1:%s" % port
for _ in range(60):
    try:
        urllib.request.urlopen(base + "/healthz", timeout=10).read()
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("no /healthz answer in 30 s")
body = open(glob.glob(sample + "/*.json")[0], "rb").read()
token = open(token_file).read().strip()
request = urllib.request.Request(base + "/api/v1/reports", data=body, method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
answer = urllib.request.urlopen(request, timeout=10)
assert answer.status == 201, answer.status
stored = json.loads(answer.read())["id"]
sites = json.loads(urllib.request.urlopen(base + "/api/v1/sites", timeout=10).read())["sites"]
assert len(sites) == 1 and sites[0]["agents"] == 1, sites
print("collector: report stored as id %s; /api/v1/sites lists %s" % (stored, sites[0]["site"]))
PY
kill -TERM "$serve_pid"
serve_status=0
wait "$serve_pid" || serve_status=$?
[ "$serve_status" -eq 0 ] || fail "iceprobe serve exit $serve_status after SIGTERM"
t1="$(now)"
echo "collector: stopped by SIGTERM with exit 0; $(seconds "$t0" "$t1") s"

step "sizes"
echo "package: $(stat -c %s "$DEB") bytes ($(du -h "$DEB" | cut -f1)) $DEB"
echo "installed binary: $(stat -c %s /usr/bin/iceprobe) bytes ($(du -h /usr/bin/iceprobe | cut -f1)) /usr/bin/iceprobe"
echo "installed size: $(dpkg-query -W -f='${Installed-Size}' iceprobe) KiB"

step "remove: dpkg --purge, nothing left behind"
cd /
dpkg --purge iceprobe
left=0
while IFS= read -r path; do
  [ "$path" != "/." ] || continue
  [ -e "$path" ] || [ -L "$path" ] || continue
  # A directory may stay when another package owns it too (/usr/share/man/man1, ...).
  if [ -d "$path" ] && [ ! -L "$path" ] && dpkg-query -S "$path" >/dev/null 2>&1; then continue; fi
  echo "left behind: $path"; left=1
done <<<"$INSTALLED_FILES"
[ "$left" -eq 0 ] || fail "files of the package are left behind"
dpkg-query -W iceprobe >/dev/null 2>&1 && fail "dpkg still has a record of iceprobe"
[ ! -e /var/lib/dpkg/info/iceprobe.list ] || fail "/var/lib/dpkg/info/iceprobe.list is left behind"
command -v iceprobe >/dev/null && fail "iceprobe is still on PATH"
echo "removed: $(echo "$INSTALLED_FILES" | wc -l) paths checked, none left (directories other packages own, like /usr/share/man/man1, stay)"
echo "package-test: passed"
