// SPDX-License-Identifier: Apache-2.0
// The Catch2 runner, compiled once for both test binaries.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
