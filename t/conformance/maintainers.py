#!/usr/bin/env python3
# Compare `git bpf maintainers` with the kernel's own
# scripts/get_maintainer.pl, run in an unpacked kernel tree.
"""
usage: maintainers.py KSRC WORKDIR [--files N] [--patches N] [--seed S]
                      [--roles-every N] [--jobs J]

Inputs:
  * N files sampled with a fixed seed from every regular file of the tree,
    plus every file under kernel/bpf, tools/lib/bpf, tools/bpf, net/core;
  * N generated patches (mails as git format-patch writes them) touching 2
    to 6 files each: modifications, new files, renames, mode changes,
    Fixes: lines, and lines that K: keywords match.

Each input is given to get_maintainer.pl in its own process (it merges
all the files of one run), two at a time: every input with --norolestats,
and with its roles every patch and every second file (by default: the
script's 0.1 s a run is what the test's time goes to); ours answers all
of them in one `--batch` process per mode.

Ties.  get_maintainer.pl sorts a file's sections by pattern depth with
`sort {$hash{$b} <=> $hash{$a}} keys %hash`: sections of equal depth keep
Perl's hash order, which is randomised per process.  We cannot predict
it, so our command says where it applies: with --show-ties every line
carries the number of the group of tied sections it came from (0 when
its place is fixed), every role it could have had from another section
of the group, and every form of the address (one name with different
addresses in two sections: the first pushed wins).  Consecutive lines of one group are compared as a
set (and a role must be one of the possible ones); everything else must
match line for line, in order.

One deliberate difference: for "L: Mali DP Maintainers <malidp@...>"
get_maintainer.pl takes the first word as the list and prints an empty
address; we leave that line out.  Such lines are dropped from its output
and counted.

Prints "# ..." lines with the counts, and every mismatch; exits 1 on any.
"""
import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys

GM_OPTS = ["--no-git", "--no-git-fallback", "--nofixes"]
BPF_DIRS = ["kernel/bpf", "tools/lib/bpf", "tools/bpf", "net/core"]


def tree_files(ksrc):
    out = []
    for dirpath, dirnames, filenames in os.walk(ksrc):
        dirnames.sort()
        rel = os.path.relpath(dirpath, ksrc)
        for f in sorted(filenames):
            p = f if rel == "." else rel + "/" + f
            full = os.path.join(dirpath, f)
            if p == ".unpacked" or os.path.islink(full):
                continue
            if not os.path.isfile(full):
                continue
            if any(c in p for c in " \t\n\\"):
                continue
            out.append(p)
    out.sort()
    return out


def text_lines(ksrc, path):
    with open(os.path.join(ksrc, path), "rb") as f:
        data = f.read(200000)
    if b"\0" in data:
        return None
    return [l for l in data.split(b"\n") if l.strip()][:400]


def make_patch(rnd, ksrc, pool, n, out):
    files = rnd.sample(pool, rnd.randint(2, 6))
    msg = [b"From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001",
           b"From: Test Author <test@example.com>",
           b"Date: Tue, 14 Nov 2023 22:13:20 +0000",
           b"Subject: [PATCH] test: change %d" % n, b""]
    words = [b"Tighten the checks.", b"This helps bpf programs.",
             b"The xdp path needs it.", b"Found with clang.",
             b"No functional change."]
    msg.append(rnd.choice(words))
    msg.append(b"")
    if rnd.random() < 0.2:
        msg.append(b"Fixes: 0123456789ab (\"bpf: something\")")
    msg.append(b"Signed-off-by: Test Author <test@example.com>")
    msg.append(b"---")
    body = []
    for i, f in enumerate(files):
        lines = text_lines(ksrc, f) or [b"/* nothing */"]
        kind = rnd.random()
        a, b = f, f
        if kind < 0.1:
            a = f
            b = os.path.dirname(f) + "/renamed_%d.c" % n
            body += [b"diff --git a/%s b/%s" % (a.encode(), b.encode()),
                     b"similarity index 90%",
                     b"rename from " + a.encode(), b"rename to " + b.encode()]
        elif kind < 0.2:
            b = os.path.dirname(f) + "/new_%d.c" % n
            body += [b"diff --git a/%s b/%s" % (b.encode(), b.encode()),
                     b"new file mode 100644",
                     b"index 0000000..1111111",
                     b"--- /dev/null", b"+++ b/" + b.encode(),
                     b"@@ -0,0 +1,2 @@"]
            body += [b"+" + l for l in rnd.sample(lines, min(2, len(lines)))]
            continue
        elif kind < 0.25:
            body += [b"diff --git a/%s b/%s" % (a.encode(), b.encode()),
                     b"old mode 100644", b"new mode 100755"]
            msg.insert(-1, b" mode change 100644 => 100755 " + a.encode())
            continue
        else:
            body.append(b"diff --git a/%s b/%s" % (a.encode(), b.encode()))
        body += [b"index 1111111..2222222 100644",
                 b"--- a/" + a.encode(), b"+++ b/" + b.encode(),
                 b"@@ -1,3 +1,3 @@"]
        ctx = rnd.sample(lines, min(3, len(lines)))
        body += [b" " + ctx[0], b"-" + rnd.choice(lines),
                 b"+" + rnd.choice(lines)]
        body += [b" " + l for l in ctx[1:]]
    body.append(b"-- ")
    body.append(b"2.42.0")
    with open(out, "wb") as f:
        f.write(b"\n".join(msg + [b""] + body) + b"\n")


def run_gm(ksrc, inp, roles, is_file):
    cmd = ["perl", "scripts/get_maintainer.pl"] + GM_OPTS
    if not roles:
        cmd.append("--norolestats")
    if is_file:
        cmd += ["-f", inp]
    else:
        cmd.append(inp)
    p = subprocess.run(cmd, cwd=ksrc, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("get_maintainer.pl failed on %s: %s" %
                         (inp, p.stderr.decode(errors="replace")))
    return p.stdout.decode("utf-8", errors="surrogateescape").split("\n")[:-1]


def run_ours(ksrc, inputs, roles, is_file):
    cmd = ["git-bpf-maintainers", "--maintainers=MAINTAINERS", "--batch",
           "--show-ties"]
    if is_file:
        cmd.append("-f")
    if not roles:
        cmd.append("--no-roles")
    p = subprocess.run(cmd, cwd=ksrc, input="".join(i + "\n" for i in inputs)
                       .encode(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("git-bpf-maintainers failed (%d): %s" %
                         (p.returncode, p.stderr.decode(errors="replace")))
    answers, cur = [], []
    for line in p.stdout.decode("utf-8", errors="surrogateescape").split("\n")[:-1]:
        if line == "":
            answers.append(cur)
            cur = []
            continue
        parts = line.split("\t")
        roles = [x[2:] for x in parts[2:] if x.startswith("R:")]
        emails = [x[2:] for x in parts[2:] if x.startswith("E:")]
        cur.append((int(parts[0]), parts[1], roles, emails))
    if len(answers) != len(inputs):
        raise SystemExit("git-bpf-maintainers answered %d of %d queries" %
                         (len(answers), len(inputs)))
    return answers


def split_role(line, addr):
    """The role of a get_maintainer.pl line known to start with addr."""
    if not line.startswith(addr + " (") or not line.endswith(")"):
        return None
    return line[len(addr) + 2:-1]


def compare(ours, theirs, roles):
    """None when they agree, else a description of the difference."""
    i = 0
    j = 0
    while i < len(ours):
        k = i + 1
        if ours[i][0]:
            while k < len(ours) and ours[k][0] == ours[i][0]:
                k += 1
        block = ours[i:k]
        got = theirs[j:j + len(block)]
        if len(got) < len(block):
            return "get_maintainer.pl has fewer lines (from %r on)" % block[0][1]
        if len(block) == 1 and not block[0][0]:
            if block[0][1] != got[0]:
                return "line %d: ours %r, theirs %r" % (j + 1, block[0][1], got[0])
        else:
            left = list(got)
            for tie, text, alts, emails in block:
                if not roles:
                    for e in [text] + emails:
                        if e in left:
                            left.remove(e)
                            break
                    else:
                        return "tie group at line %d: %r not among %r" % (
                            j + 1, text, got)
                    continue
                # alts holds every role the line could have, its own too
                # (",in file" is added after the sections are read)
                poss = alts + [a + ",in file" for a in alts]
                addr = None
                for a in poss:
                    if text.endswith(" (%s)" % a):
                        addr = text[:-len(a) - 3]
                        break
                if addr is None:
                    return "tie group at line %d: %r has none of the roles %r" % (
                        j + 1, text, alts)
                ok = None
                for cand in left:
                    for e in [addr] + emails:
                        r = split_role(cand, e)
                        if r is not None and r in poss:
                            ok = cand
                            break
                    if ok:
                        break
                if ok is None:
                    return "tie group at line %d: %r (or %r) not among %r" % (
                        j + 1, text, alts, got)
                left.remove(ok)
        i = k
        j += len(block)
    if j != len(theirs):
        return "get_maintainer.pl has more lines: %r" % theirs[j:]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ksrc")
    ap.add_argument("workdir")
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--patches", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20231114)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", help="keep get_maintainer.pl's answers here "
                    "(for debugging the comparison)")
    ap.add_argument("--roles-every", type=int, default=2,
                    help="compare roles on every Nth file only (time)")
    args = ap.parse_args()
    ksrc = os.path.abspath(args.ksrc)
    rnd = random.Random(args.seed)

    every = tree_files(ksrc)
    sampled = rnd.sample(every, args.files)
    bpf = [p for p in every if any(p.startswith(d + "/") for d in BPF_DIRS)]
    files = sorted(set(sampled) | set(bpf))

    pool = [p for p in every if p.endswith((".c", ".h")) and
            any(p.startswith(d) for d in ("kernel/", "net/", "tools/", "drivers/net",
                                          "include/", "arch/x86", "lib/"))]
    pool = rnd.sample(pool, 3000)
    os.makedirs(args.workdir, exist_ok=True)
    patches = []
    for n in range(args.patches):
        out = os.path.abspath(os.path.join(args.workdir, "p%03d.patch" % n))
        make_patch(rnd, ksrc, pool, n, out)
        patches.append(out)

    jobs = []
    for roles in (False, True):
        jobs += [(f, roles, True) for f in
                 (files[::args.roles_every] if roles else files)]
        jobs += [(p, roles, False) for p in patches]
    cache = {}
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as f:
            cache = {tuple(k): v for k, v in json.load(f)}
    todo = [j for j in jobs if j not in cache]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        results = list(ex.map(lambda j: run_gm(ksrc, *j), todo))
    theirs = dict(cache)
    theirs.update({j: r for j, r in zip(todo, results)})
    if args.cache:
        with open(args.cache, "w") as f:
            json.dump([[list(k), v] for k, v in theirs.items()], f)

    failures = 0
    counts = {}
    quirks = 0
    tie_queries = 0
    for roles in (False, True):
        for is_file, inputs in ((True, files), (False, patches)):
            inputs = [i for i in inputs if (i, roles, is_file) in theirs]
            answers = run_ours(ksrc, inputs, roles, is_file)
            for inp, ours in zip(inputs, answers):
                th = theirs[(inp, roles, is_file)]
                kept = [l for l in th if l and not l.startswith(" (")]
                quirks += len(th) - len(kept)
                if any(o[0] for o in ours):
                    tie_queries += 1
                diff = compare(ours, kept, roles)
                key = ("roles" if roles else "no-roles",
                       "files" if is_file else "patches")
                counts[key] = counts.get(key, 0) + 1
                counts[key + ("lines",)] = counts.get(key + ("lines",), 0) + len(kept)
                if diff:
                    failures += 1
                    print("MISMATCH %s (%s): %s" % (inp, key[0], diff))
                    print("  ours:   %r" % [o[1] for o in ours])
                    print("  theirs: %r" % kept)
    for roles in ("no-roles", "roles"):
        for kind in ("files", "patches"):
            print("# %s %s: %d queries, %d lines compared" % (
                kind, roles, counts.get((roles, kind), 0),
                counts.get((roles, kind, "lines"), 0)))
    print("# answers with tied sections (compared as sets): %d" % tie_queries)
    print("# empty-address list lines dropped from get_maintainer.pl: %d" % quirks)
    print("# mismatches: %d" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
