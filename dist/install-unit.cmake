# SPDX-License-Identifier: Apache-2.0
# Installs the systemd units (zklive-watch@.service, zklive-register@.service). Their
# ExecStart= names the installed binary, so each unit is made at install time, when the prefix
# is known: `cmake --install --prefix P` or CPack's /usr, whatever the build was configured
# with. Set by dist/CMakeLists.txt: zklive_unit_templates (UNIT.in files), zklive_unit_staging,
# zklive_bindir.
if(IS_ABSOLUTE "${zklive_bindir}")
  set(ZKLIVE_BINARY "${zklive_bindir}/zklive")
else()
  set(ZKLIVE_BINARY "${CMAKE_INSTALL_PREFIX}/${zklive_bindir}/zklive")
endif()
# One staging directory per destination: installs into different places may run at once.
string(SHA1 destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
foreach(template ${zklive_unit_templates})
  get_filename_component(name "${template}" NAME)
  string(REGEX REPLACE "\\.in$" "" name "${name}")
  set(unit "${zklive_unit_staging}/${destination}/${name}")
  configure_file("${template}" "${unit}" @ONLY)
  file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE FILES "${unit}")
endforeach()
