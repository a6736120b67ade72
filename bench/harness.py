#!/usr/bin/env python3
# bench/harness.py: the benchmark suite behind bench/run: fixture cache,
# alternating timed runs of ours and the peer tools, RESULTS.md.
#
# Each comparison runs our command and its peers in turn, round after
# round (a warm-up round first, not counted), so that a disturbance on the
# shared machine hits both sides alike.  Medians and min-max are reported,
# with the ratio and the target.  A command of ours that is not
# implemented yet (or fails) is reported as such in the table.

import argparse
import dataclasses
import datetime
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mkfixture  # noqa: E402

# get_maintainer.pl wants COPYING ... scripts/ at the top of the tree
SMOKE_SUBSET = ["MAINTAINERS", "Makefile", ".mailmap", ".get_maintainer.ignore",
		"COPYING", "CREDITS", "Kbuild", "README", "arch/x86/net/",
		"drivers/net/netdevsim/", "fs/Makefile", "init/Kconfig",
		"ipc/Makefile", "lib/test_bpf.c",
		"scripts/checkpatch.pl", "scripts/get_maintainer.pl",
		"scripts/spelling.txt", "scripts/const_structs.checkpatch",
		"Documentation/bpf/", "include/linux/bpf", "include/uapi/linux/bpf",
		"kernel/bpf/", "net/core/", "tools/bpf/", "tools/lib/bpf/",
		"tools/testing/selftests/bpf/", "tools/include/uapi/linux/bpf"]

MIB = 1024
NOTES = "## Analysis (by hand, kept across runs)"


def log(msg):
	print("bench: " + msg, file=sys.stderr, flush=True)


def die(msg):
	print("error: " + msg, file=sys.stderr)
	sys.exit(2)


def sh(cmd, **kw):
	return subprocess.run(cmd, capture_output=True, text=True, **kw)


class Cmd:
	"""One side of a comparison: an argv (or a shell pipeline), how to
	prepare each run, and what its runs measured."""

	def __init__(self, label, argv, ours=False, prepare=None, ok=(0,),
		     per=1, shell=False, show=None, stdin=None):
		self.label = label
		self.stdin = stdin
		self.argv = argv
		self.ours = ours
		self.prepare = prepare
		self.ok = ok
		self.per = per		# inputs per run: times are divided by it
		self.shell = shell
		self.show = show or (argv if shell else " ".join(argv))
		self.times = []
		self.cpu = []		# user + system time of the process tree
		self.error = None
		self.profile_argv = None	# what to profile, if not argv
		self.rss = None

	def median(self):
		return statistics.median(self.times) / self.per if self.times \
			else None

	def cpu_median(self):
		return statistics.median(self.cpu) / self.per if self.cpu \
			else None

	def span(self):
		return (min(self.times) / self.per, max(self.times) / self.per)


class Bench:
	def __init__(self, a):
		self.a = a
		self.build = os.environ.get("GIT_BPF_BUILD",
					    os.path.join(a.src_root, "build"))
		self.bin = os.path.join(self.build, "bin")
		self.tmp = tempfile.mkdtemp(prefix="git-bpf-bench.")
		self.home = os.path.join(self.tmp, "home")
		os.makedirs(self.home)
		env = dict(os.environ)
		for k in ("GIT_BPF_CONFIG", "XDG_CONFIG_HOME", "GIT_DIR",
			  "GIT_WORK_TREE", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE",
			  "VISUAL", "EDITOR"):
			env.pop(k, None)
		env.update({"HOME": self.home, "GIT_CONFIG_NOSYSTEM": "1",
			    "LC_ALL": "C.UTF-8", "TZ": "UTC", "GIT_EDITOR": "false",
			    "PATH": self.bin + ":" + env.get("PATH", "/usr/bin:/bin"),
			    "NO_COLOR": "1", "GIT_PAGER": "cat", "PAGER": "cat"})
		self.env = env

	# ---- the fixture ----

	def fixture(self):
		a = self.a
		if a.smoke:
			key = "smoke-%d-g%d-s%d" % (a.commits, mkfixture.GEN_VERSION,
						    a.seed)
		else:
			key = "linux-%d-g%d-s%d" % (a.commits, mkfixture.GEN_VERSION,
						    a.seed)
		os.makedirs(a.cache, exist_ok=True)
		d = os.path.join(a.cache, key)
		meta = os.path.join(d, ".git", "bench-fixture.json")
		if a.rebuild and os.path.exists(d):
			shutil.rmtree(d)
		if not os.path.exists(meta):
			ksrc = sh([os.path.join(a.src_root, "t", "kernel-src.sh")])
			if ksrc.returncode:
				die("no kernel tree: %s" % ksrc.stderr.strip())
			ksrc = ksrc.stdout.strip()
			tmpd = d + ".tmp"
			if os.path.exists(tmpd):
				shutil.rmtree(tmpd)
			argv = [sys.executable, os.path.join(HERE, "mkfixture.py"),
				"--src", ksrc, "--dir", tmpd,
				"--commits", str(a.commits), "--seed", str(a.seed)]
			if a.smoke:
				for s in SMOKE_SUBSET:
					argv += ["--subset", s]
			log("building the fixture in %s (once)" % d)
			t = time.time()
			r = subprocess.run(argv, stdout=subprocess.DEVNULL)
			if r.returncode:
				die("building the fixture failed")
			spent = time.time() - t
			with open(os.path.join(tmpd, ".git",
					       "bench-fixture.json")) as f:
				info = json.load(f)
			info["build_seconds"] = round(spent)
			with open(os.path.join(tmpd, ".git",
					       "bench-fixture.json"), "w") as f:
				json.dump(info, f, indent=1)
			if os.path.exists(d):
				shutil.rmtree(d)
			os.rename(tmpd, d)
			log("fixture built in %.0f s" % spent)
		with open(meta) as f:
			self.info = json.load(f)
		self.repo = d

	def git(self, *args):
		r = sh(["git", "-C", self.repo] + list(args), env=self.env)
		if r.returncode:
			die("git %s: %s" % (" ".join(args), r.stderr.strip()))
		return r.stdout

	def describe_fixture(self):
		g = self.git
		info = self.info
		n = int(g("rev-list", "--count", "--all").strip())
		main = int(g("rev-list", "--count", "origin/master").strip())
		files = len(g("ls-files").splitlines())
		tags = len(g("tag").split())
		stable = [b for b in g("branch", "-r", "--format=%(refname:short)")
			  .split() if "linux-6." in b]
		pack = 0
		pdir = os.path.join(self.repo, ".git", "objects", "pack")
		for p in os.listdir(pdir):
			pack += os.path.getsize(os.path.join(pdir, p))
		self.fixture_desc = {
			"path": self.repo, "commits": n, "mainline": main,
			"files": files, "tags": tags, "stable": len(stable),
			"backports": sum(info.get("stable_backports", {}).values()),
			"pack_mib": pack / (1 << 20),
			"build_seconds": info.get("build_seconds")}

	# ---- inputs ----

	def inputs(self):
		d = self.tmp
		n = self.a.patches
		self.range = "bpf-next/master..series-next" if n >= 15 else \
			"series-next~%d..series-next" % n
		self.patches = os.path.join(d, "patches")
		r = sh(["git", "-C", self.repo, "format-patch", "-q",
			"--cover-letter", "--cover-from-description=auto",
			"--subject-prefix=PATCH bpf-next", "-o", self.patches,
			self.range], env=self.env)
		if r.returncode:
			die("format-patch: " + r.stderr.strip())
		files = sorted(os.listdir(self.patches))
		self.patch_files = [os.path.join(self.patches, f) for f in files
				    if not f.startswith("0000-")]
		self.cover = os.path.join(self.patches, files[0])
		# the same inputs for both maintainers tools: a fixed sample
		# of files across the tree, a third of them BPF files
		tree = self.git("ls-files").splitlines()
		rng = random.Random(8)
		bpf = [p for p in tree if p.startswith(
			("kernel/bpf/", "tools/lib/bpf/", "net/core/",
			 "tools/testing/selftests/bpf/", "tools/bpf/"))]
		other = [p for p in tree if p not in set(bpf)]
		k = self.a.inputs
		nb = min(len(bpf), k // 3)
		pick = rng.sample(bpf, nb) + rng.sample(other, min(len(other),
								    k - nb))
		self.maint_inputs = pick
		with open(os.path.join(d, "maint-inputs"), "w") as f:
			f.write("\n".join(pick) + "\n")

	# ---- running ----

	def run_once(self, c):
		if c.prepare:
			c.prepare()
		argv = ["sh", "-c", c.argv] if c.shell else c.argv
		fin = open(c.stdin, "rb") if c.stdin else subprocess.DEVNULL
		ru = resource.getrusage(resource.RUSAGE_CHILDREN)
		t = time.perf_counter()
		r = subprocess.run(argv, cwd=self.repo, env=self.env, stdin=fin,
				   stdout=subprocess.DEVNULL,
				   stderr=subprocess.PIPE)
		dt = time.perf_counter() - t
		ru2 = resource.getrusage(resource.RUSAGE_CHILDREN)
		self.last_cpu = (ru2.ru_utime - ru.ru_utime +
				 ru2.ru_stime - ru.ru_stime)
		if c.stdin:
			fin.close()
		if r.returncode not in c.ok:
			err = r.stderr.decode("utf-8", "replace").strip()
			lines = [l for l in err.splitlines() if l.strip()]
			first = next((l for l in lines if l.startswith("error:")),
				     lines[0] if lines else "")
			if "not implemented" in err:
				c.error = "not implemented yet"
			else:
				c.error = "exit %d: %s" % (r.returncode, first[:120])
			return None
		return dt

	def compare(self, cmds):
		a = self.a
		for rnd in range(a.warmup + a.runs):
			for c in cmds:
				if c.error:
					continue
				dt = self.run_once(c)
				if dt is not None and rnd >= a.warmup:
					c.times.append(dt)
					c.cpu.append(self.last_cpu)
		for c in cmds:
			if (c.ours or not c.shell) and not c.error:
				c.rss = self.peak_kib(c)
			if c.error:
				log("%s: %s" % (c.label, c.error))
			else:
				log("%s: median %.3f s" % (c.label, c.median()))

	def peak_kib(self, c):
		out = os.path.join(self.tmp, "rss")
		if c.prepare:
			c.prepare()
		argv = ["/usr/bin/time", "-f", "%M", "-o", out] + \
			(["sh", "-c", c.argv] if c.shell else c.argv)
		fin = open(c.stdin, "rb") if c.stdin else subprocess.DEVNULL
		subprocess.run(argv, cwd=self.repo, env=self.env, stdin=fin,
			       stdout=subprocess.DEVNULL,
			       stderr=subprocess.DEVNULL)
		if c.stdin:
			fin.close()
		try:
			with open(out) as f:
				return int(f.read().split()[-1])
		except (OSError, ValueError, IndexError):
			return None

	# ---- the comparisons ----

	def fresh(self, name):
		p = os.path.join(self.tmp, name)

		def prepare():
			shutil.rmtree(p, ignore_errors=True)
		return p, prepare

	def bench_check(self):
		perl = ["perl", "scripts/checkpatch.pl", "-q"]
		# NIPA's flags, as git bpf check gives them (one process, serially)
		nipa = ["perl", "scripts/checkpatch.pl", "-q", "--strict",
			"--max-line-length=80",
			"--ignore=COMMIT_LOG_LONG_LINE,MACRO_ARG_REUSE,"
			"ALLOC_SIZEOF_STRUCT,NO_AUTHOR_SIGN_OFF,GIT_COMMIT_ID,"
			"CAMELCASE,FILE_PATH_CHANGES,BAD_REPORTED_BY_LINK"]
		# the dictionary git bpf check gives it: checkpatch.pl's own
		# search runs the python3 on PATH, which may not see Debian's
		for d in ("/usr/share/codespell/dictionary.txt",
			  "/usr/lib/python3/dist-packages/codespell_lib/data/"
			  "dictionary.txt"):
			if shutil.which("codespell") and os.access(d, os.R_OK):
				nipa += ["--codespell", "--codespellfile=" + d]
				break
		cache = os.path.join(self.repo, ".git", "bpf", "checkpatch")

		def cold():
			shutil.rmtree(cache, ignore_errors=True)
		ours = Cmd("git bpf check --no-checkpatch (range)",
			   ["git", "bpf", "check", "--no-checkpatch", self.range],
			   ours=True, ok=(0, 1))
		noapply = Cmd("git bpf check --no-checkpatch, no apply (range)",
			      ["git", "bpf", "check", "--no-checkpatch",
			       "--ignore=does-not-apply", self.range],
			      ours=True, ok=(0, 1))
		ours_f = Cmd("git bpf check --no-checkpatch (files)",
			     ["git", "bpf", "check", "--no-checkpatch",
			      self.cover] + self.patch_files,
			     ours=True, ok=(0, 1),
			     show="git bpf check --no-checkpatch 0000-cover-letter.patch 00*.patch")
		whole_cold = Cmd("git bpf check, cold",
				 ["git", "bpf", "check", self.range],
				 ours=True, ok=(0, 1), prepare=cold,
				 show="git bpf check " + self.range +
				      " (checkpatch cache emptied first)")
		whole_warm = Cmd("git bpf check, warm",
				 ["git", "bpf", "check", self.range],
				 ours=True, ok=(0, 1),
				 show="git bpf check " + self.range +
				      " (checkpatch results cached)")
		peer = Cmd("checkpatch.pl", perl + self.patch_files, ok=(0, 1),
			   show="scripts/checkpatch.pl -q 00*.patch (%d files)" % len(self.patch_files))
		peer_nipa = Cmd("checkpatch.pl, NIPA's flags", nipa + self.patch_files,
				ok=(0, 1),
				show="scripts/checkpatch.pl -q --strict "
				     "--max-line-length=80 --codespell --ignore=... "
				     "00*.patch (%d files)" % len(self.patch_files))
		self.compare([ours, peer, ours_f, peer_nipa, whole_cold, noapply])
		self.run_once(whole_warm)	# fill the cache
		self.compare([whole_warm])
		n = len(self.patch_files)
		return [
			row("check, rules alone: %d patches" % n, ours, peer, "ratio",
			    "< 0.5 s and <= 0.05 x checkpatch.pl",
			    lambda o, p: o < 0.5 and o / p <= 0.05),
			row("check, rules alone: %d patch files" % n, ours_f, peer,
			    "ratio", "< 0.5 s and <= 0.05 x checkpatch.pl",
			    lambda o, p: o < 0.5 and o / p <= 0.05),
			row("check, the apply step: %d patches" % n,
			    ours, noapply, "ratio",
			    "adds < 0.1 s to the check without it",
			    lambda o, p: o - p < 0.1),
			row("check with checkpatch, cold: %d patches" % n,
			    whole_cold, peer_nipa, "ratio",
			    "<= 0.6 x checkpatch.pl, same flags, serially",
			    lambda o, p: o / p <= 0.6),
			row("check with checkpatch, warm: %d patches" % n,
			    whole_warm, peer_nipa, "ratio",
			    "<= 0.15 x checkpatch.pl, same flags, serially",
			    lambda o, p: o / p <= 0.15)]

	def bench_send(self):
		rng = self.range
		o1, p1 = self.fresh("send-ours")
		o2, p2 = self.fresh("send-fp")
		o3, p3 = self.fresh("send-pipe")
		ours = Cmd("git bpf send -o", ["git", "bpf", "send", "-o", o1, rng],
			   ours=True, prepare=p1,
			   show="git bpf send -o DIR " + rng)
		fp = Cmd("git format-patch", ["git", "format-patch", "-q",
					      "--cover-letter",
					      "--subject-prefix=PATCH bpf-next",
					      "-o", o2, rng],
			 prepare=p2,
			 show="git format-patch --cover-letter --subject-prefix="
			      "'PATCH bpf-next' -o DIR " + rng)
		pipe = ("git format-patch -q --cover-letter "
			"--subject-prefix='PATCH bpf-next' -o %s %s && "
			"for p in %s/00*.patch; do case $p in */0000-*) continue;; "
			"esac; perl scripts/get_maintainer.pl --no-git "
			"--no-git-fallback \"$p\" >/dev/null && "
			"perl scripts/checkpatch.pl -q \"$p\" >/dev/null || "
			"test $? = 1; done" % (o3, rng, o3))
		pl = Cmd("pipeline", pipe, prepare=p3, shell=True,
			 show="format-patch, then get_maintainer.pl and "
			      "checkpatch.pl on each patch")
		self.compare([ours, fp, pl])
		return [
			row("send -o vs format-patch", ours, fp, "ratio",
			    "<= 1.5 x format-patch", lambda o, p: o / p <= 1.5),
			row("send -o vs pipeline", ours, pl, "speedup",
			    ">= 20 x faster than the pipeline",
			    lambda o, p: p / o >= 20)]

	def bench_maintainers(self):
		inputs = self.maint_inputs
		k = len(inputs)
		listf = os.path.join(self.tmp, "maint-inputs")
		batch_opt = self.maint_batch_option()
		fopt = self.maint_file_option()
		if batch_opt:
			args, stdin = batch_opt(listf)
			args += [fopt] if fopt else []
			ours_b = Cmd("git bpf maintainers (batch)",
				     ["git", "bpf", "maintainers"] + args,
				     ours=True, per=k, stdin=stdin,
				     show="git bpf maintainers %s%s (%d inputs, one "
					  "process)" % (" ".join(args).replace(
						  listf, "LIST"),
						  " <LIST" if stdin else "", k))
		else:
			ours_b = Cmd("git bpf maintainers (batch)", [], ours=True,
				     per=k, show="(no batch mode)")
			ours_b.error = "no batch mode found in 'git bpf " \
				       "maintainers -h'"
		per_in = "for f in $(cat %s); do git bpf maintainers %s\"$f\" " \
			 ">/dev/null || exit 1; done" % (listf, fopt and fopt + " ")
		ours_p = Cmd("git bpf maintainers (per input)", per_in,
			     ours=True, per=k, shell=True,
			     show="git bpf maintainers %sFILE, one process per "
				  "input" % (fopt and fopt + " "))
		peer = ("for f in $(cat %s); do perl scripts/get_maintainer.pl "
			"--no-git --no-git-fallback -f \"$f\" >/dev/null || exit 1;"
			" done" % listf)
		pl = Cmd("get_maintainer.pl", peer, per=k, shell=True,
			 show="scripts/get_maintainer.pl --no-git --no-git-fallback "
			      "-f FILE, per input")
		self.compare([ours_b, pl, ours_p])
		cmds = [
			row("maintainers: %d inputs, batch" % k, ours_b, pl,
			    "speedup", ">= 50 x faster per input",
			    lambda o, p: p / o >= 50, per_input=True),
			row("maintainers: %d inputs, a process each" % k, ours_p,
			    pl, "speedup", ">= 50 x faster per input",
			    lambda o, p: p / o >= 50, per_input=True)]
		return cmds

	def maint_file_option(self):
		"""-f, as get_maintainer.pl's, when ours has it."""
		r = sh(["git", "bpf", "maintainers", "-h"], env=self.env)
		return "-f" if re.search(r"(^|\s)-f[, ]", r.stdout) else ""

	def maint_batch_option(self):
		"""How git-bpf-maintainers reads many inputs in one process, from
		its -h text: --batch / --stdin / --files-from."""
		r = sh(["git", "bpf", "maintainers", "-h"], env=self.env)
		text = r.stdout + r.stderr
		for opt in ("--files-from", "--batch-file", "--batch", "--stdin"):
			m = re.search(re.escape(opt) + r"(=\S+)?", text)
			if not m:
				continue
			if m.group(1) or opt in ("--files-from", "--batch-file"):
				return lambda f, opt=opt: (["%s=%s" % (opt, f)], None)
			return lambda f, opt=opt: ([opt], f)
		return None

	def bench_stable(self):
		commits = self.info["request"]
		ours = Cmd("git bpf stable-request --dry-run",
			   ["git", "bpf", "stable-request", "--dry-run"] + commits,
			   ours=True, ok=(0, 1),
			   show="git bpf stable-request --dry-run C1 ... C5")
		peer = Cmd("describe/branch/log", os.path.join(HERE, "peer-stable.sh")
			   + " " + " ".join(commits), shell=True,
			   show="bench/peer-stable.sh C1 ... C5 (git describe "
				"--contains, git branch -r --contains, git log --grep)")
		self.compare([ours, peer])
		return [row("stable-request: %d commits" % len(commits), ours, peer,
			    "ratio", "< 1 s", lambda o, p: o < 1.0)]

	# ---- profiling a missed target ----

	def profile(self, c):
		"""Where our command spends its time: perf with DWARF call
		graphs (Debian's libgit2 has no symbols, so the callers in
		our code tell more than libgit2's own addresses), by the time
		spent in a function and its callees."""
		argv = c.profile_argv or (["sh", "-c", c.argv] if c.shell
					  else c.argv)
		if c.error or not shutil.which("perf"):
			return None
		data = os.path.join(self.tmp, "perf.data")
		if c.prepare:
			c.prepare()
		one = c.median() * c.per
		hz = max(50, min(2000, int(1000 / max(one, 0.05))))
		argv = ["perf", "record", "-q", "-F", str(hz), "--call-graph",
			"dwarf", "-o", data, "--"] + self.resolve(argv)
		fin = open(c.stdin, "rb") if c.stdin and not c.profile_argv \
			else subprocess.DEVNULL
		subprocess.run(argv, cwd=self.repo, env=self.env, stdin=fin,
			       stdout=subprocess.DEVNULL,
			       stderr=subprocess.DEVNULL)
		if fin is not subprocess.DEVNULL:
			fin.close()
		if not os.path.exists(data):
			return None
		rep = sh(["perf", "report", "-i", data, "--stdio", "--children",
			  "--sort", "symbol", "-g", "none",
			  "--percent-limit", "4"], env=self.env)
		lines = []
		for l in rep.stdout.splitlines():
			if not l.strip() or l.startswith("#"):
				continue
			if re.search(r"\] (0x[0-9a-f]+|_start|__libc_start\w*)\b", l):
				continue
			lines.append(re.sub(r"\s+-\s+-\s*$", "", l.rstrip()))
		return lines[:18]

	def resolve(self, argv):
		"""git bpf X ... -> git-bpf-X ..., so perf sees our binary."""
		if argv[:2] == ["git", "bpf"]:
			name = "stable" if argv[2] == "stable-request" else argv[2]
			return [os.path.join(self.bin, "git-bpf-" + name)] + argv[3:]
		return argv


@dataclasses.dataclass
class row:
	"""One line of the results table: ours against the peer, a target
	and whether it was met."""
	what: str
	ours: Cmd
	peer: Cmd
	kind: str		# "ratio" (ours / peer) or "speedup" (peer / ours)
	target: str
	met_fn: object
	per_input: bool = False
	profile: object = None

	def ratio(self, cpu=False):
		if cpu:
			o, p = self.ours.cpu_median(), self.peer.cpu_median()
		else:
			o, p = self.ours.median(), self.peer.median()
		if o is None or p is None or o <= 0 or p <= 0:
			return None
		return o / p if self.kind == "ratio" else p / o

	def met(self):
		o, p = self.ours.median(), self.peer.median()
		if o is None or p is None:
			return None
		return bool(self.met_fn(o, p))


def fmt_time(c, per_input):
	if c.error:
		return "n/a (%s)" % c.error
	m = c.median()
	lo, hi = c.span()
	unit = lambda x: ("%.1f ms" % (x * 1000)) if x < 1 else ("%.2f s" % x)
	return "%s (%s to %s; cpu %s)%s" % (unit(m), unit(lo), unit(hi),
					    unit(c.cpu_median()),
					    " per input" if per_input else "")


def machine():
	cpu = "unknown CPU"
	try:
		with open("/proc/cpuinfo") as f:
			for l in f:
				if l.startswith("model name"):
					cpu = l.split(":", 1)[1].strip()
					break
	except OSError:
		pass
	mem = ""
	try:
		with open("/proc/meminfo") as f:
			kb = int(f.readline().split()[1])
			mem = "%.0f GiB RAM" % (kb / (1 << 20))
	except (OSError, ValueError):
		pass
	git = sh(["git", "--version"]).stdout.strip()
	perl = sh(["perl", "-e", "print $^V"]).stdout.strip()
	load = os.getloadavg()[0]
	return ("%s, %d cores, %s, Linux %s; %s, perl %s; load average %.1f "
		"at the start" % (cpu, os.cpu_count(), mem, platform.release(),
				  git, perl, load))


def write_results(b, rows, path, started, argv):
	a = b.a
	fd = b.fixture_desc
	out = []
	w = out.append
	w("# git-bpf benchmark results")
	w("")
	w("Generated by `bench/run`; edit only the last section, \"%s\"."
	  % NOTES[3:])
	w("")
	w("- Date: %s" % started.strftime("%Y-%m-%d %H:%M UTC"))
	w("- Machine: %s" % machine())
	rev = sh(["git", "-C", a.src_root, "describe", "--always", "--dirty"])
	w("- git-bpf: %s, built in %s" % (rev.stdout.strip() or "unknown",
					  b.build))
	w("- Fixture: %s%d commits (%d on mainline), %d files at HEAD, %d tags, "
	  "%d stable branches with %d backports, %.0f MiB of packs%s"
	  % ("smoke subset, " if a.smoke else "Linux 6.1 tree, ",
	     fd["commits"], fd["mainline"], fd["files"], fd["tags"],
	     fd["stable"], fd["backports"], fd["pack_mib"],
	     "; built in %d s" % fd["build_seconds"]
	     if fd.get("build_seconds") else ""))
	w("- Runs: %d timed after %d warm-up, ours and the peers alternating; "
	  "median wall-clock time (min to max; median CPU time, user + "
	  "system); load average %.1f at the end" % (a.runs, a.warmup,
						   os.getloadavg()[0]))
	w("- Reproduce: `%s`" % argv)
	w("")
	w("| comparison | git-bpf | peer | ratio | target | met |")
	w("| --- | --- | --- | --- | --- | --- |")
	for r in rows:
		ratio = r.ratio()
		if ratio is None:
			rs = "n/a"
		elif r.kind == "ratio" and ratio < 0.5:
			rs = "%.3f x the peer's time (%.1f x faster)" % (
				ratio, 1 / ratio)
		elif r.kind == "ratio":
			rs = "%.2f x the peer's time" % ratio
		else:
			rs = "%.1f x faster" % ratio
		cr = r.ratio(cpu=True)
		if ratio is not None and cr is not None:
			rs += "; cpu %.3g x" % cr
		met = r.met()
		ms = "n/a" if met is None else ("yes" if met else "**no**")
		w("| %s | %s | %s | %s | %s | %s |" % (
			r.what, fmt_time(r.ours, r.per_input),
			fmt_time(r.peer, r.per_input), rs, r.target, ms))
	w("")
	w("Commands (run in the fixture's work tree):")
	w("")
	seen = set()
	for r in rows:
		for c in (r.ours, r.peer):
			if c.label in seen:
				continue
			seen.add(c.label)
			w("- %s: `%s`" % (c.label, c.show))
	w("")
	w("## Peak memory (maximum resident set, /usr/bin/time -f %M)")
	w("")
	w("| command | peak | target < 150 MiB |")
	w("| --- | --- | --- |")
	seen = set()
	for r in rows:
		c = r.ours
		if c.label in seen:
			continue
		seen.add(c.label)
		if c.rss is None:
			w("| %s | n/a%s | n/a |" % (
				c.label, " (%s)" % c.error if c.error else ""))
		else:
			mib = c.rss / MIB
			w("| %s | %.1f MiB | %s |" % (c.label, mib,
				"yes" if mib < 150 else "**no**"))
	peers = []
	for r in rows:
		if r.peer.rss is not None and r.peer.label not in seen:
			seen.add(r.peer.label)
			peers.append("%s %.1f MiB" % (r.peer.label, r.peer.rss / MIB))
	if peers:
		w("")
		w("For comparison, the peers: %s." % ", ".join(peers))
	w("")
	missed = [r for r in rows if r.met() is False]
	w("## Where the time goes")
	w("")
	if not missed:
		w("No measured target is missed.")
		w("")
	for r in missed:
		w("### %s (target: %s)" % (r.what, r.target))
		w("")
		if r.profile:
			w("`perf record --call-graph dwarf` of `%s`: time in each "
			  "function and its callees, then in the function "
			  "itself (4 %% and more):" % r.ours.show)
			w("")
			w("```")
			out.extend(r.profile)
			w("```")
		else:
			w("No profile taken (perf unavailable).")
		w("")
	missing = sorted({r.ours.label for r in rows if r.ours.error})
	if missing:
		w("## Not measured")
		w("")
		for r in rows:
			if r.ours.error and r.ours.label in missing:
				w("- %s: %s" % (r.ours.label, r.ours.error))
				missing.remove(r.ours.label)
		w("")
	text = "\n".join(out).rstrip("\n") + "\n"
	# a hand-written analysis at the end survives the next run
	if path != "-" and os.path.exists(path):
		with open(path) as f:
			old = f.read()
		k = old.find(NOTES)
		if k >= 0:
			text += "\n" + old[k:]
	if path == "-":
		sys.stdout.write(text)
	else:
		with open(path, "w") as f:
			f.write(text)
	return text


def main():
	ap = argparse.ArgumentParser(prog="bench/run")
	ap.add_argument("--src-root", required=True)
	ap.add_argument("--smoke", action="store_true",
			help="small subset fixture, one quick pass")
	ap.add_argument("--commits", type=int)
	ap.add_argument("--seed", type=int, default=61)
	ap.add_argument("--runs", type=int)
	ap.add_argument("--warmup", type=int)
	ap.add_argument("--inputs", type=int)
	ap.add_argument("--patches", type=int,
			help="time the last N patches of the 15 (default 15)")
	ap.add_argument("--cache")
	ap.add_argument("--results")
	ap.add_argument("--only", default="check,send,maintainers,stable")
	ap.add_argument("--no-profile", action="store_true")
	ap.add_argument("--rebuild", action="store_true")
	a = ap.parse_args()
	env = os.environ
	if a.commits is None:
		a.commits = int(env.get("GIT_BPF_BENCH_COMMITS",
					"3000" if a.smoke else "200000"))
	if a.runs is None:
		a.runs = int(env.get("GIT_BPF_BENCH_RUNS", "1" if a.smoke else "5"))
	if a.warmup is None:
		a.warmup = 0 if a.smoke else 1
	if a.patches is None:
		a.patches = 3 if a.smoke else 15
	if not 1 <= a.patches <= 15:
		die("'--patches=%d' is not between 1 and 15" % a.patches)
	if a.inputs is None:
		a.inputs = 10 if a.smoke else 100
	if a.cache is None:
		a.cache = env.get("GIT_BPF_BENCH_CACHE", "/var/tmp/git-bpf-bench")
	if a.results is None:
		a.results = os.path.join(a.src_root, "bench", "RESULTS.md")
	for name in ("runs", "inputs"):
		if getattr(a, name) < 1:
			die("'--%s=%d' is not a positive number" %
			    (name, getattr(a, name)))
	if a.warmup < 0:
		die("'--warmup=%d' is negative" % a.warmup)
	only = a.only.split(",")
	for o in only:
		if o not in ("check", "send", "maintainers", "stable"):
			die("unknown comparison '%s'" % o)
	started = datetime.datetime.now(datetime.timezone.utc)
	b = Bench(a)
	try:
		if not os.path.exists(os.path.join(b.bin, "git-bpf")):
			die("'%s' is not built: run make" % b.bin)
		b.fixture()
		b.describe_fixture()
		b.inputs()
		rows = []
		for name in only:
			log("timing %s" % name)
			rows += getattr(b, "bench_" + name)()
		if not a.no_profile:
			for r in rows:
				if r.met() is False:
					r.profile = b.profile(r.ours)
		extra, skip = [], False
		for x in sys.argv[1:]:
			if skip:
				skip = False
			elif x in ("--src-root", "--results", "--cache"):
				skip = True
			elif not x.startswith(("--src-root=", "--results=",
					       "--cache=")) and x != "--smoke":
				extra.append(x)
		if a.smoke:
			extra.insert(0, "--smoke")
		argv = "make bench" if not extra else \
			"make && ./bench/run " + " ".join(extra)
		if extra == ["--smoke"]:
			argv = "bench/run --smoke"
		text = write_results(b, rows, a.results, started, argv)
		if a.results != "-":
			sys.stdout.write(text)
	finally:
		shutil.rmtree(b.tmp, ignore_errors=True)


if __name__ == "__main__":
	main()
