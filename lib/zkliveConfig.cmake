# SPDX-License-Identifier: Apache-2.0
# find_package(zklive): zklive::zklive (shared) and zklive::zklive_static.
include(CMakeFindDependencyMacro)
find_dependency(Threads)
find_dependency(fmt) # for zklive::zklive_static
include("${CMAKE_CURRENT_LIST_DIR}/zkliveTargets.cmake")
