#!/bin/sh
# Debian packages the test suite needs: Chromium for the renderer end-to-end tests,
# libsecret headers so keytar builds, gnome-keyring + D-Bus for the real OS keychain.
set -e
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  chromium libsecret-1-dev gnome-keyring dbus dbus-x11 python3 make g++ >/dev/null
echo "install-test-deps: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), gnome-keyring, dbus, libsecret ready"
