#!/bin/sh
# Print the path of an unpacked Linux 6.1 tree from Debian's
# linux-source-6.1, unpacking it once into a cache shared by the
# conformance tests and the benchmarks ($GIT_BPF_KSRC_CACHE, default
# /var/tmp/git-bpf-ksrc).  Exit 1 with a message when the package is
# not installed.
set -e
tarball=/usr/src/linux-source-6.1.tar.xz
cache=${GIT_BPF_KSRC_CACHE:-/var/tmp/git-bpf-ksrc}
tree=$cache/linux-source-6.1
if ! test -f "$tarball"; then
	echo "error: '$tarball' is missing: apt-get install linux-source-6.1" >&2
	exit 1
fi
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if ! test -f "$tree/.unpacked"; then
	rm -rf "$tree"
	tar -C "$cache" -xJf "$tarball"
	touch "$tree/.unpacked"
fi
echo "$tree"
