#!/bin/sh
# 留守儿童信息管理 — install for the current user (no root needed) / 为当前用户安装（无需管理员权限）
#
#   ./install.sh              install or upgrade into ~/.local   安装或升级
#   ./install.sh --uninstall  remove the program                 卸载程序
#   ./install.sh --uninstall --purge   also delete the data (asks first)  同时删除数据（会先确认）
#
# The program goes to ~/.local/opt/leftbehind-desktop, commands to ~/.local/bin, the menu entry,
# icon and AppStream data to ~/.local/share. The data (the encrypted store) lives in
# ${XDG_DATA_HOME:-~/.local/share}/leftbehind-desktop and is never touched by an upgrade or a
# plain uninstall.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=cn.gov.leftbehind.desktop
PREFIX=${LEFTBEHIND_PREFIX:-$HOME/.local}
OPT="$PREFIX/opt/leftbehind-desktop"
BIN="$PREFIX/bin"
SHARE="$PREFIX/share"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}/leftbehind-desktop"

say() { printf '%s\n' "$*"; }

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
}

uninstall() {
  rm -rf "$OPT" "$OPT.old" "$OPT.new"
  for b in leftbehind-desktop leftbehind; do
    if [ -L "$BIN/$b" ]; then rm -f "$BIN/$b"; fi
  done
  rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  find "$SHARE/icons/hicolor" -name "$APP_ID.png" -o -name "$APP_ID.svg" 2>/dev/null | while read -r f; do rm -f "$f"; done
  refresh_caches
  say "已卸载程序。/ The program was removed."
  if [ "${1:-}" = "--purge" ]; then
    if [ -d "$DATA" ]; then
      printf '确定要永久删除所有数据 %s 吗？输入 yes 确认 / Delete all data for good? Type yes: ' "$DATA"
      read -r answer
      if [ "$answer" = "yes" ]; then rm -rf "$DATA"; say "数据已删除。/ Data deleted."; else say "数据已保留。/ Data kept."; fi
    fi
  else
    [ -d "$DATA" ] && say "数据仍保存在 / Your data is kept in: $DATA"
  fi
}

install() {
  [ -x "$HERE/leftbehind-desktop/leftbehind-desktop" ] || { say "找不到程序文件 / bundle not found next to install.sh" >&2; exit 1; }
  mkdir -p "$PREFIX/opt" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
  # copy first, then swap: an interrupted upgrade leaves the old version working
  rm -rf "$OPT.new" "$OPT.old"
  cp -a "$HERE/leftbehind-desktop" "$OPT.new"
  if [ -d "$OPT" ]; then mv "$OPT" "$OPT.old"; fi
  mv "$OPT.new" "$OPT"
  rm -rf "$OPT.old"
  ln -sfn "$OPT/leftbehind-desktop" "$BIN/leftbehind-desktop"
  ln -sfn "$OPT/leftbehind" "$BIN/leftbehind"
  sed -e "s|^Exec=leftbehind-desktop|Exec=\"$OPT/leftbehind-desktop\"|" \
      -e "s|^TryExec=leftbehind-desktop|TryExec=$OPT/leftbehind-desktop|" \
      "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
  cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
  (cd "$HERE/share" && find icons -type f) | while read -r f; do
    mkdir -p "$SHARE/$(dirname "$f")"
    cp "$HERE/share/$f" "$SHARE/$f"
  done
  refresh_caches
  say "已安装到 / Installed in: $OPT"
  say "在应用菜单中打开“留守儿童信息管理”，或运行 / Start it from the menu, or run: $BIN/leftbehind-desktop"
  say "数据保存位置 / Data folder: $DATA"
}

case "${1:-}" in
  --uninstall) shift; uninstall "${1:-}" ;;
  ""|--install) install ;;
  *) say "usage: $0 [--uninstall [--purge]]" >&2; exit 2 ;;
esac
