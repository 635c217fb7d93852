#!/usr/bin/env bash
# TEST-ONLY: compile the stand-ins for the two DLLs Wine 8 lacks (bcryptprimitives.dll's
# ProcessPrng, icuuc.dll) and put them into a Wine prefix's system32. Used by the Windows
# build (packaging/windows/build.sh) and the install test (tests/packaging/test_windows_installer.py).
# Never bundled: real Windows 10 1809+ has both DLLs.
#   install-standins.sh WINEPREFIX BUILD_DIR
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=$1
OUT=$2
mkdir -p "$OUT"
for name in bcryptprimitives icuuc; do
  if [ ! -f "$OUT/$name.dll" ] || [ "$HERE/$name.c" -nt "$OUT/$name.dll" ]; then
    libs=()
    [ "$name" = bcryptprimitives ] && libs=(-lbcrypt)
    x86_64-w64-mingw32-gcc -O2 -Wall -Werror -shared -s -o "$OUT/$name.dll" "$HERE/$name.c" "${libs[@]}"
  fi
  cp "$OUT/$name.dll" "$PREFIX/drive_c/windows/system32/$name.dll"
done
