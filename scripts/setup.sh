#!/usr/bin/env bash
# Set up Skillpath in ./.venv on Debian/Ubuntu (or any machine with python3 >= 3.11):
# installs the system libraries Qt needs when apt-get is there and they are missing,
# then creates the virtual environment and installs the project with its test extras.
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_LIBS="libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fonts-droid-fallback"
# a virtual X server: the GUI tests run on it (through pytest-xvfb) when it is there, and
# offscreen when it is not
X_TEST="xvfb xauth"

sudo_cmd=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi

if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
    need=""
    python3 -c "import venv, ensurepip" 2>/dev/null || need="python3-venv"
    for pkg in $QT_LIBS $X_TEST; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
    done
    if [ -n "$need" ]; then
        echo "Installing system packages:$need"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $need >/dev/null
    fi
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# The source folders core/ and desktop/ install as skillpath.core and skillpath.desktop.
# Tools that read folders instead of importing (mypy, PyInstaller) see them that way
# through these links.
mkdir -p .links/skillpath
ln -sfn ../../core .links/skillpath/core
ln -sfn ../../desktop .links/skillpath/desktop
echo "Skillpath is set up in .venv"
