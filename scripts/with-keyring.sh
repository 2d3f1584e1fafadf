#!/bin/sh
# Runs a command with a private, unlocked Secret Service (gnome-keyring in its own D-Bus
# session), as the keychain tests need. A user's own keyring is never touched.
set -e
if [ -n "${FEATHER_KEYRING_READY:-}" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (scripts/install-test-deps.sh installs them)." >&2
  exit 1
fi
export FEATHER_KEYRING_READY=1
exec dbus-run-session -- sh -c 'printf "feather-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' with-keyring "$@"
