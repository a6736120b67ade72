// SPDX-License-Identifier: GPL-2.0
/* Unit tests of doctor's parsers: the tools' version texts, kernel config
 * fragments, the top Makefile's version and uname -r against it. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "doctor.h"
#include "kernel.h"
#include "tool.h"

/* As Debian's llc 14 prints it, shortened. */
static const char llc14[] =
	"Debian LLVM version 14.0.6\n"
	"  Optimized build.\n"
	"  Default target: x86_64-pc-linux-gnu\n"
	"  Host CPU: rocketlake\n"
	"\n"
	"  Registered Targets:\n"
	"    aarch64    - AArch64 (little endian)\n"
	"    avr        - Atmel AVR Microcontroller\n"
	"    bpf        - BPF (host endian)\n"
	"    bpfeb      - BPF (big endian)\n"
	"    bpfel      - BPF (little endian)\n"
	"    x86-64     - 64-bit X86: EM64T and AMD64\n";

static const char llc_x86_only[] =
	"LLVM (http://llvm.org/):\n"
	"  LLVM version 17.0.6\n"
	"  Optimized build.\n"
	"  Default target: x86_64-unknown-linux-gnu\n"
	"  Host CPU: znver3\n"
	"\n"
	"  Registered Targets:\n"
	"    x86        - 32-bit X86: Pentium-Pro and above\n"
	"    x86-64     - 64-bit X86: EM64T and AMD64\n";

static const char mcpu_help[] =
	"Available CPUs for this target:\n"
	"\n"
	"  generic - Select the generic processor.\n"
	"  probe   - Select the probe processor.\n"
	"  v1      - Select the v1 processor.\n"
	"  v2      - Select the v2 processor.\n"
	"  v3      - Select the v3 processor.\n"
	"\n"
	"Available features for this target:\n"
	"\n"
	"  alu32    - Enable ALU32 instructions.\n"
	"  dummy    - unused feature.\n"
	"  dwarfris - Disable MCAsmInfo DwarfUsesRelocationsAcrossSections.\n";

/* LLVM 8 knew no v3; a feature named like a cpu must not count */
static const char mcpu_help_llvm8[] =
	"Available CPUs for this target:\n"
	"\n"
	"  generic - Select the generic processor.\n"
	"  probe   - Select the probe processor.\n"
	"  v1      - Select the v1 processor.\n"
	"  v2      - Select the v2 processor.\n"
	"\n"
	"Available features for this target:\n"
	"\n"
	"  v3       - not a cpu.\n";

static void test_llc_targets(void **state)
{
	struct strvec t = STRVEC_INIT;

	doctor_llc_targets(llc14, &t);
	assert_int_equal(t.nr, 6);
	assert_true(strvec_has(&t, "bpf", false));
	assert_true(strvec_has(&t, "bpfel", false));
	assert_true(strvec_has(&t, "bpfeb", false));
	assert_true(strvec_has(&t, "x86-64", false));
	/* the header lines are no targets */
	assert_false(strvec_has(&t, "Optimized", false));
	assert_false(strvec_has(&t, "Host", false));
	strvec_clear(&t);

	doctor_llc_targets(llc_x86_only, &t);
	assert_int_equal(t.nr, 2);
	assert_false(strvec_has(&t, "bpf", false));
	strvec_clear(&t);

	doctor_llc_targets("no targets here\n", &t);
	assert_int_equal(t.nr, 0);
	strvec_clear(&t);
}

static void test_llc_cpu(void **state)
{
	assert_true(doctor_llc_has_cpu(mcpu_help, "v3"));
	assert_true(doctor_llc_has_cpu(mcpu_help, "probe"));
	assert_false(doctor_llc_has_cpu(mcpu_help, "v4"));
	assert_false(doctor_llc_has_cpu(mcpu_help, "alu32"));
	assert_false(doctor_llc_has_cpu(mcpu_help_llvm8, "v3"));
	assert_true(doctor_llc_has_cpu(mcpu_help_llvm8, "probe"));
	assert_false(doctor_llc_has_cpu("", "v3"));
}

static void test_tool_version(void **state)
{
	int v[3];

	assert_int_equal(tool_version_parse(llc14, "LLVM version ", v), 0);
	assert_int_equal(v[0], 14);
	assert_int_equal(v[1], 0);
	assert_int_equal(v[2], 6);
	assert_int_equal(tool_version_parse(llc_x86_only, "LLVM version ",
					     v), 0);
	assert_int_equal(v[0], 17);
	assert_int_equal(tool_version_parse(
		"Ubuntu clang version 18.1.3 (1ubuntu1)\nTarget: x86_64\n",
		"clang version ", v), 0);
	assert_int_equal(v[0], 18);
	assert_int_equal(v[1], 1);
	assert_int_equal(v[2], 3);
	assert_int_equal(tool_version_parse("v1.24\n", NULL, v), 0);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[1], 24);
	assert_int_equal(tool_version_parse("v1.15\n", NULL, v), 0);
	assert_int_equal(v[1], 15);
	assert_int_equal(tool_version_parse("1.9", NULL, v), 0);
	assert_int_equal(v[1], 9);
	assert_int_equal(tool_version_parse("pahole: unknown option\n",
					     NULL, v), -1);
	assert_int_equal(tool_version_parse("gcc version 12", "clang version ",
					     v), -1);
	assert_int_equal(tool_version_parse("clang version x",
					     "clang version ", v), -1);
}

static void test_kconfig(void **state)
{
	struct kconfig want = { 0 }, have = { 0 };
	struct strvec out = STRVEC_INIT;

	kconfig_parse(&want,
		      "CONFIG_BPF=y\n"
		      "CONFIG_BPF_JIT=y\n"
		      "CONFIG_NET_CLS_BPF=m\n"
		      "CONFIG_LSM=\"selinux,bpf,integrity\"\n"
		      "# CONFIG_DEBUG_INFO_REDUCED is not set\n"
		      "CONFIG_NR_CPUS=128 \r\n"
		      "# a comment\n"
		      "CONFIG_DUP=m\n"
		      "CONFIG_DUP=y\n"
		      "NOT_CONFIG=y\n"
		      "CONFIG_=y");
	assert_int_equal(want.nr, 8);
	assert_string_equal(kconfig_get(&want, "CONFIG_NR_CPUS"), "128");
	assert_string_equal(kconfig_get(&want, "CONFIG_DEBUG_INFO_REDUCED"),
			    "n");
	assert_string_equal(kconfig_get(&want, "CONFIG_LSM"),
			    "\"selinux,bpf,integrity\"");
	assert_string_equal(kconfig_get(&want, "CONFIG_DUP"), "y");
	assert_null(kconfig_get(&want, "CONFIG_"));

	kconfig_parse(&have,
		      "#\n# Automatically generated file; DO NOT EDIT.\n#\n"
		      "CONFIG_BPF=y\n"
		      "# CONFIG_BPF_JIT is not set\n"
		      "CONFIG_NET_CLS_BPF=y\n"
		      "CONFIG_LSM=\"landlock,lockdown\"\n"
		      "CONFIG_NR_CPUS=128\n"
		      "CONFIG_DUP=m\n");
	assert_int_equal(kconfig_compare(&want, &have, &out), 3);
	assert_int_equal(out.nr, 3);
	assert_string_equal(out.v[0], "CONFIG_BPF_JIT: not set, want y");
	assert_string_equal(out.v[1],
		"CONFIG_LSM: \"landlock,lockdown\", want \"selinux,bpf,integrity\"");
	assert_string_equal(out.v[2], "CONFIG_DUP: m, want y");
	strvec_clear(&out);
	kconfig_release(&have);

	kconfig_parse(&have, "CONFIG_DEBUG_INFO_REDUCED=y\n");
	assert_int_equal(kconfig_compare(&want, &have, &out), 7);
	assert_string_equal(out.v[0], "CONFIG_BPF: missing, want y");
	assert_string_equal(out.v[4], "CONFIG_DEBUG_INFO_REDUCED: y, want n");
	strvec_clear(&out);
	kconfig_release(&have);
	kconfig_release(&want);
}

static void test_makefile_version(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(kernel_makefile_version(&sb,
		"# SPDX-License-Identifier: GPL-2.0\n"
		"VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n"
		"EXTRAVERSION =\nNAME = Hurr durr I'ma ninja sloth\n"), 0);
	assert_string_equal(sb.buf, "6.1.0");
	strbuf_reset(&sb);
	assert_int_equal(kernel_makefile_version(&sb,
		"VERSION = 6\nPATCHLEVEL = 8\nSUBLEVEL = 0\n"
		"EXTRAVERSION = -rc3\n"
		"KERNELVERSION = $(VERSION)\n"), 0);
	assert_string_equal(sb.buf, "6.8.0-rc3");
	strbuf_reset(&sb);
	/* variables named alike are not the version */
	assert_int_equal(kernel_makefile_version(&sb,
		"VERSIONS = 9\nVERSION=5\nPATCHLEVEL=15\nSUBLEVEL=148\n"), 0);
	assert_string_equal(sb.buf, "5.15.148");
	strbuf_reset(&sb);
	assert_int_equal(kernel_makefile_version(&sb, "all:\n\techo\n"), -1);
	assert_int_equal(kernel_makefile_version(&sb, "VERSION =\n"), -1);
	strbuf_release(&sb);
}

static void test_release_matches(void **state)
{
	assert_true(kernel_release_matches("6.1.0-13-amd64", "6.1.0"));
	assert_true(kernel_release_matches("6.1.0", "6.1.0"));
	assert_true(kernel_release_matches("6.8.0-rc3+", "6.8.0-rc3"));
	assert_false(kernel_release_matches("6.1.10", "6.1.1"));
	assert_false(kernel_release_matches("6.18.44-fc-v669", "6.1.0"));
	assert_false(kernel_release_matches("6.1.0", ""));
}

static void test_report(void **state)
{
	struct doctor_report r = { 0 };
	struct doctor_check *c;
	char *json;

	doctor_add(&r, "clang", DOCTOR_OK, NULL, "clang %d.%d", 14, 0);
	c = doctor_add(&r, "kernel-config", DOCTOR_ERROR, "merge \"it\"",
		       "'%s' lacks 1 option", ".config");
	strvec_push(&c->details, "CONFIG_BPF: missing, want y");
	doctor_add(&r, "remotes", DOCTOR_WARNING, "git remote add", "none");
	assert_int_equal(doctor_count(&r, DOCTOR_OK), 1);
	assert_int_equal(doctor_count(&r, DOCTOR_WARNING), 1);
	assert_int_equal(doctor_count(&r, DOCTOR_ERROR), 1);
	json = doctor_json(&r);
	assert_non_null(strstr(json, "\"check\": \"kernel-config\""));
	assert_non_null(strstr(json, "\"fix\": \"merge \\\"it\\\"\""));
	assert_non_null(strstr(json, "\"fix\": null"));
	assert_non_null(strstr(json, "\"errors\": 1"));
	free(json);
	doctor_report_release(&r);
	doctor_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_llc_targets),
		cmocka_unit_test(test_llc_cpu),
		cmocka_unit_test(test_tool_version),
		cmocka_unit_test(test_kconfig),
		cmocka_unit_test(test_makefile_version),
		cmocka_unit_test(test_release_matches),
		cmocka_unit_test(test_report),
	};

	RUN_TAP(tests);
}
