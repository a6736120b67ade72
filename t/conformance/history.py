#!/usr/bin/env python3
# Hold git-bpf against real BPF history nobody here wrote: a local copy
# of the public libbpf mirror (github.com/libbpf/libbpf).
"""
usage: history.py [--limit N] [--skip-format] [--skip-check]
                  [--findings FILE] [MIRROR] WORKDIR

MIRROR is a local copy of the mirror (bare or not; default
$LIBBPF_MIRROR).  It is cloned into WORKDIR without a work tree, so the
runs never touch it, and every commit but the merges goes through:

  * format (core.abbrev = 12 for both): `git bpf send -o` of the commit alone (C^..C, the root
    commit too) against `git format-patch -1 --stdout C`, compared byte
    for byte from the "From <sha>" line and the body up to the signature
    (headers differ by design: subject prefix, Date, Message-ID; the
    in-body From: line of another author is ours alone);
  * check: `git bpf check --json C^..C`, with --tree=bpf when the commit
    carries a Fixes: tag (fixes go to bpf) and --tree=bpf-next otherwise.

Prints "# ..." lines with the counts, then per rule the number of
findings and the number of commits they are on (all of them accepted by
the maintainers), and writes into WORKDIR: findings.tsv (commit, rule,
severity, message; one line a finding), differ.txt (the commits whose
patch differs, with the first lines of the difference) and stderr.txt
(each distinct line check printed on stderr, with its count).

With --findings FILE (lines "COMMIT12 RULE VERDICT ...", '#' comments)
the findings are compared with the judged ones: each finding not judged
and each judged finding that is gone is printed, and the exit status is 1.
Exit 1 as well when a patch differs or a check could not run.
"""
import argparse
import collections
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", repo] + list(args), check=check,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def body_of(mail):
    """The "From <sha>" line, and the body up to the signature without
    the in-body From: line git adds for another author."""
    first, _, rest = mail.partition(b"\n")
    _, _, body = rest.partition(b"\n\n")
    sig = body.find(b"\n-- \n")
    if body.startswith(b"-- \n"):
        sig = 0
    if sig >= 0:
        body = body[:sig + 1]
    if body.startswith(b"From: "):
        line, _, after = body.partition(b"\n")
        if after.startswith(b"\n"):
            body = after[1:]
    return first, body


def compare_format(repo, commit, is_root, out, differ):
    shutil.rmtree(out, ignore_errors=True)
    fp = git(repo, "format-patch", "-1", "--stdout", commit).stdout
    rng = commit + "^.." + commit
    r = subprocess.run(["git", "bpf", "send", "--no-check", "--no-auto-cc",
                        "--tree=bpf-next", "-o", out, rng], cwd=repo,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    files = sorted(os.listdir(out)) if os.path.isdir(out) else []
    if r.returncode or len(files) != 1:
        differ.write("%s%s: git bpf send failed (%d): %s\n" %
                     (commit, " (root)" if is_root else "", r.returncode,
                      r.stderr.decode(errors="replace").strip()))
        return False
    with open(os.path.join(out, files[0]), "rb") as f:
        ours = f.read()
    a, b = body_of(fp), body_of(ours)
    if a == b:
        return True
    differ.write("%s%s: differs\n" % (commit, " (root)" if is_root else ""))
    la, lb = a[1].split(b"\n"), b[1].split(b"\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else b"<end>"
        y = lb[i] if i < len(lb) else b"<end>"
        if x != y:
            differ.write("  line %d\n  - %r\n  + %r\n" % (i + 1, x, y))
            break
    return False


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int, default=0,
                    help="only the newest N commits")
    ap.add_argument("--skip-format", action="store_true")
    ap.add_argument("--skip-check", action="store_true")
    ap.add_argument("--findings")
    a = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if len(a.paths) == 2:
        mirror, work = a.paths
    elif os.environ.get("LIBBPF_MIRROR"):
        mirror, work = os.environ["LIBBPF_MIRROR"], a.paths[0]
    else:
        print("error: no mirror: give its path or set LIBBPF_MIRROR",
              file=sys.stderr)
        return 2
    work = os.path.abspath(work)
    os.makedirs(work, exist_ok=True)
    # our own git and git-bpf configuration, nothing of the user's
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    os.environ.update(HOME=home, XDG_CONFIG_HOME=home + "/.config",
                      GIT_CONFIG_NOSYSTEM="1", TZ="UTC", LC_ALL="C.UTF-8")
    for v in ("GIT_BPF_CONFIG", "GIT_DIR", "GIT_WORK_TREE"):
        os.environ.pop(v, None)
    if os.environ.get("GIT_BPF_BUILD"):
        os.environ["PATH"] = (os.environ["GIT_BPF_BUILD"] + "/bin:" +
                              os.environ["PATH"])
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write("[user]\n\tname = History Runner\n"
                "\temail = runner@example.com\n"
                # as kernel developers have it (git bpf doctor asks for
                # it); unset, git-bpf writes 12 digits and git its auto
                "[core]\n\tabbrev = 12\n")
    repo = os.path.join(work, "libbpf")
    shutil.rmtree(repo, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", "--no-checkout", mirror, repo],
                   check=True)
    head = git(repo, "rev-parse", "HEAD").stdout.decode().strip()
    revs = git(repo, "rev-list", "--reverse", "--parents", "HEAD")
    commits = [l.split() for l in revs.stdout.decode().splitlines()]
    merges = sum(1 for c in commits if len(c) > 2)
    todo = [(c[0], len(c) == 1) for c in commits if len(c) <= 2]
    if a.limit:
        todo = todo[-a.limit:]
    print("# mirror: %s at %s, %d commits (%d merges, not patches)" %
          (mirror, head[:12], len(commits), merges))
    bad = 0

    if not a.skip_format:
        same = 0
        t0 = time.monotonic()
        with open(os.path.join(work, "differ.txt"), "w") as differ:
            for c, root in todo:
                same += compare_format(repo, c, root,
                                       os.path.join(work, "out"), differ)
        print("# format: %d commits, %d byte-identical to git format-patch, "
              "%d differ (%.0f s)" % (len(todo), same, len(todo) - same,
                                     time.monotonic() - t0))
        bad += same != len(todo)

    if a.skip_check:
        return 1 if bad else 0
    findings = []
    stderr = collections.Counter()
    failed = 0
    fixes = re.compile(rb"^Fixes:", re.M | re.I)
    t0 = time.monotonic()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    for c, root in todo:
        msg = git(repo, "log", "-1", "--format=%B", c).stdout
        tree = "bpf" if fixes.search(msg) else "bpf-next"
        r = subprocess.run(["git", "bpf", "check", "--json",
                            "--tree=" + tree, c + "^.." + c], cwd=repo,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for line in r.stderr.decode(errors="replace").splitlines():
            stderr[line] += 1
        if r.returncode not in (0, 1):
            failed += 1
            continue
        for f in json.loads(r.stdout)["findings"]:
            findings.append((c, f["rule"], f["severity"],
                             f["message"].replace("\t", " ")
                             .replace("\n", " ")))
    wall = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    print("# check: %d commits, %d could not be checked, %.0f s wall, "
          "%.0f s cpu, peak RSS of a process %d kB" %
          (len(todo), failed, wall, cpu, r1.ru_maxrss))
    bad += failed != 0
    with open(os.path.join(work, "findings.tsv"), "w") as f:
        for x in findings:
            f.write("\t".join(x) + "\n")
    with open(os.path.join(work, "stderr.txt"), "w") as f:
        for line, n in sorted(stderr.items(), key=lambda x: -x[1]):
            f.write("%6d %s\n" % (n, line))
    rules = collections.defaultdict(lambda: [0, set(), ""])
    for c, rule, sev, _ in findings:
        rules[rule][0] += 1
        rules[rule][1].add(c)
        rules[rule][2] = sev
    print("# %-26s %-8s %8s %8s" % ("rule", "severity", "findings",
                                     "commits"))
    for rule in sorted(rules):
        n, cs, sev = rules[rule]
        print("  %-26s %-8s %8d %8d" % (rule, sev, n, len(cs)))
    print("# %-26s %-8s %8d %8d" % ("total", "", len(findings),
                                     len(set(x[0] for x in findings))))

    if a.findings:
        judged = collections.Counter()
        with open(a.findings) as f:
            for line in f:
                w = line.split()
                if w and not w[0].startswith("#"):
                    judged[(w[0], w[1])] += 1
        actual = collections.Counter((c[:12], r) for c, r, _, _ in findings)
        new = actual - judged
        gone = judged - actual
        for (c, r), n in sorted(new.items()):
            print("not judged: %s %s (%d)" % (c, r, n))
        for (c, r), n in sorted(gone.items()):
            print("judged, not found: %s %s (%d)" % (c, r, n))
        print("# judged: %d findings, %d not judged, %d gone" %
              (sum(judged.values()), sum(new.values()), sum(gone.values())))
        bad += bool(new or gone)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
