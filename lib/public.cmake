# SPDX-License-Identifier: Apache-2.0
# The zklive C++ library as users get it: the headers of include/zklive/ (nothing else is
# public, and they include nothing internal), a shared library with a soname, the static one,
# a CMake package (find_package(zklive) gives zklive::zklive and zklive::zklive_static) and
# zklive.pc for pkg-config. Components: `library` (the shared object a program runs with) and
# `development` (the rest).
# The library holds what its API needs: the file watcher, and for the Mirror the mirror engine
# with the session layer and the config reader (INI files, secrets) under it.
add_library(zklive_public_objects OBJECT
  zklive/app/errors.cpp
  zklive/app/file_identity.cpp
  zklive/app/mirror.cpp
  zklive/app/mirror_core.cpp
  zklive/app/node_stat.cpp
  zklive/app/watched_file.cpp
  zklive/util/file_io.cpp
  zklive/util/result.cpp
  zklive/config/byte_size.cpp
  zklive/config/config.cpp
  zklive/config/env_expand.cpp
  zklive/config/ini_reader.cpp
  zklive/config/ini_text_source.cpp
  zklive/config/live_data_items.cpp
  zklive/config/node_collector.cpp
  zklive/config/secrets.cpp
  zklive/config/timespan.cpp
  zklive/mirror/event_queue.cpp
  zklive/mirror/mirror_engine.cpp
  zklive/mirror/mirror_sessions.cpp
  zklive/mirror/node_state.cpp
  zklive/mirror/zookeeper_session.cpp
  zklive/util/accounts.cpp
  zklive/util/backoff.cpp
  zklive/util/base64.cpp
  zklive/util/json_syntax.cpp
  zklive/util/log.cpp
  zklive/util/text.cpp
  zklive/zk/acl.cpp
  zklive/zk/acl_text.cpp
  zklive/zk/client_handle.cpp
  zklive/zk/client_log.cpp
  zklive/zk/errors.cpp
  zklive/zk/hosts.cpp
  zklive/zk/limits.cpp
  zklive/zk/path.cpp
  zklive/zk/session.cpp
  zklive/zk/session_options.cpp
  zklive/zk/stat.cpp
  zklive/zk/subtree.cpp
)
# Only what the public headers mark ZKLIVE_API is exported (zklive/export.hpp).
set_target_properties(zklive_public_objects PROPERTIES POSITION_INDEPENDENT_CODE ON
  CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(zklive_public_objects
  PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
set(zklive_private_libraries zookeeper::mt fmt::fmt PkgConfig::INIH)
target_link_libraries(zklive_public_objects
  PRIVATE ${zklive_private_libraries} nlohmann_json::nlohmann_json)

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
target_link_libraries(zklive_shared PRIVATE ${zklive_private_libraries})
# A static library's users link what it needs: here the imported targets, once installed the
# libraries by name (the ZooKeeper client and inih have no CMake package) and fmt's package.
target_link_libraries(zklive_static PUBLIC
  "$<BUILD_INTERFACE:${zklive_private_libraries}>"
  "$<INSTALL_INTERFACE:zookeeper_mt;inih;fmt::fmt>")
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
