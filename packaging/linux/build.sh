#!/usr/bin/env bash
# Build the Linux bundle: PyInstaller onedir + .desktop + AppStream + icons + install.sh,
# packed as dist/leftbehind-desktop-<version>-linux-x86_64.tar.gz, and a .deb (dpkg-deb).
#
#   packaging/linux/build.sh            (or ./dev bundle, which runs the set-up first)
#
# Environment: PYTHON (default .venv/bin/python), CLEAN=1 (drop PyInstaller's cache first),
# BUILD_DEB=0 (skip the .deb). The bundle needs at least the glibc of the build machine:
# build on the oldest distribution you deploy to (see docs/PACKAGING.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PY="${PYTHON:-$ROOT/.venv/bin/python}"
APP_ID=cn.gov.leftbehind.desktop
LINUX="$ROOT/packaging/linux"
ICONS="$ROOT/packaging/icons"

"$PY" -c "import PyInstaller" 2>/dev/null || {
  echo "build.sh: PyInstaller is missing: run ./dev setup (it installs the dev extra)" >&2; exit 1; }
VERSION=$("$PY" packaging/buildmeta.py version)
ARCH=$(uname -m)
NAME="leftbehind-desktop-$VERSION-linux-$ARCH"
STAGE="$ROOT/build/stage/$NAME"
DATE=$(date -u +%Y-%m-%d)

echo "build.sh: PyInstaller → dist/leftbehind-desktop (version $VERSION)" >&2
mkdir -p build dist
"$PY" -m leftbehind_desktop.ui.i18n_build
args=(--noconfirm --log-level WARN --workpath build/pyinstaller --distpath dist)
[ "${CLEAN:-0}" = "1" ] && args+=(--clean)
"$PY" -m PyInstaller "${args[@]}" packaging/leftbehind.spec 2> build/pyinstaller.log || {
  tail -40 build/pyinstaller.log >&2; exit 1; }
BUNDLE="$ROOT/dist/leftbehind-desktop"
for exe in leftbehind-desktop leftbehind leftbehind-smoke; do
  [ -x "$BUNDLE/$exe" ] || { echo "build.sh: $exe missing from the bundle" >&2; exit 1; }
done

# --- stage the tarball tree -------------------------------------------------------------
rm -rf "$STAGE"
mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo"
cp -a "$BUNDLE" "$STAGE/leftbehind-desktop"
cp "$LINUX/$APP_ID.desktop" "$STAGE/share/applications/"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$DATE/" "$LINUX/$APP_ID.metainfo.xml" \
  > "$STAGE/share/metainfo/$APP_ID.metainfo.xml"
for size in 16 32 48 64 128 256; do
  mkdir -p "$STAGE/share/icons/hicolor/${size}x${size}/apps"
  cp "$ICONS/leftbehind-desktop-$size.png" "$STAGE/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$STAGE/share/icons/hicolor/scalable/apps"
cp "$ICONS/leftbehind-desktop.svg" "$STAGE/share/icons/hicolor/scalable/apps/$APP_ID.svg"
install -m 755 "$LINUX/install.sh" "$STAGE/install.sh"
cat > "$STAGE/README.txt" <<EOF
留守儿童信息管理 $VERSION（Linux x86_64）

安装（当前用户，无需管理员权限）：  ./install.sh
卸载（保留数据）：                  ./install.sh --uninstall
不安装直接运行：                    ./leftbehind-desktop/leftbehind-desktop
命令行：                            ./leftbehind-desktop/leftbehind --help
安装自检：  LEFTBEHIND_PASSPHRASE=密码 ./leftbehind-desktop/leftbehind-smoke --out 工作台.png

数据保存在 ~/.local/share/leftbehind-desktop（升级和卸载都不会删除）。
打印 PDF 需要中文 TrueType 字体，例如：sudo apt install fonts-wqy-zenhei

Install for this user: ./install.sh    Uninstall (data kept): ./install.sh --uninstall
Data: ~/.local/share/leftbehind-desktop. PDF printing needs a Chinese TrueType font
(fonts-wqy-zenhei).
EOF

# --- validate the metadata when the tools are there ---------------------------------------
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$STAGE/share/applications/$APP_ID.desktop"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net "$STAGE/share/metainfo/$APP_ID.metainfo.xml" >&2
fi

# --- tar.gz --------------------------------------------------------------------------------
TARBALL="$ROOT/dist/$NAME.tar.gz"
tar -C "$ROOT/build/stage" --owner=0 --group=0 --numeric-owner --sort=name \
    -czf "$TARBALL.part" "$NAME"
mv "$TARBALL.part" "$TARBALL"
echo "$TARBALL"

# --- .deb (cheap: the same tree under /opt) ------------------------------------------------
if [ "${BUILD_DEB:-1}" = "1" ] && command -v dpkg-deb >/dev/null 2>&1; then
  DEBROOT="$ROOT/build/deb/$NAME"
  rm -rf "$DEBROOT"
  mkdir -p "$DEBROOT/DEBIAN" "$DEBROOT/opt" "$DEBROOT/usr/bin" "$DEBROOT/usr/share"
  cp -a "$BUNDLE" "$DEBROOT/opt/leftbehind-desktop"
  cp -a "$STAGE/share/." "$DEBROOT/usr/share/"
  ln -s /opt/leftbehind-desktop/leftbehind-desktop "$DEBROOT/usr/bin/leftbehind-desktop"
  ln -s /opt/leftbehind-desktop/leftbehind "$DEBROOT/usr/bin/leftbehind"
  # the newest glibc symbol version any bundled ELF file needs
  GLIBC=$(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
          | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
  DEB_ARCH=$(dpkg --print-architecture)
  SIZE_KB=$(du -sk "$DEBROOT" | cut -f1)
  cat > "$DEBROOT/DEBIAN/control" <<EOF
Package: leftbehind-desktop
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: leftbehind-desktop <leftbehind-desktop@localhost>
Installed-Size: $SIZE_KB
Depends: libc6 (>= ${GLIBC:-2.28}), libfontconfig1, libfreetype6, libgl1, libegl1, libxkbcommon0
Recommends: fonts-wqy-zenhei | fonts-wqy-microhei
Section: misc
Priority: optional
Description: 农村留守儿童信息台账（离线版） / left-behind children registry
 Offline registry of rural left-behind children (一人一档) for village, street and
 district offices: visits, entrustments, priority cases, mandatory reports and
 signed, encrypted quarterly ledger packages. Data stays in the user's
 ~/.local/share/leftbehind-desktop and is never removed by the package.
EOF
  DEB="$ROOT/dist/leftbehind-desktop_${VERSION}_${DEB_ARCH}.deb"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$DEBROOT" "$DEB" >/dev/null
  echo "$DEB"
fi
