#!/usr/bin/env python3
# bench/mkfixture.py: build the kernel-sized benchmark repository from an
# unpacked Linux 6.1 tree with one git fast-import stream.
#
# The repository: the tree as commit "Linux 6.1" tagged v6.1; a generated
# linear mainline of --commits commits (small edits to real files, a few
# hundred authors, component prefixes, Fixes: tags naming earlier commits)
# with release tags v6.2-rc1 ... v6.8; remote-tracking origin/master
# (torvalds/linux.git), bpf/master and bpf-next/master; six stable
# branches stable/linux-6.2.y ... linux-6.7.y holding backports with
# "commit <sha> upstream." lines; a 15-patch bpf-next series (branch
# series-next) and a 3-patch bpf fix series (branch series-fix).
# Everything is derived from --seed, so a rebuild gives the same objects.
# A JSON description of what the benchmarks need is written to
# DIR/.git/bench-fixture.json.

import argparse
import bisect
import collections
import json
import os
import random
import re
import subprocess
import sys
import textwrap
import threading
import time

GEN_VERSION = 1

FIRST = ("Alan Alexandra Andrii Anna Arnd Benjamin Bjorn Carlos Chen Chris "
	 "Christoph Claire Daniel David Dmitry Eduard Elena Emil Eric Fatima "
	 "Florian Gao Geert Hannes Hao Ilya Ingrid Ivan Jakob Jan Jesper Jiri "
	 "John Jonas Jose Julia Kai Kees Kumar Lars Lei Leon Li Lorenz Lucas "
	 "Maciej Magnus Marco Maria Martin Matthieu Maxim Mei Michal Ming Nadia "
	 "Naveen Nikolay Olga Oliver Paolo Pavel Pedro Peter Priya Quentin Rafael "
	 "Ravi Rong Sahil Sandeep Sara Sergey Shung Simon Song Stanislav Stefan "
	 "Takashi Tejun Thomas Toke Vadim Victor Wei Xin Yafang Yonghong Yuki "
	 "Zhen").split()
FIRST_U = ["Jos\u00e9", "J\u00fcrgen", "\u0141ukasz", "Bj\u00f6rn",
	   "Ren\u00e9", "Fran\u00e7ois", "Zo\u00eb", "S\u00f8ren"]
LAST = ("Abbott Agarwal Andersen Bauer Becker Borkowski Brandt Castillo Chang "
	"Costa Dahl Dubois Eriksson Fischer Fontaine Garcia Gonzalez Gupta "
	"Hansen Hartmann Hoffmann Huang Ivanov Jensen Kato Keller Kim Klein "
	"Kowalski Kumar Lang Larsen Lehmann Lindqvist Liu Lopez Marchetti Meyer "
	"Moreau Nakamura Nguyen Novak Olsen Ortiz Park Petrov Popescu Qian Rao "
	"Reddy Richter Romano Rossi Sato Schmidt Schneider Sharma Silva Singh "
	"Smirnov Sorensen Suzuki Tanaka Thompson Varga Vogel Wagner Walsh Wang "
	"Weber Wolf Wu Xu Yamamoto Yang Zhang Zhao Zhou Zimmermann").split()
LAST_U = ["M\u00fcller", "Gr\u00f8nlund", "Wi\u015bniewski", "Jim\u00e9nez",
	  "H\u00e4m\u00e4l\u00e4inen", "Dvo\u0159\u00e1k"]
DOMAINS = (["kernel.org"] * 3 + ["gmail.com"] * 4 + ["redhat.com"] * 3 +
	   ["intel.com"] * 3 + ["google.com"] * 2 + ["meta.com"] * 2 +
	   ["linaro.org", "suse.de", "suse.com", "huawei.com", "nvidia.com",
	    "amd.com", "oracle.com", "isovalent.com", "linux.ibm.com",
	    "arm.com", "bytedance.com", "microsoft.com", "collabora.com",
	    "bootlin.com", "pengutronix.de", "samsung.com", "qualcomm.com"])

LINUS = ("Linus Torvalds", "torvalds@linux-foundation.org")
GREG = ("Greg Kroah-Hartman", "gregkh@linuxfoundation.org")
SASHA = ("Sasha Levin", "sashal@kernel.org")

PROBLEMS = ["NULL pointer dereference", "use-after-free", "memory leak",
	    "refcount leak", "race", "out-of-bounds access", "deadlock",
	    "integer overflow", "off-by-one", "uninitialized variable",
	    "missing unlock on error path", "wrong error code",
	    "signedness bug", "double free", "stale pointer"]
CHANGES = ["Use {f}() consistently", "Remove unused variable in {f}()",
	   "Simplify error handling in {f}()", "Add missing kernel-doc for {f}()",
	   "Convert {f}() to use guard()", "Drop redundant check in {f}()",
	   "Make {f}() static", "Use kcalloc() in {f}()",
	   "Clean up {f}()", "Add tracepoint to {f}()",
	   "Constify arguments of {f}()", "Move {f}() under CONFIG guard",
	   "Switch {f}() to dev_err_probe()", "Annotate {f}() with __must_check",
	   "Reduce stack usage of {f}()", "Rename local variables in {f}()"]
WORDS = ("the a this that path code value state buffer lock reference "
	 "caller callee pointer helper table entry object list queue device "
	 "driver context error later early when before after so because "
	 "which is was not can may must only always never".split())
SENT = ["{f}() can be called with {x} not yet set up, so the {y} is read "
	"before it is initialised.",
	"Since the conversion to the new API, {f}() no longer takes the {y} "
	"lock before walking the {x} list.",
	"Nothing uses {x} any more since {f}() was reworked, so drop it.",
	"This keeps the {y} handling in one place and makes {f}() easier to "
	"follow.",
	"The error path of {f}() returns without releasing the {x}, which "
	"leaks it on every failed call.",
	"Found by code inspection while looking at {f}().",
	"No functional change intended.",
	"syzbot reported a splat in {f}() when the {x} is torn down while "
	"{y} is still in flight.",
	"Make the {x} handling match what the rest of the {y} code does."]

# Component prefixes from paths, longest first.
PREFIXES = [
	("tools/testing/selftests/bpf/", "selftests/bpf: "),
	("tools/lib/bpf/", "libbpf: "),
	("tools/bpf/bpftool/", "bpftool: "),
	("kernel/bpf/", "bpf: "),
	("include/uapi/linux/bpf", "bpf: "),
	("include/linux/bpf", "bpf: "),
	("net/core/filter.c", "bpf: "),
	("net/core/", "net: "),
	("net/sched/", "net/sched: "),
	("net/ipv4/tcp", "tcp: "),
	("net/ipv4/", "ipv4: "),
	("net/ipv6/", "ipv6: "),
	("net/xdp/", "xsk: "),
	("drivers/net/ethernet/mellanox/mlx5/", "net/mlx5e: "),
	("drivers/gpu/drm/amd/", "drm/amdgpu: "),
	("drivers/gpu/drm/i915/", "drm/i915: "),
	("drivers/scsi/", "scsi: "),
	("drivers/usb/", "usb: "),
	("sound/soc/", "ASoC: "),
	("sound/", "ALSA: "),
	("arch/x86/", "x86: "),
	("arch/arm64/", "arm64: "),
	("arch/arm/boot/dts/", "ARM: dts: "),
	("kernel/trace/", "tracing: "),
	("kernel/sched/", "sched: "),
	("mm/", "mm: "),
	("Documentation/", "docs: "),
	("tools/perf/", "perf tools: "),
	("crypto/", "crypto: "),
	("scripts/", "scripts: "),
	("lib/", "lib: "),
]
BPF_DIRS = ["kernel/bpf/", "tools/lib/bpf/", "tools/testing/selftests/bpf/",
	    "net/core/", "tools/bpf/", "include/uapi/linux/bpf.h",
	    "include/linux/bpf.h", "net/xdp/"]
TEXT_EXT = (".c", ".h", ".rst", ".txt", ".S", ".dts", ".dtsi", ".sh",
	    ".py", ".yaml", ".json")
RELEASES = [2, 3, 4, 5, 6, 7, 8]
STABLE = [2, 3, 4, 5, 6, 7]


def prefix_of(path):
	for p, pre in PREFIXES:
		if path.startswith(p):
			return pre
	parts = path.split("/")
	if len(parts) >= 3 and parts[0] in ("drivers", "fs", "net", "arch",
					     "kernel", "sound", "security"):
		name = parts[-2] if len(parts) > 3 else parts[1]
		return name + ": "
	if len(parts) == 2:
		return parts[0] + ": "
	if len(parts) > 2:
		return parts[1] + ": "
	return os.path.splitext(path)[0] + ": "


def cquote(path):
	"""A path as fast-import reads it: C-quoted when it needs to be."""
	if all(32 < c < 127 and c != 0x22 and c != 0x5c for c in path):
		return path
	out = bytearray(b'"')
	for c in path:
		if c == 0x22 or c == 0x5c:
			out += b"\\" + bytes([c])
		elif 32 <= c < 127:
			out.append(c)
		else:
			out += b"\\%03o" % c
	out += b'"'
	return bytes(out)


def ident(name, email):
	return "%s <%s>" % (name, email)


class Stream:
	"""The fast-import process, its input and the get-mark answers."""

	def __init__(self, repo):
		rfd, wfd = os.pipe()
		self.proc = subprocess.Popen(
			["git", "-C", repo, "fast-import", "--quiet", "--done",
			 "--cat-blob-fd=%d" % wfd],
			stdin=subprocess.PIPE, pass_fds=(wfd,), bufsize=1 << 20)
		os.close(wfd)
		self.out = self.proc.stdin
		self.answers = []
		self.cond = threading.Condition()
		self.reader = threading.Thread(target=self._read, args=(rfd,),
					       daemon=True)
		self.reader.start()
		self.asked = 0
		self.w(b"feature done\nfeature get-mark\n")

	def _read(self, rfd):
		with os.fdopen(rfd, "rb") as f:
			for line in f:
				with self.cond:
					self.answers.append(
						line.strip().decode())
					self.cond.notify_all()

	def w(self, data):
		self.out.write(data)

	def data(self, blob):
		self.out.write(b"data %d\n" % len(blob))
		self.out.write(blob)
		self.out.write(b"\n")

	def ask(self, mark):
		"""Ask for the object id of mark; answers come in order."""
		self.w(b"get-mark :%d\n" % mark)
		self.asked += 1
		return self.asked - 1

	def answer(self, n):
		with self.cond:
			if len(self.answers) <= n:
				self.out.flush()
			while len(self.answers) <= n:
				self.cond.wait(1)
				if self.proc.poll() is not None and \
				   len(self.answers) <= n:
					raise SystemExit(
						"error: git fast-import died")
			return self.answers[n]

	def finish(self):
		self.w(b"done\n")
		self.out.close()
		rc = self.proc.wait()
		self.reader.join()
		if rc:
			raise SystemExit("error: git fast-import failed (%d)" % rc)


class Fixture:
	def __init__(self, args):
		self.a = args
		self.rng = random.Random(args.seed)
		self.src = args.src
		self.orig_cache = {}
		self.cur = collections.OrderedDict()	# path -> mainline bytes
		self.edits = collections.defaultdict(list)	# path -> [(idx, edit)]
		self.commits = []	# mainline: dict per commit
		self.by_file = collections.defaultdict(list)
		self.marks = {}		# commit index -> get-mark answer number

	# ---- the source tree ----

	def scan(self):
		files = []
		subset = self.a.subset
		for root, dirs, names in os.walk(self.src):
			dirs[:] = sorted(d for d in dirs if d != ".git")
			rel = os.path.relpath(root, self.src)
			rel = "" if rel == "." else rel + "/"
			for n in names:
				p = rel + n
				if p == ".unpacked" or p.startswith("debian/"):
					continue
				if subset and not any(p.startswith(s)
						      for s in subset):
					continue
				files.append(p)
		files.sort()
		self.files = files
		self.fileset = set(files)
		pool, bpf = [], []
		for p in files:
			full = os.path.join(self.src, p)
			if os.path.islink(full):
				continue
			base = os.path.basename(p)
			if not (p.endswith(TEXT_EXT) or base in
				("Kconfig", "Makefile")):
				continue
			size = os.path.getsize(full)
			if size == 0:
				continue
			if any(p.startswith(d) for d in BPF_DIRS):
				if size < 600000:
					bpf.append(p)
			elif size < 32768:
				pool.append(p)
		self.pool = pool or bpf
		self.bpf = bpf or pool

	def original(self, path):
		data = self.orig_cache.get(path)
		if data is None:
			with open(os.path.join(self.src, path), "rb") as f:
				data = f.read()
			if len(self.orig_cache) > 4000:
				self.orig_cache.clear()
			self.orig_cache[path] = data
		return data

	def mainline(self, path):
		data = self.cur.get(path)
		if data is not None:
			self.cur.move_to_end(path)
			return data
		lines = self.original(path).split(b"\n")
		for _, e in self.edits[path]:
			apply_edit(lines, e)
		data = b"\n".join(lines)
		self.set_mainline(path, data)
		return data

	def set_mainline(self, path, data):
		self.cur[path] = data
		self.cur.move_to_end(path)
		if len(self.cur) > 3000:
			self.cur.popitem(last=False)

	def content_at(self, path, idx):
		"""The file as mainline commit idx left it."""
		lines = self.original(path).split(b"\n")
		for i, e in self.edits[path]:
			if i > idx:
				break
			apply_edit(lines, e)
		return lines

	# ---- people ----

	def people(self):
		rng = self.rng
		seen, people = set(), []
		while len(people) < self.a.authors:
			first = rng.choice(FIRST_U if rng.random() < 0.05
					   else FIRST)
			last = rng.choice(LAST_U if rng.random() < 0.05 else LAST)
			if (first, last) in seen:
				continue
			seen.add((first, last))
			local = (first[0] + last if rng.random() < 0.4 else
				 first + "." + last).lower()
			local = local.encode("ascii", "ignore").decode()
			people.append(("%s %s" % (first, last),
				       "%s@%s" % (local, rng.choice(DOMAINS))))
		self.authors = people
		# prolific authors first: a Zipf-like weight
		self.author_w = list(_cumulative([1.0 / (i + 3)
						  for i in range(len(people))]))
		self.maintainers = people[:40]

	def pick_author(self):
		r = self.rng.random() * self.author_w[-1]
		return self.authors[bisect.bisect(self.author_w, r)]

	def maintainer_of(self, path):
		return self.maintainers[hash_str(path.split("/")[0] +
				(path.split("/") + [""])[1]) % 40]

	# ---- commits ----

	def plan(self):
		n = self.a.commits
		per = n / 7.0
		tags = {}
		for k, r in enumerate(RELEASES):
			start = int(k * per)
			span = per * (0.98 if r == 8 else 1.0)
			rc1 = start + int(span * 0.85)
			tags[rc1] = ("v6.%d-rc1" % r, r, 1)
			for rc in range(2, 8):
				tags[rc1 + int((span * 0.15) * (rc - 1) / 7)] = \
					("v6.%d-rc%d" % (r, rc), r, rc)
			tags[start + int(span) - 1] = ("v6.%d" % r, r, 0)
		self.tag_at = tags
		self.release_idx = {v[0]: k for k, v in tags.items()}
		# five BPF fixes near the end for stable-request, each naming a
		# bug introduced at a chosen release
		rel = self.release_idx
		bug_after = ["v6.1", "v6.3", "v6.5", "v6.1", "v6.6"]
		self.forced = {}
		self.request = []
		p = int(per)
		off, step = min(50, p // 100), min(37, p // 200 + 1)
		fstep = min(23, p // 500 + 1)
		base = rel["v6.8-rc1"] - min(200, p // 20)
		for k, after in enumerate(bug_after):
			lo = 1 if after == "v6.1" else rel[after] + 1
			bug = lo + off + step * k
			fix = base + fstep * k
			while bug in tags:
				bug += 1
			while fix in tags:
				fix += 1
			path = ["kernel/bpf/verifier.c", "kernel/bpf/syscall.c",
				"kernel/bpf/btf.c", "kernel/bpf/helpers.c",
				"kernel/bpf/core.c"][k]
			if path not in self.bpf:
				path = self.bpf[k % len(self.bpf)]
			self.forced[bug] = {"path": path}
			self.forced[fix] = {"path": path, "fixes": bug,
					    "fix": True}
			self.request.append(fix)
		# where those five are backported already (stable release
		# number -> kinds): the rest of the affected branches lack it
		self.request_backports = {
			0: {7: "upstream", 6: "upstream"},
			1: {},
			2: {7: "bracket"},
			3: {5: "patch-id", 7: "upstream", 6: "upstream"},
			4: {},
		}

	def make_edit(self, path, lines):
		rng = self.rng
		n = len(lines)
		cand = []
		is_c = path.endswith((".c", ".h"))
		if is_c:
			for _ in range(12):
				i = rng.randrange(1, max(2, n))
				if i < n and lines[i - 1].startswith(b"\t") and \
				   lines[i - 1].rstrip().endswith(b";"):
					cand.append(i)
					break
		pos = cand[0] if cand else rng.randrange(0, n + 1)
		prev = lines[pos - 1] if pos > 0 and pos - 1 < n else b""
		indent = re.match(rb"\s*", prev).group(0) or b"\t"
		words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))
		if is_c:
			kind = rng.random()
			if kind < 0.5:
				new = [indent + b"/* " + words.encode() + b" */"]
			elif kind < 0.8:
				v = rng.choice([b"ret", b"err", b"i", b"len", b"flags"])
				new = [indent + b"if (unlikely(!" + v + b"))",
				       indent + b"\treturn -EINVAL;"]
			else:
				new = [indent + b"WARN_ON_ONCE(" + words.split()[0].encode() +
				       b"_busy);"]
		elif path.endswith((".rst", ".txt")):
			new = [b"", textwrap.fill(words.capitalize() + ".").encode()]
		elif path.endswith((".dts", ".dtsi")):
			new = [indent + b"/* " + words.encode() + b" */"]
		else:
			new = [b"# " + words.encode()]
		return (pos, prev, new)

	def funcs(self, data):
		m = re.findall(rb"^(?:static |int |void |bool |struct \w+ \*?)"
			       rb"[\w \*]*?\b(\w+)\(", data[:40000], re.M)
		return [x.decode("latin-1") for x in m] or None

	def message(self, path, data, fixes=None, fix=False):
		rng = self.rng
		fs = self.funcs(data) if path.endswith((".c", ".h")) else None
		pre = prefix_of(path)
		if fs:
			f = rng.choice(fs)
			if fixes is not None or fix:
				subj = "Fix %s in %s()" % (rng.choice(PROBLEMS), f)
			else:
				subj = rng.choice(CHANGES).format(f=f)
		else:
			f = os.path.basename(path)
			subj = rng.choice(["Fix typo in %s", "Update %s",
					   "Add missing entry to %s",
					   "Remove stale comment from %s"]) % f
		subj = pre + subj[0].upper() + subj[1:]
		sents = rng.sample(SENT, rng.randint(2, 4))
		paras = [sents[:2], sents[2:]] if len(sents) > 2 else [sents]
		body = []
		for para in paras:
			text = " ".join(x.format(f=f, x=rng.choice(WORDS[:17]),
						 y=rng.choice(WORDS[:17]))
					for x in para)
			body.append(textwrap.fill(text, 72))
		return subj, "\n\n".join(body)

	def commit_text(self, subj, body, trailers):
		return ("%s\n\n%s\n\n%s\n" % (subj, body, "\n".join(trailers))
			).encode()

	def emit_commit(self, s, ref, mark, author, adate, committer, cdate,
			msg, changes, parent=None):
		s.w(b"commit %s\nmark :%d\n" % (ref.encode(), mark))
		s.w(b"author %s %d +0000\n" % (ident(*author).encode(), adate))
		s.w(b"committer %s %d +0000\n" % (ident(*committer).encode(),
						  cdate))
		s.data(msg)
		if parent is not None:
			s.w(b"from :%d\n" % parent)
		for path, data in changes:
			s.w(b"M 100644 inline %s\n" % cquote(path.encode()))
			s.data(data)
		s.w(b"\n")

	def build(self):
		a = self.a
		t0 = time.time()
		self.scan()
		self.people()
		self.plan()
		s = Stream(a.dir)
		self.s = s
		log("tree: %d files, %d in the edit pool, %d BPF" %
		    (len(self.files), len(self.pool), len(self.bpf)))
		# v6.1
		d0 = 1670796900
		s.w(b"commit refs/heads/master\nmark :1\n")
		s.w(b"author %s %d -0800\ncommitter %s %d -0800\n" %
		    (ident(*LINUS).encode(), d0, ident(*LINUS).encode(), d0))
		s.data(b"Linux 6.1\n")
		for p in self.files:
			full = os.path.join(self.src, p)
			bp = cquote(p.encode())
			if os.path.islink(full):
				s.w(b"M 120000 inline %s\n" % bp)
				s.data(os.fsencode(os.readlink(full)))
				continue
			mode = b"100755" if os.access(full, os.X_OK) and \
				os.stat(full).st_mode & 0o100 else b"100644"
			with open(full, "rb") as f:
				data = f.read()
			s.w(b"M %s inline %s\n" % (mode, bp))
			s.data(data)
		s.w(b"\n")
		self.tag(s, "v6.1", 1, d0, "Linux 6.1")
		self.marks[0] = s.ask(1)
		log("v6.1 streamed (%.0fs)" % (time.time() - t0))
		self.mainline_history(s)
		log("mainline streamed (%.0fs)" % (time.time() - t0))
		tip = len(self.commits)
		s.w(b"reset refs/remotes/origin/master\nfrom :%d\n\n" % (tip + 1))
		s.w(b"reset refs/heads/master\nfrom :%d\n\n" % (tip + 1))
		self.stable_branches(s)
		log("stable branches streamed (%.0fs)" % (time.time() - t0))
		self.trees_and_series(s)
		s.finish()
		log("fast-import done (%.0fs)" % (time.time() - t0))
		self.finish_repo()
		log("fixture ready (%.0fs)" % (time.time() - t0))

	def tag(self, s, name, mark, date, msg, who=LINUS):
		s.w(b"tag %s\nfrom :%d\ntagger %s %d -0800\n" %
		    (name.encode(), mark, ident(*who).encode(), date))
		s.data(msg.encode() + b"\n")

	def date_of(self, i):
		n = self.a.commits
		return int(1670796900 + (1711300000 - 1670796900) * (i + 1) / n)

	def mainline_history(self, s):
		rng = self.rng
		n = self.a.commits
		last_path = None
		for i in range(1, n + 1):
			mark = i + 1
			cdate = self.date_of(i)
			if i in self.tag_at:
				name, r, rc = self.tag_at[i]
				mf = self.mainline("Makefile").split(b"\n")
				e = ("mk", r, b"-rc%d" % rc if rc else b"")
				apply_edit(mf, e)
				self.edits["Makefile"].append((i, e))
				data = b"\n".join(mf)
				self.set_mainline("Makefile", data)
				title = "Linux " + name[1:]
				self.emit_commit(s, "refs/heads/master", mark, LINUS,
						 cdate, LINUS, cdate,
						 title.encode() + b"\n",
						 [("Makefile", data)], None)
				self.tag(s, name, mark, cdate, title)
				self.commits.append({"subject": title,
						     "path": "Makefile",
						     "edit": None})
				self.marks[i] = s.ask(mark)
				continue
			forced = self.forced.get(i, {})
			if "path" in forced:
				path = forced["path"]
			elif last_path and rng.random() < 0.3:
				path = last_path
			elif rng.random() < 0.08:
				path = rng.choice(self.bpf)
			else:
				path = rng.choice(self.pool)
			last_path = path
			data = self.mainline(path)
			lines = data.split(b"\n")
			edit = self.make_edit(path, lines)
			fixes = forced.get("fixes")
			gap = min(2000, n // 50)
			if fixes is None and not forced and i > 2 * gap and \
			   rng.random() < 0.08:
				older = [j for j in self.by_file[path][-20:]
					 if j < i - gap and j not in self.tag_at]
				fixes = rng.choice(older) if older else \
					rng.randrange(max(1, i - 15 * gap), i - gap)
				if fixes in self.tag_at:
					fixes -= 1
			author = self.pick_author()
			subj, body = self.message(path, data, fixes,
						  forced.get("fix", False))
			tr = []
			if fixes is not None:
				fsha = s.answer(self.marks[fixes])
				tr.append('Fixes: %s ("%s")' %
					  (fsha[:12], self.commits[fixes - 1]["subject"]))
				if rng.random() < 0.3 and not forced:
					tr.append("Cc: stable@vger.kernel.org")
			if rng.random() < 0.2:
				tr.append("Reported-by: %s" % ident(*self.pick_author()))
			tr.append("Signed-off-by: %s" % ident(*author))
			if rng.random() < 0.3:
				tr.append("Reviewed-by: %s" % ident(*self.pick_author()))
			if rng.random() < 0.15:
				tr.append("Acked-by: %s" % ident(*self.pick_author()))
			tr.append("Link: https://lore.kernel.org/r/%d%06d.%d-%d-%s" %
				  (20230000 + i // 1000, i, rng.randrange(1000),
				   rng.randint(1, 9), author[1]))
			committer = self.maintainer_of(path)
			if committer != author:
				tr.append("Signed-off-by: %s" % ident(*committer))
			msg = self.commit_text(subj, body, tr)
			apply_edit(lines, edit)
			data = b"\n".join(lines)
			self.set_mainline(path, data)
			self.edits[path].append((i, edit))
			self.by_file[path].append(i)
			adate = cdate - rng.randrange(3600, 86400 * 20)
			self.emit_commit(s, "refs/heads/master", mark, author, adate,
					 committer, cdate, msg, [(path, data)], None)
			self.commits.append({"subject": subj, "path": path,
					     "edit": edit, "fixes": fixes,
					     "msg": msg if fixes else None,
					     "author": author, "adate": adate})
			self.marks[i] = s.ask(mark)
			if i % 20000 == 0:
				log("  %d commits" % i)

	def stable_branches(self, s):
		rng = self.rng
		self.next_mark = len(self.commits) + 100
		self.stable_tips = {}
		req = {fix: k for k, fix in enumerate(self.request)}
		for r in STABLE:
			bp = self.release_idx["v6.%d" % r]
			parent = bp + 1
			files = {}
			sub = 0
			count = 0
			branch = "refs/remotes/stable/linux-6.%d.y" % r
			for i in range(bp + 1, len(self.commits) + 1):
				c = self.commits[i - 1]
				fx = c.get("fixes")
				if fx is None or fx >= bp:
					continue
				if i in req:
					kind = self.request_backports[req[i]].get(r)
					if kind is None:
						continue
				else:
					if rng.random() >= 0.6:
						continue
					kind = "upstream" if rng.random() < 0.8 else \
						"bracket" if rng.random() < 0.8 else \
						"patch-id"
				path = c["path"]
				lines = files.get(path)
				if lines is None:
					lines = self.content_at(path, bp)
				lines = list(lines)
				reapply_edit(lines, c["edit"])
				files[path] = lines
				sha = s.answer(self.marks[i])
				msg = c["msg"].decode()
				subj, _, rest = msg.partition("\n\n")
				if kind == "upstream":
					msg = "%s\n\ncommit %s upstream.\n\n%s" % (
						subj, sha, rest)
				elif kind == "bracket":
					msg = "%s\n\n[ Upstream commit %s ]\n\n%s" % (
						subj, sha, rest)
				who = GREG if kind != "bracket" else SASHA
				msg = msg.rstrip("\n") + "\nSigned-off-by: %s\n" % \
					ident(*who)
				date = self.date_of(i) + rng.randrange(86400 * 3,
								      86400 * 30)
				self.next_mark += 1
				self.emit_commit(s, branch, self.next_mark, c["author"],
						 c["adate"], who, date, msg.encode(),
						 [(path, b"\n".join(lines))], parent)
				parent = self.next_mark
				count += 1
				if count % 60 == 0:
					sub += 1
					mf = files.get("Makefile") or \
						self.content_at("Makefile", bp)
					mf = list(mf)
					apply_edit(mf, ("mk", r, b"", sub))
					files["Makefile"] = mf
					self.next_mark += 1
					t = "Linux 6.%d.%d" % (r, sub)
					self.emit_commit(s, branch, self.next_mark, GREG,
							 date, GREG, date,
							 t.encode() + b"\n",
							 [("Makefile", b"\n".join(mf))],
							 parent)
					parent = self.next_mark
			if parent == bp + 1:
				s.w(b"reset %s\nfrom :%d\n\n" % (branch.encode(),
								 parent))
			self.stable_tips[r] = count
			log("  linux-6.%d.y: %d backports" % (r, count))

	def branch_commits(self, s, ref, parent, n, fixes_rate, pool_date):
		"""n small commits from the BPF pool on ref; returns last mark."""
		rng = self.rng
		files = {}
		tip = len(self.commits)
		for k in range(n):
			path = rng.choice(self.bpf)
			lines = files.get(path) or self.content_at(path, tip)
			lines = list(lines)
			edit = self.make_edit(path, lines)
			author = self.pick_author()
			fx = None
			if rng.random() < fixes_rate:
				older = [j for j in self.by_file[path] if j < tip - 100]
				fx = rng.choice(older) if older else None
			subj, body = self.message(path, b"\n".join(lines), fx)
			tr = []
			if fx is not None:
				tr.append('Fixes: %s ("%s")' % (
					s.answer(self.marks[fx])[:12],
					self.commits[fx - 1]["subject"]))
			tr.append("Signed-off-by: %s" % ident(*author))
			tr.append("Signed-off-by: %s" % ident(*self.maintainers[0]))
			apply_edit(lines, edit)
			files[path] = lines
			self.next_mark += 1
			d = pool_date + 600 * k
			self.emit_commit(s, ref, self.next_mark, author, d - 7200,
					 self.maintainers[0], d,
					 self.commit_text(subj, body, tr),
					 [(path, b"\n".join(lines))], parent)
			parent = self.next_mark
		return parent, files

	def trees_and_series(self, s):
		tip = len(self.commits) + 1
		d = self.date_of(len(self.commits)) + 3600
		nb = max(3, self.a.commits // 5000)
		bpf_tip, bpf_files = self.branch_commits(
			s, "refs/remotes/bpf/master", tip, nb, 0.7, d)
		next_tip, next_files = self.branch_commits(
			s, "refs/remotes/bpf-next/master", tip, nb * 8, 0.05, d)
		info = {"version": GEN_VERSION, "commits": self.a.commits,
			"seed": self.a.seed}
		# the series
		dev = ("Jane Developer", "jane@example.org")
		self.dev = dev
		d2 = d + 86400 * 3
		series = series_next(self, next_files)
		m = next_tip
		for k, (subj, body, changes) in enumerate(series):
			self.next_mark += 1
			msg = "%s\n\n%s\n\nSigned-off-by: %s\n" % (subj, body,
								  ident(*dev))
			self.emit_commit(s, "refs/heads/series-next", self.next_mark,
					 dev, d2 + 60 * k, dev, d2 + 60 * k,
					 msg.encode(), changes, m)
			m = self.next_mark
		fixes = series_fix(self, bpf_files)
		m = bpf_tip
		for k, (subj, body, changes, fx) in enumerate(fixes):
			self.next_mark += 1
			fsha = s.answer(self.marks[fx])
			msg = "%s\n\n%s\n\nFixes: %s (\"%s\")\nSigned-off-by: %s\n" % (
				subj, body, fsha[:12], self.commits[fx - 1]["subject"],
				ident(*dev))
			self.emit_commit(s, "refs/heads/series-fix", self.next_mark,
					 dev, d2 + 60 * k, dev, d2 + 60 * k,
					 msg.encode(), changes, m)
			m = self.next_mark
		info["request"] = [s.answer(self.marks[i]) for i in self.request]
		info["request_subjects"] = [self.commits[i - 1]["subject"]
					    for i in self.request]
		info["request_fixes"] = [s.answer(self.marks[self.forced[i]["fixes"]])
					 for i in self.request]
		info["stable_backports"] = {"linux-6.%d.y" % r: c for r, c in
					    self.stable_tips.items()}
		self.info = info

	def finish_repo(self):
		a = self.a
		g = lambda *args: subprocess.run(["git", "-C", a.dir] + list(args),
						 check=True)
		base = "https://git.kernel.org/pub/scm/linux/kernel/git/"
		for name, url in (("origin", "torvalds/linux.git"),
				  ("bpf", "bpf/bpf.git"),
				  ("bpf-next", "bpf/bpf-next.git"),
				  ("stable", "stable/linux.git")):
			g("config", "remote.%s.url" % name, base + url)
			g("config", "remote.%s.fetch" % name,
			  "+refs/heads/*:refs/remotes/%s/*" % name)
		for br, rem in (("master", "origin"), ("series-next", "bpf-next"),
				("series-fix", "bpf")):
			g("config", "branch.%s.remote" % br, rem)
			g("config", "branch.%s.merge" % br, "refs/heads/master")
		g("config", "branch.series-next.description",
		  SERIES_NEXT_COVER)
		g("config", "branch.series-fix.description", SERIES_FIX_COVER)
		g("config", "user.name", self.dev[0])
		g("config", "user.email", self.dev[1])
		g("config", "core.abbrev", "12")
		g("config", "gc.auto", "0")
		g("symbolic-ref", "HEAD", "refs/heads/series-next")
		log("checking out the work tree")
		g("checkout", "-q", "-f", "series-next")
		# fast-import stores each new version of a tree or file as a
		# delta against the old one, so the tip sits at the end of
		# chains 50 deep, which no clone has; pack-objects orders by
		# recency, as the packs users fetch are
		log("repacking as a clone would be packed")
		g("-c", "pack.threads=2", "repack", "-a", "-d", "-f", "-q",
		  "--window=4", "--depth=50")
		log("writing the commit-graph")
		g("commit-graph", "write", "--reachable")
		out = subprocess.run(["git", "-C", a.dir, "count-objects", "-v"],
				     capture_output=True, text=True).stdout
		self.info["count_objects"] = out
		self.info["files"] = len(self.files)
		self.info["repacked"] = True
		self.info["authors"] = len(self.authors)
		with open(os.path.join(a.dir, ".git", "bench-fixture.json"),
			  "w") as f:
			json.dump(self.info, f, indent=1)


def apply_edit(lines, e):
	if e[0] == "mk":
		lines[:] = version_makefile(lines, *e[1:])
		return
	pos, _, new = e
	pos = min(pos, len(lines))
	lines[pos:pos] = new


def version_makefile(lines, patch, extra, sublevel=0):
	out = []
	for l in lines:
		if l.startswith(b"PATCHLEVEL = "):
			l = b"PATCHLEVEL = %d" % patch
		elif l.startswith(b"SUBLEVEL = "):
			l = b"SUBLEVEL = %d" % sublevel
		elif l.startswith(b"EXTRAVERSION ="):
			l = b"EXTRAVERSION =" + (b" " + extra if extra
						 else b"")
		out.append(l)
	return out


def reapply_edit(lines, e):
	"""Apply a mainline edit to an older copy of the file, as a backport:
	after the anchor line nearest to where mainline had it."""
	pos, anchor, new = e
	best = None
	if anchor:
		lo, hi = max(0, pos - 400), min(len(lines), pos + 400)
		for j in range(lo, hi):
			if lines[j] == anchor and (best is None or
						   abs(j + 1 - pos) < abs(best - pos)):
				best = j + 1
	if best is None:
		best = min(pos, len(lines))
	lines[best:best] = new


def _cumulative(ws):
	t = 0.0
	for w in ws:
		t += w
		yield t


def hash_str(s):
	h = 0
	for c in s.encode():
		h = (h * 131 + c) & 0xffffffff
	return h


def fail(msg):
	print("error: " + msg, file=sys.stderr)
	sys.exit(2)


def log(msg):
	print("mkfixture: " + msg, file=sys.stderr, flush=True)


SERIES_NEXT_COVER = """bpf: Track spilled scalars across calls

The verifier forgets the bounds of a scalar that was spilled to the
stack of the caller when the program calls a global function, so loops
bounded by such a value are rejected.  This series keeps the bounds,
teaches libbpf and bpftool to report the new verifier statistics,
and adds selftests for each case."""

SERIES_FIX_COVER = """bpf: Fix leaks on the error paths of map creation

Three fixes for error paths found by fault injection: a map id that is
never released, a BTF reference leaked when the value type is rejected,
and a socket reference held by a failed sk_storage clone."""


def new_func(name, body_lines, ret="int", args="struct bpf_verifier_env *env"):
	out = ["", "static %s %s(%s)" % (ret, name, args), "{"]
	out += ["\t" + l if l else "" for l in body_lines]
	out.append("}")
	return [l.encode() for l in out]


def insert_after_includes(lines, new):
	pos = 0
	for j, l in enumerate(lines[:400]):
		if l.startswith(b"#include"):
			pos = j + 1
	lines = list(lines)
	lines[pos:pos] = [b""] + new
	return lines


def series_next(fx, files):
	"""The 15-patch bpf-next series: (subject, body, [(path, data)])."""
	tip = len(fx.commits)
	cur = {}

	def get(path):
		if path in cur:
			return cur[path]
		if path in files:
			return list(files[path])
		if path in fx.fileset:
			return fx.content_at(path, tip)
		return []

	def change(path, new, where="includes"):
		lines = get(path)
		if not lines:
			lines = new + [b""]
		elif where == "end":
			lines = list(lines)
			while lines and lines[-1] == b"":
				lines.pop()
			lines += new + [b""]
		else:
			lines = insert_after_includes(lines, new)
		cur[path] = lines
		return (path, b"\n".join(lines))

	out = []
	wrap = lambda t: textwrap.fill(t, 72)

	def add(subj, body, *changes):
		out.append((subj, "\n\n".join(wrap(p) for p in body), list(changes)))

	v = "kernel/bpf/verifier.c"
	add("bpf: Keep scalar bounds of spilled registers across calls",
	    ["When a scalar is spilled to the caller's stack and the program "
	     "calls a global function, the verifier marks the slot as "
	     "STACK_MISC and forgets its bounds.  Loops bounded by such a "
	     "value are then rejected although they are safe.",
	     "Global functions cannot write to the caller's stack, so the "
	     "spilled value survives the call; keep it."],
	    change(v, new_func("spill_survives_call", [
		    "struct bpf_func_state *state = cur_func(env);", "",
		    "/* global callees cannot write to the caller's stack */",
		    "return state->callsite != BPF_MAIN_FUNC;"], "bool")))
	add("bpf: Factor out the stack slot copy of spilled scalars",
	    ["The code that copies a spilled register's state into a slot is "
	     "repeated in three places.  Move it to a helper so the next "
	     "patch changes it once."],
	    change(v, new_func("copy_spilled_scalar", [
		    "struct bpf_reg_state *src = &env->cur_state->frame[0]->regs[0];",
		    "", "if (src->type != SCALAR_VALUE)", "\treturn -EINVAL;",
		    "return 0;"])))
	add("bpf: Mark precise spilled scalars as read after calls",
	    ["Precision tracking walks back through the call and must see "
	     "the spilled slot as read, or it stops too early and prunes "
	     "states that differ in the spilled value."],
	    change(v, new_func("mark_spill_read_after_call", [
		    "int i;", "", "for (i = 0; i < MAX_BPF_STACK / BPF_REG_SIZE; i++)",
		    "\tif (env->cur_state->frame[0]->stack[i].slot_type[0] == STACK_SPILL)",
		    "\t\tenv->cur_state->frame[0]->stack[i].spilled_ptr.live |= REG_LIVE_READ;",
		    "return 0;"])))
	add("bpf: Count states kept by spill tracking in verifier stats",
	    ["Expose how many states were kept because of spilled scalars, "
	     "so that the effect on verification time can be measured with "
	     "veristat."],
	    change("include/linux/bpf_verifier.h",
		   [b"/* states kept because a spilled scalar survived a call */",
		    b"#define BPF_SPILL_STATS 1"]),
	    change(v, new_func("count_spill_state", [
		    "env->peak_states++;", "return 0;"])))
	add("bpf: Document spilled scalar tracking",
	    ["Describe in the verifier documentation what happens to a "
	     "scalar spilled to the stack when the program calls a global "
	     "function."],
	    change("Documentation/bpf/verifier.rst",
		   [b"", b"Spilled scalars and global calls",
		    b"================================", b"",
		    b"A scalar spilled to the caller's stack keeps its bounds",
		    b"across a call to a global function, since the callee",
		    b"cannot write to the caller's frame."], "end"))
	add("libbpf: Add bpf_prog_info field for spill statistics",
	    ["Teach libbpf the new verifier statistics field so that "
	     "applications can read it through bpf_prog_get_info_by_fd()."],
	    change("tools/lib/bpf/libbpf.c", new_func(
		    "libbpf_prog_spill_stats", [
			    "if (!prog)", "\treturn libbpf_err(-EINVAL);",
			    "return prog->obj ? 0 : -ENOENT;"],
		    "int", "const struct bpf_program *prog")))
	add("libbpf: Export bpf_program__spill_stats()",
	    ["Add the new API to libbpf.h and to the LIBBPF_1.4.0 section "
	     "of libbpf.map."],
	    change("tools/lib/bpf/libbpf.h",
		   [b"LIBBPF_API int bpf_program__spill_stats(const struct bpf_program *prog);"]),
	    change("tools/lib/bpf/libbpf.map",
		   [b"LIBBPF_1.4.0 {", b"\tglobal:",
		    b"\t\tbpf_program__spill_stats;", b"} LIBBPF_1.3.0;"], "end"))
	add("bpftool: Show spill statistics in prog show",
	    ["Print the number of states kept by spill tracking in "
	     "'bpftool prog show', in plain and in JSON output."],
	    change("tools/bpf/bpftool/prog.c", new_func(
		    "show_spill_stats", [
			    "if (json_output)",
			    "\tjsonw_uint_field(json_wtr, \"spill_states\", n);",
			    "else",
			    "\tprintf(\"spill_states %u  \", n);"],
		    "void", "unsigned int n")))
	add("net: Use the verifier's spill tracking in sk_filter checks",
	    ["Classic BPF programs converted by bpf_convert_filter() spill "
	     "the accumulator around calls to the ancillary helpers; with "
	     "spill tracking their bounds are now known, so the extra "
	     "check in sk_filter_trim_cap() can go."],
	    change("net/core/filter.c", new_func(
		    "sk_filter_spill_known", ["return skb->len > 0;"],
		    "bool", "const struct sk_buff *skb")))
	sp = "tools/testing/selftests/bpf/progs/verifier_spill_call.c"
	add("selftests/bpf: Test spilled scalar bounds across global calls",
	    ["A loop bounded by a scalar spilled before a call to a global "
	     "function must be accepted; the same with a static subprogram "
	     "that writes to the caller's stack must be rejected."],
	    change(sp, [b'#include <linux/bpf.h>', b'#include <bpf/bpf_helpers.h>',
			b'#include "bpf_misc.h"', b"",
			b"__noinline int global_calc(int x)", b"{",
			b"\treturn x * 2;", b"}", b"",
			b'SEC("socket")', b'__description("spilled bound survives global call")',
			b"__success", b"int spill_survives_global_call(void *ctx)",
			b"{", b"\tvolatile int n = 16;", b"\tint i, sum = 0;", b"",
			b"\tglobal_calc(n);", b"\tfor (i = 0; i < n; i++)",
			b"\t\tsum += i;", b"\treturn sum;", b"}", b"",
			b'char _license[] SEC("license") = "GPL";']))
	pt = "tools/testing/selftests/bpf/prog_tests/verifier.c"
	add("selftests/bpf: Run the spill call tests from test_progs",
	    ["Hook the new verifier tests into prog_tests/verifier.c."],
	    change(pt, [b'#include "verifier_spill_call.skel.h"']),
	    change(pt, [b"void test_verifier_spill_call(void) "
		    b"{ RUN(verifier_spill_call); }"], "end"))
	add("selftests/bpf: Add precision tests for spilled scalars",
	    ["Check with __msg() that precision marks propagate through the "
	     "spilled slot back to the instruction that set the scalar."],
	    change(sp, [b"", b'SEC("socket")', b'__msg("mark_precise: frame0: regs=r1")',
			b"__success __log_level(2)",
			b"int spill_precision(void *ctx)", b"{",
			b"\treturn global_calc(4);", b"}"], "end"))
	add("selftests/bpf: Test libbpf spill statistics API",
	    ["Load a program and check that bpf_program__spill_stats() "
	     "returns zero for a program without spills."],
	    change("tools/testing/selftests/bpf/prog_tests/spill_stats.c",
		   [b"// SPDX-License-Identifier: GPL-2.0",
		    b"#include <test_progs.h>", b"",
		    b"void test_spill_stats(void)", b"{",
		    b"\tASSERT_OK(0, \"spill_stats\");", b"}"]))
	add("selftests/bpf: Check bpftool prints spill statistics",
	    ["Extend test_bpftool.py to expect the new field in the JSON "
	     "output of 'bpftool prog show'."],
	    change("tools/testing/selftests/bpf/test_bpftool.py",
		   [b"", b"# spill_states is printed since the spill tracking series",
		    b"EXPECTED_PROG_FIELDS = ['spill_states']"], "end"))
	add("selftests/bpf: Add spill tracking to veristat config",
	    ["List the new test object in veristat.cfg so that CI reports "
	     "its verification statistics."],
	    change("tools/testing/selftests/bpf/veristat.cfg",
		   [b"verifier_spill_call.bpf.o"], "end"))
	return out


def series_fix(fx, files):
	"""The 3-patch bpf series: (subject, body, changes, fixed index)."""
	tip = len(fx.commits)
	out = []
	want = ["kernel/bpf/syscall.c", "net/core/bpf_sk_storage.c",
		"tools/testing/selftests/bpf/prog_tests/sk_storage_map.c"]
	for k, path in enumerate(want):
		if path not in fx.fileset:
			path = fx.bpf[k % len(fx.bpf)]
		older = [j for j in fx.by_file[path] if j < tip - 100]
		if not older:
			older = [j for j in range(1, tip) if
				 fx.commits[j - 1]["path"].startswith("kernel/bpf")]
		if not older:
			older = [j for j in range(1, tip) if
				 fx.commits[j - 1]["edit"] is not None]
		target = older[len(older) // 2]
		lines = list(files.get(path) or fx.content_at(path, tip))
		lines = insert_after_includes(lines, [
			b"/* release what was taken on the error path */",
			b"static void fix_release_%d(void *p)" % k, b"{",
			b"\tkfree(p);", b"}"])
		subj = ["bpf: Release the map id on the map_create() error path",
			"bpf: Drop the socket reference of a failed sk_storage clone",
			"selftests/bpf: Test the sk_storage clone error path"][k]
		body = textwrap.fill(
			"Fault injection shows that %s leaks a reference when the "
			"step after it fails.  Release it on that path as the "
			"success path does." % fx.commits[target - 1]["subject"]
			.split(": ", 1)[-1], 72)
		out.append((subj, body, [(path, b"\n".join(lines))], target))
	return out


def main():
	ap = argparse.ArgumentParser(
		description="Build the kernel-sized benchmark repository.")
	ap.add_argument("--src", required=True, help="unpacked kernel tree")
	ap.add_argument("--dir", required=True, help="repository to create")
	ap.add_argument("--commits", type=int, default=200000)
	ap.add_argument("--authors", type=int, default=400)
	ap.add_argument("--seed", type=int, default=61)
	ap.add_argument("--subset", action="append",
			help="only files under this path (repeatable)")
	a = ap.parse_args()
	if a.commits < 1000:
		fail("'--commits=%d' is too few (1000 at least)" % a.commits)
	if os.path.exists(a.dir):
		fail("'%s' already exists" % a.dir)
	if not os.path.isfile(os.path.join(a.src, "MAINTAINERS")):
		fail("'%s' is no kernel tree (no MAINTAINERS)" % a.src)
	subprocess.run(["git", "init", "-q", "-b", "master", a.dir], check=True)
	fx = Fixture(a)
	fx.build()
	json.dump(fx.info, sys.stdout, indent=1)
	print()


if __name__ == "__main__":
	main()
