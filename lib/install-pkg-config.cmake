# SPDX-License-Identifier: Apache-2.0
# Installs zklive.pc for the prefix of this install. Set by lib/public.cmake:
# zklive_pc_template, zklive_pc_staging, zklive_libdir, zklive_includedir, zklive_version.
foreach(dir libdir includedir)
  if(IS_ABSOLUTE "${zklive_${dir}}")
    set(zklive_${dir}_absolute "${zklive_${dir}}")
    set(zklive_${dir}_installed "${zklive_${dir}}")
  else()
    set(zklive_${dir}_absolute "\${prefix}/${zklive_${dir}}")
    set(zklive_${dir}_installed "${CMAKE_INSTALL_PREFIX}/${zklive_${dir}}")
  endif()
endforeach()
# One staging file per destination: installs into different places may run at once.
string(SHA1 destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(pc "${zklive_pc_staging}/${destination}/zklive.pc")
configure_file("${zklive_pc_template}" "${pc}" @ONLY)
file(INSTALL DESTINATION "${zklive_libdir_installed}/pkgconfig" TYPE FILE FILES "${pc}")
