// SPDX-License-Identifier: Apache-2.0
// Credentials stay in the secrets file: no command prints them, in text or --json, on success
// or failure, at the most verbose log level, and a running watcher does not show them in ps.
#include "watcher.hpp"

#include <catch2/catch.hpp>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

// Distinctive, so that finding one anywhere can only be a leak.
const std::string password = "Pw-7Qz-canary-41";
const std::string wrong_password = "Wrong-9Rk-canary-83";

// A config NAME.ini that authenticates as digest user "svc" with `pw` (from the secrets file
// NAME.json) and keeps node `source` in `dest`.
fs::path config_with_password(const Sandbox& sb, const std::string& name, const std::string& pw,
                              const std::string& source, const fs::path& dest) {
    auto secrets = sb.write_file(name + ".json",
                                 R"({"secrets": {"secret/zk": {"type": "simple", "value": "svc:)" +
                                     pw + R"("}}})");
    return sb.write_config("zookeeper.credentials = secret/zk\nsecrets.path = " + secrets.string() +
                               "\n" + node_keys("secret", source, dest),
                           true, name + ".ini");
}

bool shows_a_password(const std::string& text) {
    return text.find(password) != std::string::npos ||
           text.find(wrong_password) != std::string::npos;
}

} // namespace

TEST_CASE("no command shows the credentials, in text or JSON, succeeding or failing, even "
          "at debug level",
          "[security]") {
    Sandbox sb;
    auto source = sb.node("secret");
    auto dest = sb.dir() / "secret.txt";
    auto config = config_with_password(sb, "right", password, source, dest).string();
    auto wrong = config_with_password(sb, "wrong", wrong_password, source, dest).string();
    auto new_data = sb.write_file("new.txt", "second\n").string();
    struct Run {
        std::vector<std::string> args;
        int exit_code;
        std::string expected; // in stdout or stderr: the command did what the case says
    };
    // -vv: debug logging, the ZooKeeper client's own lines included.
    std::vector<Run> runs{
        {{"-vv", "create-node", config, source, "--acl", "private", "-"}, 0, "ACL private"},
        {{"-vv", "get", "--json", config, source}, 0, "\"path\""},
        {{"-vv", "ls", "--json", config, sb.root()}, 0, "\"secret\""},
        {{"-vv", "write", config, new_data, source}, 0, "Wrote data"},
        {{"-vv", "watch", "--once", config}, 0, "initial sync of 1 node"},
        {{"-vv", "diff", "--json", config}, 0, "\"in_sync\""},
        {{"-vv", "check-freshness", "--json", "--zk", config}, 0, "\"status\""},
        // The wrong password: ZooKeeper accepts the session, then denies the private node.
        {{"-vv", "get", "--json", wrong, source}, 1, "permission denied"},
        {{"-vv", "ls", "--json", wrong, source}, 1, "permission denied"},
        {{"-vv", "write", wrong, new_data, source}, 1, "permission denied"},
        {{"-vv", "watch", "--once", wrong}, 1, "permission denied"},
        {{"-vv", "diff", "--json", wrong}, 2, "permission denied"},
        // The check reads the node as the watcher does: what it may not read is not verified.
        {{"-vv", "check-freshness", "--json", "--zk", wrong},
         3,
         "\"version\": \"node_unreadable\""},
    };
    for (const auto& run : runs) {
        auto r = sb.zklive(run.args, "first\n");
        std::string command;
        for (const auto& arg : run.args)
            command += " " + arg;
        INFO("zklive" << command << "\nstdout: " << r.out << "\nstderr: " << r.err);
        CHECK(r.exit_code == run.exit_code);
        CHECK((r.out + r.err).find(run.expected) != std::string::npos);
        CHECK_FALSE(shows_a_password(r.out));
        CHECK_FALSE(shows_a_password(r.err));
    }
}

TEST_CASE("a running watcher shows its credentials neither in ps nor in its debug log",
          "[security][watch][service]") {
    Sandbox sb;
    auto source = sb.node("secret");
    auto dest = sb.dir() / "secret.txt";
    auto config = config_with_password(sb, "right", password, source, dest);
    REQUIRE(sb.zklive({"create-node", config.string(), source, "--acl", "private", "-"}, "v1")
                .exit_code == 0);

    RunningWatcher watcher(sb, config, {"ZKLIVE_LOG_LEVEL=debug"});
    REQUIRE(wait_for_content(dest, "v1"));
    REQUIRE(sb.zklive({"write", config.string(), "-", source}, "v2").exit_code == 0);
    REQUIRE(wait_for_content(dest, "v2"));

    // What ps shows: the command line as the process presents it now.
    auto cmdline = read_file("/proc/" + std::to_string(watcher.process().pid()) + "/cmdline");
    CHECK(cmdline.find(config.string()) != std::string::npos);
    CHECK_FALSE(shows_a_password(cmdline));
    REQUIRE(watcher.stop()); // its log is complete, shutdown included
    auto log = watcher.log();
    CHECK(log.find("zookeeper client") != std::string::npos); // the debug level was on
    CHECK_FALSE(shows_a_password(log));
    CHECK_FALSE(shows_a_password(watcher.process().read_stdout()));
}
