#!/bin/sh
# npm ci in web/: the npm packages of web/package-lock.json (the viewer's
# libraries, built into geopol, and the clients the tests load outputs in),
# each pinned by name, version and sha512. Run by the Makefile.
#
# Behind a proxy that re-signs TLS with a certificate this machine does not
# trust, npm cannot check the registry's certificate. Then, and only when
# every package of the lock has its sha512, npm ci runs again without that
# check, saying so: what it installs is still checked byte for byte against
# the lock, so a package cannot be swapped, but the registry is not
# authenticated. `npm config set cafile FILE` keeps the check on.
set -u
cd "$(dirname "$0")/../web" || exit 1
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
npm ci --no-audit --no-fund --loglevel=error 2>"$log" && exit 0
if grep -qi 'SELF_SIGNED_CERT_IN_CHAIN\|UNABLE_TO_GET_ISSUER_CERT\|self.signed certificate\|unable to get local issuer' "$log" &&
	node -e '
		const lock = require("./package-lock.json");
		const loose = Object.entries(lock.packages)
			.filter(([k, v]) => k !== "" && !v.link && !/^sha512-/.test(v.integrity || ""));
		process.exit(loose.length ? 1 : 0);'; then
	echo "geopol: npm cannot check the registry's TLS certificate (a proxy that re-signs TLS?);" \
		"installing without that check: every package is still checked against its sha512" \
		"in web/package-lock.json. To keep the check: npm config set cafile FILE." >&2
	npm ci --no-audit --no-fund --loglevel=error --strict-ssl=false && exit 0
fi
cat "$log" >&2
echo "geopol: npm ci failed in web/ (the packages of web/package-lock.json)." >&2
exit 1
