# SPDX-License-Identifier: Apache-2.0
# Installs zklive-watch@.service. Its ExecStart= names the installed binary, so the unit is
# made at install time, when the prefix is known: `cmake --install --prefix P` or CPack's
# /usr, whatever the build was configured with. Set by dist/CMakeLists.txt:
# zklive_unit_template, zklive_unit_staging, zklive_bindir.
if(IS_ABSOLUTE "${zklive_bindir}")
  set(ZKLIVE_BINARY "${zklive_bindir}/zklive")
else()
  set(ZKLIVE_BINARY "${CMAKE_INSTALL_PREFIX}/${zklive_bindir}/zklive")
endif()
# One staging file per destination: installs into different places may run at once.
string(SHA1 destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(unit "${zklive_unit_staging}/${destination}/zklive-watch@.service")
configure_file("${zklive_unit_template}" "${unit}" @ONLY)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE FILES "${unit}")
