# SPDX-License-Identifier: Apache-2.0
# The zklive C++ library as users get it: the headers of include/zklive/ (nothing else is
# public, and they include nothing internal), a shared library with a soname, the static one,
# a CMake package (find_package(zklive) gives zklive::zklive and zklive::zklive_static) and
# zklive.pc for pkg-config. Components: `library` (the shared object a program runs with) and
# `development` (the rest).
add_library(zklive_public_objects OBJECT
  zklive/app/errors.cpp
  zklive/app/file_identity.cpp
  zklive/app/watched_file.cpp
  zklive/util/file_io.cpp
  zklive/util/result.cpp)
# Only what the public headers mark ZKLIVE_API is exported (zklive/export.hpp).
set_target_properties(zklive_public_objects PROPERTIES POSITION_INDEPENDENT_CODE ON
  CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(zklive_public_objects
  PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

# Before 1.0 any minor release may change the ABI (the API is templates over a small core),
# so the soname carries major.minor: libzklive.so.0.1.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(zklive_soversion ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(zklive_soversion ${PROJECT_VERSION_MAJOR})
endif()

add_library(zklive_shared SHARED $<TARGET_OBJECTS:zklive_public_objects>)
add_library(zklive_static STATIC $<TARGET_OBJECTS:zklive_public_objects>)
set_target_properties(zklive_shared PROPERTIES OUTPUT_NAME zklive EXPORT_NAME zklive
  VERSION ${PROJECT_VERSION} SOVERSION ${zklive_soversion})
set_target_properties(zklive_static PROPERTIES OUTPUT_NAME zklive EXPORT_NAME zklive_static)
foreach(target zklive_shared zklive_static)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_link_libraries(${target} PUBLIC Threads::Threads)
endforeach()
add_library(zklive::zklive ALIAS zklive_shared)
add_library(zklive::zklive_static ALIAS zklive_static)

install(TARGETS zklive_shared zklive_static EXPORT zkliveTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library NAMELINK_COMPONENT development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(DIRECTORY include/zklive DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)

set(zklive_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/zklive)
install(EXPORT zkliveTargets NAMESPACE zklive:: DESTINATION ${zklive_cmake_dir}
  COMPONENT development)
include(CMakePackageConfigHelpers)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/zkliveConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES zkliveConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/zkliveConfigVersion.cmake
  DESTINATION ${zklive_cmake_dir} COMPONENT development)

# zklive.pc names the prefix it is installed under, known only at install time
# (`cmake --install --prefix P`, CPack's /usr): made then, like the systemd unit.
install(CODE "
  set(zklive_pc_template \"${CMAKE_CURRENT_SOURCE_DIR}/zklive.pc.in\")
  set(zklive_pc_staging \"${CMAKE_CURRENT_BINARY_DIR}/pkgconfig\")
  set(zklive_libdir \"${CMAKE_INSTALL_LIBDIR}\")
  set(zklive_includedir \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(zklive_version \"${PROJECT_VERSION}\")" COMPONENT development)
install(SCRIPT install-pkg-config.cmake COMPONENT development)
