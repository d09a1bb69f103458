// SPDX-License-Identifier: Apache-2.0
// zklive check-freshness: a Monitoring Plugins plugin, against real files and a real ZooKeeper.
#include "watcher.hpp"

#include "support/plugin_output_grammar.hpp"
#include "support/zk_pipeline.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

void age(const fs::path& path, int seconds) {
    fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::seconds(seconds));
}

std::string first_line(const std::string& out) {
    return out.substr(0, out.find('\n'));
}

// The watcher's record of what a file holds, set by hand as another cluster's watcher would.
void set_recorded_version(const fs::path& path, int64_t version, int64_t mzxid) {
    auto r = run_process(
        {"setfattr", "-n", "user.zklive.version", "-v", std::to_string(version), path.string()});
    REQUIRE(r.exit_code == 0);
    r = run_process(
        {"setfattr", "-n", "user.zklive.mzxid", "-v", std::to_string(mzxid), path.string()});
    REQUIRE(r.exit_code == 0);
}

// A node, a config with it, and its file as the watcher wrote it.
struct SyncedFile {
    std::string source;
    fs::path dest;
    fs::path config;
};

SyncedFile synced_file(const Sandbox& sb, const std::string& name) {
    SyncedFile synced{sb.make_node(name, "v1"), sb.dir() / (name + ".txt"), {}};
    synced.config = sb.write_config(node_keys(name, synced.source, synced.dest));
    REQUIRE(sb.zklive({"watch", synced.config.string(), "--once"}).exit_code == 0);
    return synced;
}

// zklive run as user nobody, the way NRPE runs a check as nagios.
ProcessResult zklive_as_nobody(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                  ZKLIVE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {}, {"ZKLIVE_CONFIG="});
}

// Only the owner may read; anyone may search the directory (stat works, getxattr does not).
void private_to_root(const Sandbox& sb, const std::vector<fs::path>& files) {
    fs::permissions(sb.dir(), fs::perms::owner_all | fs::perms::others_exec);
    for (const auto& file : files)
        fs::permissions(file, fs::perms::owner_read);
}

// A TCP port that accepts connections and never says a word: a hung ZooKeeper.
class SilentServer {
  public:
    SilentServer() {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd_, 16) == 0);
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~SilentServer() { ::close(fd_); }
    std::string hosts() const { return "127.0.0.1:" + std::to_string(port_); }

  private:
    int fd_ = -1;
    int port_ = 0;
};

} // namespace

TEST_CASE("check-freshness: OK, WARNING and CRITICAL by the age of the worst file",
          "[check-freshness]") {
    Sandbox sb;
    auto a = sb.write_file("a.txt", "a");
    auto b = sb.write_file("b.txt", "b");
    auto config = sb.write_config(node_keys("a", "/a", a) + node_keys("b", "/b", b));

    auto r = sb.zklive({"check-freshness", config.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(first_line(r.out).starts_with("ZKLIVE OK: 2 files fresh, oldest "));
    CHECK(r.out.find(" | 'a'=") != std::string::npos);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);

    age(b, 700);
    r = sb.zklive({"check-freshness", config.string()});
    CHECK(r.exit_code == 1);
    CHECK(first_line(r.out) ==
          "ZKLIVE WARNING: 1 of 2 files not OK (1 warning by age); worst b: " + b.string() +
              " is 700s old, outside the warning range 600 | 'a'=0s;600;900;0 "
              "'b'=700s;600;900;0");
    CHECK(r.out.find("\nb: " + b.string() + " is 700s old") != std::string::npos);

    age(a, 1000);
    r = sb.zklive({"check-freshness", config.string()});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.out).starts_with(
        "ZKLIVE CRITICAL: 2 of 2 files not OK (1 critical by age, 1 warning by age); worst a: "));
}

TEST_CASE("check-freshness takes -w and -c ranges, including the @ form", "[check-freshness]") {
    Sandbox sb;
    auto file = sb.write_file("f.txt", "x");
    age(file, 50);
    auto check = [&](std::vector<std::string> thresholds) {
        std::vector<std::string> args{"check-freshness", "-f", file.string()};
        args.insert(args.end(), thresholds.begin(), thresholds.end());
        return sb.zklive(args).exit_code;
    };
    CHECK(check({"-w", "60", "-c", "120"}) == 0);
    CHECK(check({"-w", "40", "-c", "120"}) == 1);   // outside 0..40
    CHECK(check({"-w", "40", "-c", "45"}) == 2);    // outside 0..45
    CHECK(check({"-w", "60:", "-c", "120"}) == 1);  // below 60
    CHECK(check({"-w", "~:40", "-c", "120"}) == 1); // above 40
    CHECK(check({"-w", "10:100", "-c", "0:200"}) == 0);
    CHECK(check({"-w", "@40:60", "-c", "120"}) == 1); // inside 40..60
    CHECK(check({"-c", "@0:60"}) == 2);
}

TEST_CASE("check-freshness -f checks files without a config - labels are quoted",
          "[check-freshness]") {
    Sandbox sb;
    auto file = sb.write_file("it's here.txt", "x");
    auto r = sb.zklive({"check-freshness", "-f", file.string()});
    CHECK(r.exit_code == 0);
    auto quoted = file.string();
    quoted.replace(quoted.find('\''), 1, "''");
    CHECK(r.out.find(" | '" + quoted + "'=0s;600;900;0\n") != std::string::npos);
}

TEST_CASE("check-freshness: a missing file is CRITICAL, or as --missing says - never fresh",
          "[check-freshness]") {
    Sandbox sb;
    auto missing = (sb.dir() / "never.txt").string();
    auto r = sb.zklive({"check-freshness", "-f", missing});
    CHECK(r.exit_code == 2);
    CHECK(r.out == "ZKLIVE CRITICAL: 1 of 1 file not OK (1 missing); worst " + missing +
                       " does not exist | '" + missing + "'=U;600;900;0\n" + missing +
                       " does not exist\n");
    CHECK(sb.zklive({"check-freshness", "-f", missing, "--missing=warning"}).exit_code == 1);
    r = sb.zklive({"check-freshness", "-f", missing, "--missing=ok"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("fresh") == std::string::npos);
    CHECK(r.out == "ZKLIVE OK: 1 file missing (allowed by --missing ok) | '" + missing +
                       "'=U;600;900;0\n" + missing + " does not exist (allowed by --missing ok)\n");

    auto here = sb.write_file("here.txt", "x");
    r = sb.zklive({"check-freshness", "-f", missing, "-f", here.string(), "--missing=ok"});
    CHECK(r.exit_code == 0);
    CHECK(
        r.out.starts_with("ZKLIVE OK: 1 file fresh, 1 missing (allowed by --missing ok), oldest "));
}

TEST_CASE("check-freshness derives its defaults from watcher.heartbeat", "[check-freshness]") {
    Sandbox sb;
    auto file = sb.write_file("f.txt", "x");
    auto config = sb.write_config("watcher.heartbeat = 10 seconds\n" + node_keys("f", "/f", file));
    age(file, 25);
    auto r = sb.zklive({"check-freshness", config.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("'f'=25s;20;30;0") != std::string::npos);
}

TEST_CASE("check-freshness reports its own trouble as UNKNOWN (3) on stdout", "[check-freshness]") {
    Sandbox sb;
    auto r = sb.zklive({"check-freshness", "-f", "/x", "-w", "soon"});
    CHECK(r.exit_code == 3);
    CHECK(r.out == "ZKLIVE UNKNOWN: -w 'soon' is not a range (e.g. 600, 10:, ~:600, 300:600, "
                   "@0:60)\n");
    CHECK(r.err.empty());

    r = sb.zklive({"check-freshness", "--frobnicate"});
    CHECK(r.exit_code == 3);
    CHECK(r.out.starts_with("ZKLIVE UNKNOWN: "));

    r = sb.zklive({"check-freshness", (sb.dir() / "missing.ini").string()});
    CHECK(r.exit_code == 3);
    CHECK(r.out.starts_with("ZKLIVE UNKNOWN: cannot read config file "));

    r = sb.zklive({"check-freshness"});
    CHECK(r.exit_code == 3);
    CHECK(r.out == "ZKLIVE UNKNOWN: nothing to check: give CONFIG, -f FILE, or set "
                   "ZKLIVE_CONFIG\n");
}

TEST_CASE("check-freshness --help and --version exit 0 on stdout", "[check-freshness]") {
    Sandbox sb;
    auto r = sb.zklive({"check-freshness", "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage: zklive check-freshness [OPTIONS] [CONFIG] [-w RANGE]") !=
          std::string::npos);
    r = sb.zklive({"check-freshness", "-V"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("zklive check-freshness "));
}

TEST_CASE("check-freshness --zk: a watcher that heartbeats but missed an update is CRITICAL",
          "[check-freshness][watch]") {
    Sandbox sb;
    auto source = sb.make_node("n", "v1");
    auto dest = sb.dir() / "n.txt";
    auto config = sb.write_config(node_keys("n", source, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "v1"));
    auto r = sb.zklive({"check-freshness", config.string(), "--zk"});
    CHECK(r.exit_code == 0);

    watcher.process().signal(SIGSTOP);
    sb.client().set(source, "v2");
    fs::last_write_time(dest, fs::file_time_type::clock::now()); // as a heartbeat would
    r = sb.zklive({"check-freshness", config.string(), "--zk"});
    watcher.process().signal(SIGCONT);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("n: behind ZooKeeper: file has version 0 (mzxid 0x") != std::string::npos);
    CHECK(r.out.find("), ZooKeeper has 1 (mzxid 0x") != std::string::npos);
    // Without --zk the mtime alone looks fine: that is what --zk is for.
    CHECK(sb.zklive({"check-freshness", config.string()}).exit_code == 0);

    CHECK(wait_for_content(dest, "v2"));
    CHECK(sb.zklive({"check-freshness", config.string(), "--zk"}).exit_code == 0);
}

TEST_CASE("check-freshness --zk: a node that no longer exists is WARNING", "[check-freshness]") {
    Sandbox sb;
    auto [source, dest, config] = synced_file(sb, "gone");
    sb.client().remove(source);
    auto r = sb.zklive({"check-freshness", config.string(), "--zk"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("gone: node " + source + " no longer exists") != std::string::npos);
}

TEST_CASE("check-freshness --zk with a hung ZooKeeper answers within -t: UNKNOWN with the "
          "mtime result, or what the ages say when that is worse",
          "[check-freshness]") {
    Sandbox sb;
    SilentServer silent;
    auto file = sb.write_file("f.txt", "x");
    auto other = sb.write_file("g.txt", "x");
    auto config =
        sb.write_file("hung.ini", "zookeeper.hosts = " + silent.hosts() + "\n" +
                                      node_keys("f", "/f", file) + node_keys("g", "/g", other));
    auto start = std::chrono::steady_clock::now();
    auto r = sb.zklive({"check-freshness", config.string(), "--zk", "-t", "2"});
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(r.exit_code == 3);
    INFO(r.out);
    CHECK(r.out.starts_with("ZKLIVE UNKNOWN: could not connect to ZooKeeper at " + silent.hosts() +
                            " within 1."));
    CHECK(r.out.find(" s; by mtime OK: 2 files fresh") != std::string::npos);
    CHECK(took < std::chrono::milliseconds(2900));

    age(other, 700);
    r = sb.zklive({"check-freshness", config.string(), "--zk", "-t", "2"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.starts_with("ZKLIVE WARNING: could not connect to ZooKeeper at "));
    CHECK(r.out.find(" s; by mtime WARNING: 1 of 2 files not OK (1 warning by age); worst g: ") !=
          std::string::npos);

    age(file, 1000);
    r = sb.zklive({"check-freshness", config.string(), "--zk", "-t", "2"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.starts_with("ZKLIVE CRITICAL: could not connect to ZooKeeper at "));
    CHECK(r.out.find("\nf: " + file.string() + " is 1000s old, outside the critical range 900\n") !=
          std::string::npos);
}

TEST_CASE("check-freshness --zk: a file ahead of its node is CRITICAL - the node is older",
          "[check-freshness]") {
    Sandbox sb;
    auto [source, dest, config] = synced_file(sb, "n");
    auto node = sb.client().exists(source);
    REQUIRE(node);
    set_recorded_version(dest, 41, node->mzxid + 1000);

    auto r = sb.zklive({"check-freshness", config.string(), "--zk"});
    INFO(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find(fmt::format("n: node older than the file: ZooKeeper has version 0 (mzxid "
                                 "{:#x}), file has 41 (mzxid {:#x}): cluster rebuilt or a "
                                 "different cluster?",
                                 node->mzxid, node->mzxid + 1000)) != std::string::npos);

    r = sb.zklive({"check-freshness", config.string(), "--zk", "--json"});
    CHECK(r.exit_code == 2);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["status"] == "CRITICAL");
    CHECK(doc["counts"]["ahead"] == 1);
    CHECK(doc["files"][0]["version"] == "ahead");
    CHECK(doc["files"][0]["age"] == "fresh");

    // The same version with another mzxid is another node too.
    set_recorded_version(dest, 0, node->mzxid - 1);
    r = sb.zklive({"check-freshness", config.string(), "--zk"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("n: behind ZooKeeper: file has version 0 (mzxid ") != std::string::npos);
}

TEST_CASE("check-freshness --zk as a user who may not read the files says so and what to do",
          "[check-freshness]") {
    Sandbox sb;
    auto [source, dest, config] = synced_file(sb, "n");
    private_to_root(sb, {dest});
    fs::permissions(config, fs::perms::owner_read | fs::perms::others_read);

    auto r = zklive_as_nobody({"check-freshness", config.string(), "--zk"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("n: cannot read version attributes of " + dest.string() +
                     ": permission denied; run the check as the file's owner or give its user "
                     "read access (e.g. through the file's group)") != std::string::npos);
    CHECK(r.out.find("another program") == std::string::npos);

    // The age is still read: an old file stays CRITICAL, with the note.
    age(dest, 1000);
    r = zklive_as_nobody({"check-freshness", config.string(), "--zk"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.find(" is 1000s old, outside the critical range 900; cannot read version "
                     "attributes of ") != std::string::npos);
}

TEST_CASE("check-freshness: a file in a directory the check may not search is UNKNOWN, not "
          "missing",
          "[check-freshness]") {
    Sandbox sb;
    auto file = sb.write_file("f.txt", "x");
    fs::permissions(sb.dir(), fs::perms::owner_all);
    auto r = zklive_as_nobody({"check-freshness", "-f", file.string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("cannot read the age of " + file.string() + ": Permission denied") !=
          std::string::npos);
    CHECK(r.out.find("does not exist") == std::string::npos);
}

TEST_CASE("check-freshness --zk: a node it may not read is never OK", "[check-freshness]") {
    Sandbox sb;
    auto [source, dest, config] = synced_file(sb, "secret");
    REQUIRE(sb.zklive({"check-freshness", config.string(), "--zk"}).exit_code == 0);

    // The ACL changes under the watcher: everyone may still write, no one read.
    char scheme[] = "world";
    char anyone[] = "anyone";
    ACL no_read{ZOO_PERM_WRITE | ZOO_PERM_DELETE | ZOO_PERM_ADMIN, {scheme, anyone}};
    ACL_vector acl{1, &no_read};
    REQUIRE(zoo_set_acl(sb.client().handle(), source.c_str(), -1, &acl) == ZOK);

    auto r = sb.zklive({"check-freshness", config.string(), "--zk"});
    INFO(r.out);
    CHECK(r.exit_code == 3);
    CHECK(r.out.find("secret: cannot verify: ZooKeeper denies reading node " + source +
                     " (wrong credentials, or its ACL changed?)\n") != std::string::npos);
}

TEST_CASE("check-freshness --zk: every node missing, or the chroot, is one CRITICAL cause",
          "[check-freshness]") {
    Sandbox sb;
    auto a = sb.write_file("a.txt", "a");
    auto b = sb.write_file("b.txt", "b");
    auto nodes = node_keys("a", sb.node("a"), a) + node_keys("b", sb.node("b"), b);
    auto config = sb.write_config(nodes);
    auto r = sb.zklive({"check-freshness", config.string(), "--zk"});
    INFO(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.starts_with("ZKLIVE CRITICAL: all 2 nodes missing from ZooKeeper at " + sb.hosts() +
                            ": wrong zookeeper.hosts or chroot?; by mtime OK: 2 "
                            "files fresh"));
    CHECK(r.out.find("no longer exists") == std::string::npos);

    auto chrooted = sb.write_file("chroot.ini", "zookeeper.hosts = " + sb.hosts() +
                                                    "/no-such-chroot\n" + node_keys("a", "/a", a));
    r = sb.zklive({"check-freshness", chrooted.string(), "--zk"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.starts_with("ZKLIVE CRITICAL: chroot /no-such-chroot of zookeeper.hosts does not "
                            "exist at " +
                            sb.hosts() + "; by mtime OK: 1 file fresh"));

    // One node of two missing is that node's problem alone.
    sb.make_node("a", "a");
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 1);
    r = sb.zklive({"check-freshness", config.string(), "--zk"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("b: node " + sb.node("b") + " no longer exists") != std::string::npos);
}

TEST_CASE("check-freshness stays under Nagios' 8 KiB and well-formed with 5,000 files",
          "[check-freshness]") {
    Sandbox sb;
    constexpr int count = 5000;
    std::string nodes;
    {
        PipelinedWrites writes(sb.client().handle(), 500);
        for (int i = 0; i < count; ++i) {
            auto name = "node-" + std::to_string(i);
            writes.create(sb.node(name), "x");
            auto dest = sb.dir() / "files" / (name + ".txt");
            nodes += node_keys(name, sb.node(name), dest);
        }
        writes.finish();
    }
    fs::create_directories(sb.dir() / "files");
    for (int i = 0; i < count; ++i)
        std::ofstream(sb.dir() / "files" / ("node-" + std::to_string(i) + ".txt")) << "x";
    auto config = sb.write_config(nodes);

    auto check_bounded = [&](const std::vector<std::string>& args, int exit_code) {
        auto r = sb.zklive(args);
        INFO(r.out.substr(0, 2000));
        CHECK(r.exit_code == exit_code);
        CHECK(r.out.size() < 8192);
        auto parsed = parse_plugin_output(r.out);
        REQUIRE(parsed);
        CHECK(parsed->first_line.size() < 200);
        CHECK(parsed->long_text.size() <= 21);
        return *parsed;
    };
    // The files record no version: 5,000 warnings, 20 named.
    auto parsed = check_bounded({"check-freshness", config.string(), "--zk"}, 1);
    CHECK(parsed.status_text.starts_with(
        "ZKLIVE WARNING: 5000 of 5000 files not OK (5000 without version attributes); worst "));
    CHECK(parsed.long_text.back() == "and 4980 more ");
    REQUIRE(parsed.perfdata.size() == 6);
    CHECK(parsed.perfdata[0] == "'files'=5000;;;0");
    CHECK(parsed.perfdata[4] == "'drifted'=0;;0;0");

    parsed = check_bounded({"check-freshness", config.string()}, 0);
    CHECK(parsed.status_text.starts_with("ZKLIVE OK: 5000 files fresh, oldest "));
    CHECK(parsed.perfdata.size() == 4);

    fs::remove_all(sb.dir() / "files");
    parsed = check_bounded({"check-freshness", config.string()}, 2);
    CHECK(parsed.status_text.starts_with(
        "ZKLIVE CRITICAL: 5000 of 5000 files not OK (5000 missing); worst "));
    CHECK(parsed.perfdata[3] == "'missing'=5000;;0;0");
}

TEST_CASE("check-freshness --json gives the same verdict for a machine", "[check-freshness]") {
    Sandbox sb;
    auto file = sb.write_file("f.txt", "x");
    age(file, 700);
    auto r = sb.zklive({"check-freshness", "-f", file.string(), "--json"});
    CHECK(r.exit_code == 1);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["status"] == "WARNING");
    CHECK(doc["exit_code"] == 1);
    CHECK(doc["warning"] == "600");
    CHECK(doc["files"][0]["path"] == file.string());
    CHECK(doc["files"][0]["age_seconds"] == 700);
    CHECK(doc["files"][0]["status"] == "WARNING");
}
