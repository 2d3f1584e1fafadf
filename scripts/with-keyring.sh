#!/bin/sh
# Runs a command with a Secret Service available, as the keychain tests need:
# reuses the session's D-Bus and keyring when there is one, otherwise starts a private
# D-Bus session with an unlocked gnome-keyring for the duration of the command.
set -e
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -n "${FEATHER_KEYRING_READY:-}" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install -y dbus gnome-keyring)." >&2
  exit 1
fi
export FEATHER_KEYRING_READY=1
exec dbus-run-session -- sh -c 'printf "feather-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' with-keyring "$@"
