// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/metrics_file.hpp"

#include "zklive/error.hpp"
#include "zklive/metrics/text_format.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

using zklive::metrics::MetricsFile;
using zklive::metrics::Registry;

namespace {

// Sets the umask for a scope: a strict one shows the file's mode is chosen, not inherited.
struct ScopedUmask {
    mode_t previous;
    explicit ScopedUmask(mode_t mask) : previous(::umask(mask)) {}
    ~ScopedUmask() { ::umask(previous); }
};

} // namespace

TEST_CASE("MetricsFile replaces the file with the rendering, mode 0644 whatever the umask",
          "[metrics]") {
    zklive::test::TempDir dir("zklive-metrics");
    auto path = (dir.path() / "zklive.prom").string();
    Registry registry;
    auto& up = registry.gauge("zklive_up", "Up");
    up.set({}, 1);
    MetricsFile file(path);
    {
        ScopedUmask strict(077);
        file.write(registry);
    }
    CHECK(zklive::test::read_file(path) == zklive::metrics::render_text(registry));
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0644);

    up.set({}, 0);
    file.write(registry);
    CHECK(zklive::test::read_file(path).ends_with("zklive_up 0\n"));
    // Nothing but the file: no temp file left beside it.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("MetricsFile names the path when it cannot write", "[metrics]") {
    zklive::test::TempDir dir("zklive-metrics");
    zklive::test::write_text(dir.path() / "file", "not a directory");
    MetricsFile file((dir.path() / "file" / "zklive.prom").string());
    try {
        file.write(Registry());
        FAIL("no error");
    } catch (const zklive::Error& e) {
        CHECK(e.exit_code() == 1);
        CHECK(std::string(e.what()).find((dir.path() / "file").string()) != std::string::npos);
    }
}
