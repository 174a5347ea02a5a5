#!/bin/sh
# Add Skillpath to the Linux application menu, for the current user only (no root needed):
# copies resources/skillpath.desktop into ~/.local/share/applications, with Exec pointing
# at the program, and resources/icons/skillpath.svg into
# ~/.local/share/icons/hicolor/scalable/apps. Honours $XDG_DATA_HOME.
#
#   scripts/install-desktop-entry.sh [PROGRAM]   # default: the bundle this script came in,
#                                                # else .venv/bin/skillpath of the source tree
#   scripts/install-desktop-entry.sh --uninstall
#
# Works from a source tree (scripts/ beside resources/) and from a one-folder bundle,
# which carries this script as skillpath/_internal/scripts/install-desktop-entry.sh.
# Desktops watch these folders: the menu entry shows up within seconds, no cache to update.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$data/applications/skillpath.desktop"
icon="$data/icons/hicolor/scalable/apps/skillpath.svg"

case "${1:-}" in
    -h|--help)
        sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    --uninstall)
        rm -f "$entry" "$icon"
        echo "Removed $entry and $icon"
        exit 0
        ;;
esac

if [ $# -gt 1 ]; then
    echo "install-desktop-entry.sh: give at most one program path (see --help)" >&2
    exit 2
fi
if [ $# -eq 1 ]; then
    program=$1
elif [ "$(basename "$here")" = "_internal" ] && [ -x "$here/../skillpath" ]; then
    program="$here/../skillpath"
else
    program="$here/.venv/bin/skillpath"
fi
if [ ! -f "$program" ] || [ ! -x "$program" ]; then
    echo "install-desktop-entry.sh: $program is not an executable file; pass the path of" \
        "the skillpath program (the bundle's skillpath/skillpath, or run scripts/setup.sh)" >&2
    exit 2
fi
program=$(cd "$(dirname "$program")" && pwd)/$(basename "$program")

# Exec's value is quoted (spaces in the path) with ", `, $ and \ escaped, % doubled, then
# every \ escaped again as in any string value, as the Desktop Entry Specification asks;
# TryExec is a plain string value.
quoted=$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\&/g' -e 's/%/%%/g' -e 's/\\/\\\\/g')
plain=$(printf '%s' "$program" | sed -e 's/\\/\\\\/g')
mkdir -p "$(dirname "$entry")" "$(dirname "$icon")"
cp "$here/resources/icons/skillpath.svg" "$icon"
tmp="$entry.tmp.$$"
trap 'rm -f "$tmp"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        Exec=*) printf 'TryExec=%s\nExec="%s"\n' "$plain" "$quoted" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$here/resources/skillpath.desktop" >"$tmp"
mv "$tmp" "$entry"
echo "Installed $entry (runs $program) and $icon"
