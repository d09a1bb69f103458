// SPDX-License-Identifier: Apache-2.0
// get --watch and ls --watch: each change printed once and in order, --json lines, deletion
// and re-creation, SIGTERM and SIGINT, and a session expiry (the process frozen with SIGSTOP
// past a 2-second session timeout).
#include "sandbox.hpp"

#include "support/process.hpp"
#include "support/wait.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <sstream>
#include <thread>

using namespace zklive::test;
using namespace std::chrono_literals;

namespace {

using Lines = std::vector<std::string>;

Lines lines_of(const std::string& text) {
    Lines lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// A `zklive ARGS...` running in the background, read line by line.
class Follower {
  public:
    Follower(const Sandbox& sb, std::vector<std::string> args, std::string name)
        : process_(with_binary(std::move(args)), sb.dir(), {}, std::move(name)) {}

    Lines lines() const { return lines_of(process_.read_stdout()); }
    std::string err() const { return process_.read_stderr(); }

    // Waits for `count` lines, then a little longer: more would be a duplicate.
    Lines settle(std::size_t count) const {
        wait_until([&] { return lines().size() >= count; }, 15s);
        std::this_thread::sleep_for(300ms);
        return lines();
    }

    BackgroundProcess& process() { return process_; }

  private:
    static std::vector<std::string> with_binary(std::vector<std::string> args) {
        args.insert(args.begin(), ZKLIVE_BINARY);
        return args;
    }
    BackgroundProcess process_;
};

std::vector<nlohmann::json> documents(const Lines& lines) {
    std::vector<nlohmann::json> docs;
    for (const auto& line : lines)
        docs.push_back(nlohmann::json::parse(line));
    return docs;
}

} // namespace

TEST_CASE(
    "get --watch prints the value, then each change once and in order, and exits 0 on SIGTERM",
    "[get]") {
    Sandbox sb;
    auto path = sb.make_node("watched", "v0");
    Follower get(sb, {"get", "--watch", "-H", sb.hosts(), path}, "get");
    REQUIRE(get.settle(1) == Lines{"v0"});
    sb.client().set(path, "v1");
    REQUIRE(get.settle(2) == Lines{"v0", "v1"});
    sb.client().set(path, "two\nlines\n"); // ends in a newline: none added
    REQUIRE(get.settle(4) == Lines{"v0", "v1", "two", "lines"});
    sb.client().set(path, "");
    CHECK(get.settle(5) == Lines{"v0", "v1", "two", "lines", ""});
    REQUIRE(get.process().signal(SIGTERM));
    CHECK(get.process().wait(10s) == 0);
    CHECK(get.err().empty());
}

TEST_CASE("get --watch --json: a line per state, a missing node waited for, deletion and "
          "re-creation",
          "[get]") {
    Sandbox sb;
    auto path = sb.node("later");
    Follower get(sb, {"get", "--watch", "--json", "-H", sb.hosts(), path}, "get-json");
    REQUIRE(get.settle(1).size() == 1);
    CHECK(get.err() == "zklive: warning: " + path +
                           " does not exist; waiting for it to be "
                           "created\n");

    create_open(sb.client(), path, "{\"a\": 1}");
    REQUIRE(get.settle(2).size() == 2);
    sb.client().remove(path);
    REQUIRE(get.settle(3).size() == 3);
    create_open(sb.client(), path, "back");
    auto docs = documents(get.settle(4));
    REQUIRE(docs.size() == 4);
    CHECK(docs[0] == nlohmann::json{{"path", path}, {"exists", false}});
    CHECK(docs[1]["path"] == path);
    CHECK(docs[1]["encoding"] == "utf-8");
    CHECK(docs[1]["data"] == "{\"a\": 1}");
    CHECK(docs[1]["stat"]["version"] == 0);
    CHECK(docs[2] == nlohmann::json{{"path", path}, {"exists", false}});
    CHECK(docs[3]["data"] == "back");
    CHECK(docs[3]["stat"]["czxid"] > docs[1]["stat"]["czxid"]);
    CHECK(get.err().find(path + " was deleted; waiting for it to be created again") !=
          std::string::npos);

    REQUIRE(get.process().signal(SIGINT));
    CHECK(get.process().wait(10s) == 0);
}

TEST_CASE("get --watch --json lines parse with Python's json module", "[get]") {
    Sandbox sb;
    std::string binary("\xff\x00\x10", 3);
    auto path = sb.make_node("binary", binary);
    Follower get(sb, {"get", "--watch", "--json", "-H", sb.hosts(), path}, "get-binary");
    REQUIRE(get.settle(1).size() == 1);
    sb.client().set(path, "text");
    REQUIRE(get.settle(2).size() == 2);
    get.process().signal(SIGTERM);
    REQUIRE(get.process().wait(10s) == 0);

    auto python = run_process(
        {"/usr/bin/python3", "-c",
         "import json, sys\n"
         "for line in sys.stdin: d = json.loads(line); print(d['encoding'], d['data'])"},
        get.process().read_stdout());
    CHECK(python.exit_code == 0);
    CHECK(python.out == "base64 /wAQ\nutf-8 text\n");
}

TEST_CASE("ls --watch prints each listing ended by an empty line, each change once", "[ls]") {
    Sandbox sb;
    auto parent = sb.make_node("parent");
    Follower ls(sb, {"ls", "--watch", "-H", sb.hosts(), parent}, "ls");
    REQUIRE(ls.settle(1) == Lines{""});
    sb.make_node("parent/b");
    REQUIRE(ls.settle(3) == Lines{"", "b", ""});
    sb.make_node("parent/a");
    REQUIRE(ls.settle(6) == Lines{"", "b", "", "a", "b", ""});
    sb.client().set(parent, "data only"); // not a change of its children
    sb.client().remove(parent + "/b");
    CHECK(ls.settle(8) == Lines{"", "b", "", "a", "b", "", "a", ""});
    REQUIRE(ls.process().signal(SIGINT));
    CHECK(ls.process().wait(10s) == 0);
}

TEST_CASE("ls --watch --json: children a line each, the parent's deletion and re-creation",
          "[ls]") {
    Sandbox sb;
    auto parent = sb.make_node("parent");
    sb.make_node("parent/x");
    Follower ls(sb, {"ls", "--watch", "--json", "-H", sb.hosts(), parent}, "ls-json");
    REQUIRE(ls.settle(1).size() == 1);
    sb.client().remove(parent + "/x");
    REQUIRE(ls.settle(2).size() == 2);
    sb.client().remove(parent);
    REQUIRE(ls.settle(3).size() == 3);
    create_open(sb.client(), parent, "");
    auto docs = documents(ls.settle(4));
    REQUIRE(docs.size() == 4);
    using Json = nlohmann::json;
    CHECK(docs[0] == Json{{"path", parent}, {"children", {"x"}}});
    CHECK(docs[1] == Json{{"path", parent}, {"children", Json::array()}});
    CHECK(docs[2] == Json{{"path", parent}, {"exists", false}});
    CHECK(docs[3] == Json{{"path", parent}, {"children", Json::array()}});
    REQUIRE(ls.process().signal(SIGTERM));
    CHECK(ls.process().wait(10s) == 0);
}

TEST_CASE("get --watch and ls --watch refuse what they cannot follow", "[get][ls]") {
    Sandbox sb;
    auto r = sb.zklive({"get", "--watch", "--stat", "-H", sb.hosts(), sb.root()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--watch") != std::string::npos);
    r = sb.zklive({"get", "--watch", "--resolve", "-H", sb.hosts(), sb.root()});
    CHECK(r.exit_code == 2);
    r = sb.zklive({"ls", "--watch", "-R", "-H", sb.hosts(), sb.root()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not with -R") != std::string::npos);
}

TEST_CASE("get --watch after a session expiry prints the value that changed once, and no "
          "unchanged value again",
          "[get][faults]") {
    Sandbox sb;
    auto changed = sb.make_node("changed", "c0");
    auto unchanged = sb.make_node("unchanged", "u0");
    auto config = sb.write_config("zookeeper.timeout = 2 seconds\n");
    Follower on_changed(sb, {"get", "--watch", config.string(), changed}, "changed");
    Follower on_unchanged(sb, {"get", "--watch", config.string(), unchanged}, "unchanged");
    REQUIRE(on_changed.settle(1) == Lines{"c0"});
    REQUIRE(on_unchanged.settle(1) == Lines{"u0"});

    REQUIRE(on_changed.process().signal(SIGSTOP));
    REQUIRE(on_unchanged.process().signal(SIGSTOP));
    sb.client().set(changed, "c1");
    std::this_thread::sleep_for(5s); // well past the session timeout: the server expires it
    REQUIRE(on_changed.process().signal(SIGCONT));
    REQUIRE(on_unchanged.process().signal(SIGCONT));

    CHECK(on_changed.settle(2) == Lines{"c0", "c1"});
    // The new session has taken over once the change came; still nothing new for the other.
    CHECK(wait_until(
        [&] { return on_unchanged.err().find("session expired") != std::string::npos; }, 15s));
    std::this_thread::sleep_for(1s);
    CHECK(on_unchanged.lines() == Lines{"u0"});
    CHECK(on_changed.err().find("session expired") != std::string::npos);

    // The new session's watches are armed.
    sb.client().set(changed, "c2");
    sb.client().set(unchanged, "u1");
    CHECK(on_changed.settle(3) == Lines{"c0", "c1", "c2"});
    CHECK(on_unchanged.settle(2) == Lines{"u0", "u1"});
    for (auto* follower : {&on_changed, &on_unchanged}) {
        REQUIRE(follower->process().signal(SIGTERM));
        CHECK(follower->process().wait(10s) == 0);
    }
}
