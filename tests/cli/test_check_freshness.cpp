// zklive check-freshness: a Monitoring Plugins plugin, against real files and a real ZooKeeper.
#include "watcher.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

void age(const fs::path& path, int seconds) {
    fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::seconds(seconds));
}

std::string first_line(const std::string& out) { return out.substr(0, out.find('\n')); }

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
    CHECK(first_line(r.out) == "ZKLIVE WARNING: 1 of 2 files not fresh; worst b: " + b.string() +
                                   " is 700s old, outside the warning range 600 | 'a'=0s;600;900;0 "
                                   "'b'=700s;600;900;0");
    CHECK(r.out.find("\nb: " + b.string() + " is 700s old") != std::string::npos);

    age(a, 1000);
    r = sb.zklive({"check-freshness", config.string()});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.out).starts_with("ZKLIVE CRITICAL: 2 of 2 files not fresh; worst a: "));
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
    CHECK(check({"-w", "40", "-c", "120"}) == 1);     // outside 0..40
    CHECK(check({"-w", "40", "-c", "45"}) == 2);      // outside 0..45
    CHECK(check({"-w", "60:", "-c", "120"}) == 1);    // below 60
    CHECK(check({"-w", "~:40", "-c", "120"}) == 1);   // above 40
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

TEST_CASE("check-freshness: a missing file is CRITICAL, or as --missing says",
          "[check-freshness]") {
    Sandbox sb;
    auto missing = (sb.dir() / "never.txt").string();
    auto r = sb.zklive({"check-freshness", "-f", missing});
    CHECK(r.exit_code == 2);
    CHECK(r.out == "ZKLIVE CRITICAL: 1 of 1 file not fresh; worst " + missing + ": " + missing +
                       " does not exist | '" + missing + "'=U;600;900;0\n" + missing + ": " +
                       missing + " does not exist\n");
    CHECK(sb.zklive({"check-freshness", "-f", missing, "--missing=warning"}).exit_code == 1);
    CHECK(sb.zklive({"check-freshness", "-f", missing, "--missing=ok"}).exit_code == 0);
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

TEST_CASE("check-freshness reports its own trouble as UNKNOWN (3) on stdout",
          "[check-freshness]") {
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
    CHECK(r.out.find("n: behind ZooKeeper: file has version 0, node has 1\n") !=
          std::string::npos);
    // Without --zk the mtime alone looks fine: that is what --zk is for.
    CHECK(sb.zklive({"check-freshness", config.string()}).exit_code == 0);

    CHECK(wait_for_content(dest, "v2"));
    CHECK(sb.zklive({"check-freshness", config.string(), "--zk"}).exit_code == 0);
}

TEST_CASE("check-freshness --zk: a node that no longer exists is WARNING", "[check-freshness]") {
    Sandbox sb;
    auto source = sb.make_node("gone", "x");
    auto dest = sb.dir() / "gone.txt";
    auto config = sb.write_config(node_keys("gone", source, dest));
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 0);
    sb.client().remove(source);
    auto r = sb.zklive({"check-freshness", config.string(), "--zk"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("gone: node " + source + " no longer exists\n") != std::string::npos);
}

TEST_CASE("check-freshness --zk with a hung ZooKeeper answers UNKNOWN within -t, with the "
          "mtime result",
          "[check-freshness]") {
    Sandbox sb;
    SilentServer silent;
    auto file = sb.write_file("f.txt", "x");
    auto config = sb.write_file("hung.ini", "zookeeper.hosts = " + silent.hosts() + "\n" +
                                                node_keys("f", "/f", file));
    auto start = std::chrono::steady_clock::now();
    auto r = sb.zklive({"check-freshness", config.string(), "--zk", "-t", "2"});
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(r.exit_code == 3);
    INFO(r.out);
    CHECK(r.out.starts_with("ZKLIVE UNKNOWN: could not connect to ZooKeeper at " +
                            silent.hosts() + " within 1."));
    CHECK(r.out.find(" s; by mtime OK: 1 file fresh") != std::string::npos);
    CHECK(took < std::chrono::milliseconds(2900));
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
