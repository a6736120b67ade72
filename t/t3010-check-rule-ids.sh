#!/bin/sh
test_description='check: every rule id the code reports is one of the table'
. ./lib.sh

# check_addf() drops a finding whose rule is not in the table, so a
# typo in an id would switch a check off without a word: hold every id
# the sources report against the ids --list-rules prints.
test_expect_success 'every check_addf() names a rule of the table' '
	git bpf check --list-rules | sed "s/ .*//" | sort >known &&
	test -s known &&
	/usr/bin/python3 - "$GIT_BPF_SRC"/common/check*.c >used <<-\PY &&
	import re, sys
	ids = set()
	for path in sys.argv[1:]:
	    text = open(path).read()
	    for m in re.finditer(r"check_addf\(\s*[^,]+,\s*[^,]+,\s*([^,]+),", text):
	        arg = m.group(1).strip()
	        if arg == "const char *rule":
	            continue
	        if not arg.startswith("\""):
	            sys.exit("%s: rule id is no literal: %s" % (path, arg))
	        ids.add(arg.strip("\""))
	for i in sorted(ids):
	    print(i)
	PY
	test $(wc -l <used) -gt 20 &&
	comm -23 used known >unknown &&
	test_must_be_empty unknown
'

test_done
