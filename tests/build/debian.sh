#!/bin/sh
# The Debian packaging (debian/) stays in step with the build: the package
# version is the release's, and everything `make install` puts in place is
# in the package. Building the .deb itself (dpkg-buildpackage -us -uc -b) is
# docs/install.md's recipe, too slow for make check.
. "$top_srcdir/tests/lib.sh"

version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")
deb=$(sed -n '1s/^yekuo (\([^)]*\)).*/\1/p' "$top_srcdir/debian/changelog")
is "${deb%%-*}" "$version" "debian/changelog's newest entry is version $version"
is "$(cat "$top_srcdir/debian/source/format")" "3.0 (native)" "a native package: debian/ lives upstream"

# what make install installs, relative to the prefix, is what the package ships
dest=$TEST_HOME/dest
make -C "$top_builddir" -s install DESTDIR="$dest" prefix=/usr >/dev/null 2>&1
is "$?" 0 "make install DESTDIR=… prefix=/usr"
for f in usr/bin/yekuo usr/share/man/man1/yekuo.1 usr/share/man/man5/yekuo-rules.5 \
	usr/share/yekuo/calendar/2026.cal usr/share/yekuo/rules/national-2025.rules \
	usr/share/doc/yekuo/README.md usr/share/locale/en/LC_MESSAGES/yekuo.mo; do
	ok "$([ -f "$dest/$f" ]; echo $?)" "installs /$f"
done
comp=$(find "$dest" -path '*/bash-completion/completions/yekuo' | sed "s|^$dest||")
contains "$comp" "/share/bash-completion/completions/yekuo" "installs the completion where bash-completion looks ($comp)"
make -C "$top_builddir" -s uninstall DESTDIR="$dest" prefix=/usr >/dev/null 2>&1
is "$(find "$dest" -type f | wc -l | tr -d ' ')" 0 "make uninstall leaves no file behind"

# debian/rules builds out of the tree and bootstraps; the docs it ships exist
ok "$(grep -q -- '--builddirectory=' "$top_srcdir/debian/rules"; echo $?)" "debian/rules builds out of the source tree"
while read -r pattern; do
	# shellcheck disable=SC2086
	set -- $top_srcdir/$pattern
	ok "$([ -e "$1" ]; echo $?)" "debian/yekuo.docs: $pattern exists"
done <"$top_srcdir/debian/yekuo.docs"

done_testing
