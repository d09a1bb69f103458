// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/session_options.hpp"

#include "zklive/util/log.hpp"

#include "support/temp_dir.hpp"
#include "support/vault_csi_mount.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using zklive::config::Config;
using zklive::config::SecretsProvider;
using zklive::test::simple_secret;
using zklive::test::TempDir;
using zklive::test::VaultCsiMount;
using zklive::zk::session_options;
using zklive::zk::SessionRole;

TEST_CASE("session_options: an unset zookeeper.read_only means yes for the watcher, no for "
          "commands, and a set one counts for both",
          "[zk][session_options]") {
    Config config;
    config.hosts = "zk01:2181";
    CHECK(session_options(config).read_only == false);
    CHECK(session_options(config, SessionRole::command).read_only == false);
    CHECK(session_options(config, SessionRole::watcher).read_only == true);

    config.read_only = false;
    CHECK(session_options(config, SessionRole::watcher).read_only == false);
    config.read_only = true;
    CHECK(session_options(config, SessionRole::command).read_only == true);
}

TEST_CASE("refresh_credentials reads the store again, and keeps what it had when it cannot",
          "[zk][session_options][vault_csi]") {
    TempDir dir;
    VaultCsiMount mount(dir.path() / "csi", {{"secret/zk", simple_secret("svc:first")}});
    Config config;
    config.hosts = "zk01:2181";
    config.credentials = {"secret/zk"};
    config.secrets_provider = SecretsProvider::vault_csi;
    config.secrets_path = mount.root();
    auto options = session_options(config, SessionRole::watcher);
    REQUIRE(options.credentials.size() == 1);
    CHECK(options.credentials[0].password == "first");

    mount.publish({{"secret/zk", simple_secret("svc:second")}});
    zklive::zk::refresh_credentials(options, config);
    REQUIRE(options.credentials.size() == 1);
    CHECK(options.credentials[0].password == "second");

    // Mid-rotation, say: no ..data at all. The credentials read before stay.
    auto old_level = zklive::log::level();
    zklive::log::set_level(zklive::log::Level::error); // the warning is expected
    std::filesystem::remove(mount.root() / "..data");
    zklive::zk::refresh_credentials(options, config);
    zklive::log::set_level(old_level);
    REQUIRE(options.credentials.size() == 1);
    CHECK(options.credentials[0].password == "second");
}
