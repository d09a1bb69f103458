// SPDX-License-Identifier: Apache-2.0
// zklive write --confirm and write.confirm: ask on a terminal after the diff, refuse without one.
#include "dialogue.hpp"
#include "sandbox.hpp"

#include <catch2/catch.hpp>

using zklive::test::run_dialogue;
using zklive::test::Sandbox;

namespace {

const std::string prompt = "? [y/N] ";

std::vector<std::string> write_argv(const std::vector<std::string>& args) {
    std::vector<std::string> argv{ZKLIVE_BINARY, "write"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

} // namespace

TEST_CASE("write --confirm writes after the diff when the operator answers y", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("cfg", "old\n");
    auto file = sb.write_file("new.txt", "new\n");
    for (std::string answer : {"y", "YES"}) {
        sb.client().set(path, "old\n");
        auto r = run_dialogue(write_argv({"-H", sb.hosts(), file.string(), path, "--confirm"}),
                              prompt, answer, {"ZKLIVE_CONFIG=", "NO_COLOR=1"});
        CHECK(r.asked);
        CHECK(r.exit_code == 0);
        auto diff_at = r.screen.find("-old\n+new\n");
        auto question_at = r.screen.find("Write this to " + path + "? [y/N] ");
        CHECK(diff_at != std::string::npos);
        CHECK(question_at != std::string::npos);
        CHECK(diff_at < question_at);
        CHECK(r.screen.find("Wrote data to ZooKeeper.\n") > question_at);
        CHECK(sb.client().get(path)->data == "new\n");
    }
}

TEST_CASE("write --confirm writes nothing unless the answer is yes", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("cfg", "old\n");
    auto file = sb.write_file("new.txt", "new\n");
    for (std::string answer : {"n", "", "yep"}) {
        auto r = run_dialogue(write_argv({"-H", sb.hosts(), file.string(), path, "--confirm"}),
                              prompt, answer, {"ZKLIVE_CONFIG="});
        CHECK(r.asked);
        CHECK(r.exit_code == 1);
        CHECK(r.screen.find("zklive: not confirmed: nothing was written to " + path + "\n") !=
              std::string::npos);
        CHECK(r.screen.find("Wrote data") == std::string::npos);
    }
    auto node = sb.client().get(path);
    CHECK(node->data == "old\n");
    CHECK(node->stat.version == 0);
}

TEST_CASE("write --confirm without a terminal refuses rather than guesses", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("cfg", "old\n");
    auto file = sb.write_file("new.txt", "new\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--confirm"}, "y\n");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "zklive: --confirm asks before writing, but standard input or standard error "
                   "is not a terminal, so nobody could answer; drop --confirm to write without "
                   "asking\n");
    CHECK(sb.client().get(path)->stat.version == 0);

    // --dry-run writes nothing, so it asks nothing.
    r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--confirm", "--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Dry run: not writing.\n") != std::string::npos);
}

TEST_CASE("write.confirm in the config asks too, and --no-confirm overrides it", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("cfg", "old\n");
    auto file = sb.write_file("new.txt", "new\n");
    auto config = sb.write_config("write.confirm = true\n");

    auto r = sb.zklive({"write", config.string(), file.string(), path});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: write.confirm in " + config.string() +
                       " asks before writing, but standard input or standard error is not a "
                       "terminal, so nobody could answer; give --no-confirm to write without "
                       "asking\n");
    CHECK(sb.client().get(path)->stat.version == 0);

    auto d = run_dialogue(write_argv({config.string(), file.string(), path}), prompt, "n",
                          {"ZKLIVE_CONFIG="});
    CHECK(d.asked);
    CHECK(d.exit_code == 1);
    CHECK(sb.client().get(path)->stat.version == 0);

    r = sb.zklive({"write", config.string(), file.string(), path, "--no-confirm"});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().get(path)->data == "new\n");

    r = sb.zklive({"write", config.string(), file.string(), path, "--no-confirm", "--confirm"});
    CHECK(r.exit_code == 2);
}
