#!/bin/bash
# Entrypoint of fluxlab-local/gitea, with the behaviour of the official
# rootless image's: prepare HOME, the custom and temp dirs, then run the
# given command, or `gitea web` with $GITEA_APP_INI when there is none.
# (The official image also generates app.ini from GITEA__* variables when it
# is missing; fluxlab always provides a complete app.ini, so this does not.)
set -euo pipefail

mkdir -p "$HOME" "$GITEA_CUSTOM" "$GITEA_TEMP"
chmod 0700 "$HOME" "$GITEA_TEMP"
for d in "$HOME" "$GITEA_TEMP"; do
    [[ -w $d ]] || { echo "docker-entrypoint: $d is not writable by uid $(id -u)" >&2; exit 1; }
done
if [[ ! -f $GITEA_APP_INI ]]; then
    echo "docker-entrypoint: $GITEA_APP_INI is missing; Gitea starts its install page" >&2
elif [[ ! -w $GITEA_APP_INI && -w $(dirname "$GITEA_APP_INI") ]]; then
    # Copied in as another user (docker cp makes files root's): Gitea must be
    # able to write it to persist secrets it generates (JWT_SECRET, ...), so
    # take it over: a copy renamed over it in our own directory.
    cp "$GITEA_APP_INI" "$GITEA_APP_INI.tmp"
    mv -f "$GITEA_APP_INI.tmp" "$GITEA_APP_INI"
fi

if (($#)); then
    exec "$@"
fi
# exec: Gitea is PID 1 and gets docker stop's SIGTERM directly (it shuts
# down gracefully on it).
exec /usr/local/bin/gitea web --config "$GITEA_APP_INI"
