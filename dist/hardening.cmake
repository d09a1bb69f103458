# SPDX-License-Identifier: Apache-2.0
# The hardening that Debian's dpkg-buildflags gives its packages, beyond what Debian's gcc
# does by default (PIE): fortified libc calls, stack protection, read-only relocations bound
# at start-up. Sanitizer and fuzzing builds keep their own instrumentation instead.
include(CheckCXXCompilerFlag)
if(NOT ZKLIVE_SANITIZE AND NOT ZKLIVE_FUZZ)
  # _FORTIFY_SOURCE needs the optimiser: not in Debug builds (glibc would warn).
  add_compile_options($<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE>
                      $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>
                      -fstack-protector-strong -Wformat -Werror=format-security)
  # Not every target has these (-fcf-protection is x86's).
  foreach(flag -fstack-clash-protection -fcf-protection)
    string(MAKE_C_IDENTIFIER "ZKLIVE_HAS${flag}" has_flag)
    check_cxx_compiler_flag(${flag} ${has_flag})
    if(${has_flag})
      add_compile_options(${flag})
    endif()
  endforeach()
  add_link_options(LINKER:-z,relro LINKER:-z,now)
endif()
