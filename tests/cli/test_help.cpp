// SPDX-License-Identifier: Apache-2.0
// --help, help CMD, --version: no config and no server needed; usage errors exit 2.
#include "sandbox.hpp"

#include "support/process.hpp"

#include <catch2/catch.hpp>

namespace {

zklive::test::ProcessResult zklive_offline(const std::vector<std::string>& args) {
    std::vector<std::string> argv{ZKLIVE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    // Nothing to connect to: help must not need it.
    return zklive::test::run_process(argv, {}, {"ZKLIVE_CONFIG=/nonexistent.ini"});
}

const std::vector<std::string> command_names{"get", "ls", "create-node"};
const std::vector<std::string> all_commands{"watch", "write", "diff", "get", "ls", "create-node",
                                            "check-freshness"};

} // namespace

TEST_CASE("zklive --help lists every command and the exit statuses", "[help]") {
    auto r = zklive_offline({"--help"});
    CHECK(r.exit_code == 0);
    for (const auto& name : command_names)
        CHECK(r.out.find("\n  " + name + " ") != std::string::npos);
    CHECK(r.out.find("Exit status: 0 success; 1 the operation failed") != std::string::npos);
}

TEST_CASE("every command has --help and help CMD, with its usage", "[help]") {
    for (const auto& name : command_names) {
        INFO(name);
        auto direct = zklive_offline({name, "--help"});
        CHECK(direct.exit_code == 0);
        CHECK(direct.out.find("Usage: zklive " + name + " [OPTIONS] [CONFIG] ZNODE") !=
              std::string::npos);
        CHECK(direct.out.find("--hosts") != std::string::npos);
        CHECK(direct.out.find("Exit status:") != std::string::npos);
        auto via_help = zklive_offline({"help", name});
        CHECK(via_help.exit_code == 0);
        CHECK(via_help.out == direct.out);
    }
}

TEST_CASE("every command's --help shows its usage and its exit statuses", "[help]") {
    auto overview = zklive_offline({"--help"});
    for (const auto& name : all_commands) {
        INFO(name);
        CHECK(overview.out.find("\n  " + name + " ") != std::string::npos);
        auto r = zklive_offline({name, "--help"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("Usage: zklive " + name + " [OPTIONS]") != std::string::npos);
        CHECK(r.out.find("Exit status") != std::string::npos);
    }
}

TEST_CASE("zklive help without a topic prints the overview", "[help]") {
    auto r = zklive_offline({"help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == zklive_offline({"--help"}).out);
}

TEST_CASE("zklive --version prints the version", "[help]") {
    auto r = zklive_offline({"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("zklive "));
}

TEST_CASE("usage errors exit 2 with a zklive: message", "[help]") {
    auto r = zklive_offline({"frobnicate"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.starts_with("zklive: "));

    r = zklive_offline({"get", "--no-such-flag", "/x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.starts_with("zklive: "));
    CHECK(r.err.find("--no-such-flag") != std::string::npos);
    CHECK(r.err.find("zklive get --help") != std::string::npos);

    r = zklive_offline({"help", "frobnicate"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: no command named 'frobnicate'; run 'zklive help' for the list\n");

    r = zklive_offline({});
    CHECK(r.exit_code == 2);
}
