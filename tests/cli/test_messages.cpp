// SPDX-License-Identifier: Apache-2.0
// What an operator reads when something is wrong: one "zklive: ..." line that names the
// actual cause (a missing chroot, a host that does not resolve, the missing argument, the
// file and the system's reason), never "unexpected error".
#include "sandbox.hpp"
#include "terminal.hpp"

#include "watcher.hpp"

#include <catch2/catch.hpp>

using namespace zklive::test;

namespace {

// sb.hosts() with a chroot under the sandbox's root that nobody creates.
struct MissingChroot {
    std::string chroot;
    std::string hosts;
    explicit MissingChroot(const Sandbox& sb)
        : chroot(sb.node("no-such-chroot")), hosts(sb.hosts() + chroot) {}
    std::string message(const Sandbox& sb) const {
        return "zklive: chroot " + chroot + " does not exist on " + sb.hosts() + "\n";
    }
};

} // namespace

TEST_CASE("a missing chroot is named as such by the one-shot commands", "[messages]") {
    Sandbox sb;
    MissingChroot missing(sb);
    auto file = sb.write_file("data.txt", "data\n");
    struct Case {
        std::vector<std::string> args;
        int exit_code;
    };
    std::vector<Case> cases{
        {{"get", "-H", missing.hosts, "/a"}, 1},
        {{"get", "-H", missing.hosts, "/"}, 1},
        {{"ls", "-H", missing.hosts, "/"}, 1},
        {{"ls", "-R", "-H", missing.hosts, "/a"}, 1},
        {{"write", "-H", missing.hosts, file.string(), "/a"}, 1},
        {{"create-node", "-H", missing.hosts, "/a"}, 1},
        {{"create-node", "-p", "-H", missing.hosts, "/a/b"}, 1},
        {{"diff", "-H", missing.hosts, file.string(), "/a"}, 2},
    };
    for (const auto& c : cases) {
        INFO(c.args[0] << " " << c.args[1]);
        auto r = sb.zklive(c.args);
        CHECK(r.exit_code == c.exit_code);
        CHECK(r.err == missing.message(sb));
    }
    // Nothing was created under the sandbox in the chroot's place.
    CHECK(sb.client().children(sb.root()).empty());
}

TEST_CASE("a missing chroot is named by diff CONFIG and by watch --once", "[messages]") {
    Sandbox sb;
    MissingChroot missing(sb);
    auto config = sb.write_file("chroot.ini", "zookeeper.hosts = " + missing.hosts + "\n" +
                                                  node_keys("a", "/a", sb.dir() / "a.txt"));
    auto r = sb.zklive({"diff", config.string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err == missing.message(sb));

    r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.ends_with(missing.message(sb)));
    CHECK_FALSE(std::filesystem::exists(sb.dir() / "a.txt"));
}

TEST_CASE("an existing chroot still reports a missing node as the node", "[messages]") {
    Sandbox sb;
    auto hosts = sb.hosts() + sb.root();
    auto r = sb.zklive({"get", "-H", hosts, "/missing"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: /missing: does not exist\n");
    r = sb.zklive({"create-node", "-H", hosts, "/missing/child"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot create /missing/child: its parent /missing does not exist; use "
                   "-p to create it\n");
}

TEST_CASE("a server name that does not resolve is named", "[messages]") {
    Sandbox sb;
    auto r = sb.zklive({"get", "-H", "nosuch.invalid:2181", "/a", "--timeout", "2"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot resolve nosuch.invalid\n");

    // Among names that resolve, the client leaves it out and uses the others.
    r = sb.zklive({"ls", "-H", sb.hosts() + ",nosuch.invalid:2181", "/", "--timeout", "5"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("zookeeper\n") != std::string::npos);

    auto config = sb.write_file("bad-host.ini", "zookeeper.hosts = nosuch.invalid:2181\n" +
                                                    node_keys("a", "/a", sb.dir() / "a.txt"));
    r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.ends_with("zklive: cannot resolve nosuch.invalid\n"));
}

TEST_CASE("get and ls take a znode with the trailing slash completion adds", "[messages]") {
    Sandbox sb;
    auto parent = sb.make_node("parent", "parent data");
    sb.make_node("parent/child");

    auto r = sb.zklive({"get", "-H", sb.hosts(), parent + "/"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "parent data");
    r = sb.zklive({"get", "-H", sb.hosts(), parent + "/", "--json"});
    CHECK(r.out.find("\"path\": \"" + parent + "\"") != std::string::npos);

    r = sb.zklive({"ls", "-H", sb.hosts(), parent + "/"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "child\n");

    r = sb.zklive({"ls", "-H", sb.hosts(), "/"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("zookeeper\n") != std::string::npos);

    r = sb.zklive({"get", "-H", sb.hosts(), parent + "//"});
    CHECK(r.exit_code == 2); // one slash is completion's; more is a mistake
}

TEST_CASE("missing arguments are named", "[messages]") {
    Sandbox sb;
    auto config = sb.write_config();
    auto c = config.string();
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    std::vector<Case> cases{
        {{"get", c}, "missing ZNODE after " + c + "; run 'zklive get --help' for usage"},
        {{"get"}, "missing ZNODE; run 'zklive get --help' for usage"},
        {{"ls", "-H", sb.hosts()}, "missing ZNODE; run 'zklive ls --help' for usage"},
        {{"write", c},
         "missing FILE and ZNODE after " + c + "; run 'zklive write --help' for usage"},
        {{"write", c, "x.json"},
         "missing ZNODE after " + c + "; run 'zklive write --help' for usage"},
        {{"create-node", c},
         "missing ZNODE after " + c + "; run 'zklive create-node --help' for usage"},
        {{"diff", c, "x.json"},
         "missing ZNODE after " + c + "; run 'zklive diff --help' for usage"},
        {{"ls", c, "/a", "/b"}, "unexpected argument '/b'; run 'zklive ls --help' for usage"},
    };
    for (const auto& cs : cases) {
        INFO(cs.message);
        auto r = sb.zklive(cs.args);
        CHECK(r.exit_code == 2);
        CHECK(r.err == "zklive: " + cs.message + "\n");
    }
}

TEST_CASE("an unknown command gets the same message as help for it", "[messages]") {
    Sandbox sb;
    const std::string expected =
        "zklive: no command named 'bogus'; run 'zklive help' for the list\n";
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"bogus"}, {"bogus", "/a"}, {"-v", "bogus"}, {"help", "bogus"}}) {
        INFO(args.size());
        auto r = sb.zklive(args);
        CHECK(r.exit_code == 2);
        CHECK(r.err == expected);
        CHECK(r.out.empty());
    }
}

TEST_CASE("a bare --color means always and leaves the next argument alone", "[messages]") {
    Sandbox sb;
    auto path = sb.make_node("colour", "a\n");
    auto file = sb.write_file("c.txt", "b\n");
    auto config = sb.write_config();
    auto r = sb.zklive({"diff", "--color", config.string(), file.string(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("\033[31m-a\033[0m\n") != std::string::npos);

    r = sb.zklive({"diff", "--color=never", config.string(), file.string(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find('\033') == std::string::npos);

    r = sb.zklive({"write", "--color", config.string(), file.string(), path, "--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("\033[32m+b\033[0m\n") != std::string::npos);

    r = sb.zklive({"diff", "--color=pink", config.string(), file.string(), path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--color") != std::string::npos);
}

TEST_CASE("colour under auto: a terminal gets it unless NO_COLOR or TERM=dumb says no",
          "[messages]") {
    Sandbox sb;
    auto path = sb.make_node("colour", "a\n");
    auto file = sb.write_file("c.txt", "b\n");
    std::vector<std::string> argv{ZKLIVE_BINARY, "diff", "-H", sb.hosts(), file.string(), path};
    const std::string red_line = "\033[31m-a\033[0m\n";

    auto out = run_on_terminal(argv, {"NO_COLOR=", "TERM=xterm"});
    CHECK(out.find(red_line) != std::string::npos);

    out = run_on_terminal(argv, {"NO_COLOR=1", "TERM=xterm"});
    CHECK(out.find("-a\n") != std::string::npos);
    CHECK(out.find('\033') == std::string::npos);

    out = run_on_terminal(argv, {"NO_COLOR=", "TERM=dumb"});
    CHECK(out.find("-a\n") != std::string::npos);
    CHECK(out.find('\033') == std::string::npos);

    // Asked for explicitly, colour wins over the environment.
    argv.push_back("--color=always");
    out = run_on_terminal(argv, {"NO_COLOR=1", "TERM=dumb"});
    CHECK(out.find(red_line) != std::string::npos);
}

TEST_CASE("files a user names wrongly give the file and the system's reason", "[messages]") {
    Sandbox sb;
    auto path = sb.make_node("n", "x");
    auto dir = sb.dir().string();

    auto r = sb.zklive({"write", "-H", sb.hosts(), dir, path});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot read " + dir + ": Is a directory\n");

    r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("new"), dir + "/missing"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot read " + dir + "/missing: No such file or directory\n");

    r = sb.zklive({"get", dir, path});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: cannot read config file " + dir + ": Is a directory\n");

    // A dest that is a directory: diff cannot read this host's copy.
    std::filesystem::create_directories(sb.dir() / "dest-dir");
    auto config = sb.write_config(node_keys("n", path, sb.dir() / "dest-dir"));
    r = sb.zklive({"diff", config.string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: cannot read " + dir + "/dest-dir: Is a directory\n");
}

TEST_CASE("a full disk and an impossible dest are reported, not unexpected", "[messages]") {
    Sandbox sb;
    auto path = sb.make_node("n", "some data");

    auto r = run_process({"sh", "-c", "exec \"$0\" get -H \"$1\" \"$2\" >/dev/full", ZKLIVE_BINARY,
                          sb.hosts(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot write to standard output: No space left on device\n");

    // The dest's directory would have to be made under a plain file.
    auto blocker = sb.write_file("plain", "not a directory");
    auto config = sb.write_config(node_keys("n", path, blocker / "sub" / "n.txt"));
    r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.ends_with("zklive: 1 of 1 node(s) not synced: n (" + path + "): create directory " +
                          (blocker / "sub").string() + ": Not a directory\n"));
}
