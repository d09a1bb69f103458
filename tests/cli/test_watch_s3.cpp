// SPDX-License-Identifier: Apache-2.0
// zklive watch with nodes that hold S3 pointers: the dest gets the object, through the
// loopback S3 stand-in (TLS, every signature checked by botocore), never the pointer.
#include "notify_socket.hpp"
#include "watcher.hpp"

#include "support/s3_fixtures.hpp"

#include <catch2/catch.hpp>

#include <sys/xattr.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <thread>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

std::string attribute(const fs::path& file, const char* name) {
    char buffer[256];
    ssize_t n = ::getxattr(file.c_str(), name, buffer, sizeof buffer);
    return n < 0 ? std::string() : std::string(buffer, static_cast<std::size_t>(n));
}

// GETs the stand-in answered for /bkt/KEY, whatever their outcome.
std::size_t gets_of(const S3StandIn& s3, const std::string& key) {
    auto requests = s3.requests();
    return static_cast<std::size_t>(
        std::count_if(requests.begin(), requests.end(), [&](const nlohmann::json& request) {
            return request.value("method", "") == "GET" &&
                   request.value("path", "") == "/bkt/" + key;
        }));
}

nlohmann::json object_with(const std::string& body, const std::string& etag = {}) {
    nlohmann::json object{{"body", body}, {"sse_key", sse_key}};
    if (!etag.empty())
        object["etag"] = etag;
    return object;
}

// A sandbox with the S3 stand-in and node "cfg" pointing at config.json, dest cfg.json.
struct ConfigPointer {
    Sandbox sb;
    S3StandIn s3{s3_spec()};
    std::string source = sb.make_node("cfg", pointer_data("config.json"));
    fs::path dest = sb.dir() / "cfg.json";
    fs::path config_with(const std::string& extra = {}) const {
        return sb.write_config(extra + node_keys("cfg", source, dest));
    }
};

} // namespace

TEST_CASE("watch writes the object an S3 pointer names, with its ETag, never the pointer",
          "[watch][s3]") {
    Sandbox sb;
    S3StandIn s3(s3_spec({{"/bkt/exp.json", object_with("{\"experiment\": 1}", "\"e-1\"")}}));
    auto source = sb.make_node("exp", pointer_data("exp.json"));
    auto dest = sb.dir() / "exp.json";
    RunningWatcher watcher(sb, sb.write_config(node_keys("exp", source, dest)),
                           aws_environment(s3));

    // The first sync (READY=1) includes the download.
    CHECK(read_file(dest) == "{\"experiment\": 1}");
    CHECK(attribute(dest, "user.zklive.etag") == "\"e-1\"");
    CHECK(attribute(dest, "user.zklive.version") == "0");
    CHECK(gets_of(s3, "exp.json") == 1);
    CHECK(temp_files_of(dest).empty());
    // Neither the pointer nor its SSE key reaches the disk or the log.
    for (const auto& entry : fs::directory_iterator(sb.dir()))
        if (entry.is_regular_file() && entry.path().extension() != ".ini")
            CHECK(read_file(entry.path()).find(sse_key) == std::string::npos);
    CHECK(watcher.log().find(sse_key) == std::string::npos);

    // A rotated pointer: the new object replaces the old, once.
    s3.set_spec(s3_spec({{"/bkt/exp.json", object_with("{\"experiment\": 1}", "\"e-1\"")},
                         {"/bkt/exp-2.json", object_with("{\"experiment\": 2}", "\"e-2\"")}}));
    sb.client().set(source, pointer_data("exp-2.json"));
    CHECK(wait_for_content(dest, "{\"experiment\": 2}"));
    CHECK(attribute(dest, "user.zklive.etag") == "\"e-2\"");
    CHECK(attribute(dest, "user.zklive.version") == "1");
    CHECK(gets_of(s3, "exp-2.json") == 1);

    // Back to plain data: written as it is.
    sb.client().set(source, "plain again");
    CHECK(wait_for_content(dest, "plain again"));
    CHECK(attribute(dest, "user.zklive.etag").empty());
    REQUIRE(watcher.stop() == 0);
}

TEST_CASE("a pointer that did not change is not fetched again: not on heartbeats, not after a "
          "restart, and once however often the node is re-read",
          "[watch][s3]") {
    ConfigPointer fixture;
    auto& [sb, s3, source, dest] = fixture;
    auto config = fixture.config_with("watcher.heartbeat = 1 second\n");
    {
        RunningWatcher watcher(sb, config, aws_environment(s3));
        CHECK(read_file(dest) == "{\"payload\": \"big\"}");
        std::this_thread::sleep_for(std::chrono::milliseconds(2500)); // two heartbeats
        REQUIRE(watcher.stop() == 0);
    }
    CHECK(gets_of(s3, "config.json") == 1);

    // A new watcher finds the object of this very pointer in the file: no download.
    {
        RunningWatcher watcher(sb, config, aws_environment(s3));
        CHECK(watcher.log().find("fetching") == std::string::npos);
        CHECK(gets_of(s3, "config.json") == 1);

        // The same pointer written again and again (new versions, same data), while the
        // object downloads slowly: one download, and the file records the newest version.
        s3.set_spec(s3_spec(
            {{"/bkt/slow.json", {{"body", "slow"}, {"sse_key", sse_key}, {"delay", 2.0}}}}));
        sb.client().set(source, pointer_data("slow.json"));
        for (int i = 0; i < 5; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            sb.client().set(source, pointer_data("slow.json"));
        }
        CHECK(wait_for_content(dest, "slow"));
        CHECK(wait_until([&] { return attribute(dest, "user.zklive.version") == "6"; }));
        CHECK(gets_of(s3, "slow.json") == 1);
        REQUIRE(watcher.stop() == 0);
    }

    // A file edited by hand no longer holds the object: the next watcher fetches it again.
    fs::permissions(dest, fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(dest, std::ios::app) << "tampered";
    RunningWatcher watcher(sb, config, aws_environment(s3));
    CHECK(read_file(dest) == "slow");
    CHECK(gets_of(s3, "slow.json") == 2);
}

TEST_CASE("a failed fetch writes nothing, says bucket, key and status once, shows in STATUS= "
          "and check-freshness, and is retried until it succeeds",
          "[watch][s3]") {
    ConfigPointer fixture;
    auto& [sb, s3, source, dest] = fixture;
    auto config = fixture.config_with();
    NotifySocket notify(sb.dir() / "notify.sock");
    auto environment = aws_environment(s3);
    environment.push_back("NOTIFY_SOCKET=" + notify.path().string());
    RunningWatcher watcher(sb, config, environment);
    REQUIRE(read_file(dest) == "{\"payload\": \"big\"}");
    CHECK(sb.zklive({"check-freshness", config.string(), "--zk"}).exit_code == 0);

    sb.client().set(source, pointer_data("later.json")); // not uploaded yet
    CHECK(watcher.wait_for_log("cannot sync " + dest.string()));
    auto log = watcher.log();
    CHECK(log.find("s3://bkt/later.json") != std::string::npos);
    CHECK(log.find("404") != std::string::npos);
    CHECK(log.find(sse_key) == std::string::npos);
    CHECK(read_file(dest) == "{\"payload\": \"big\"}");
    CHECK(temp_files_of(dest).empty());
    CHECK(wait_until(
        [&] { return notify.last("STATUS=").find("(1 failing)") != std::string::npos; }));
    auto check = sb.zklive({"check-freshness", config.string(), "--zk"});
    CHECK(check.exit_code != 0);
    CHECK(check.out.find("1 behind ZooKeeper") != std::string::npos);

    // Retried with backoff (1 s, 2 s, ...): logged once, then quietly.
    CHECK(wait_until([&] { return gets_of(s3, "later.json") >= 3; }, std::chrono::seconds(15)));
    CHECK(watcher.count_in_log("cannot sync " + dest.string()) == 1);

    s3.set_spec(s3_spec({{"/bkt/later.json", object_with("uploaded")}}));
    CHECK(wait_for_content(dest, "uploaded", std::chrono::seconds(40)));
    CHECK(watcher.wait_for_log(dest.string() + " is in sync again"));
    CHECK(sb.zklive({"check-freshness", config.string(), "--zk"}).exit_code == 0);
    CHECK(wait_until([&] {
        return notify.last("STATUS=").starts_with("STATUS=1 of 1 nodes in sync, connected");
    }));
}

TEST_CASE("an object over watcher.max_object_bytes, a broken pointer and a wrong SSE key leave "
          "the file as it was",
          "[watch][s3]") {
    Sandbox sb;
    S3StandIn s3(s3_spec(
        {{"/bkt/big.bin", {{"pattern", "0123456789"}, {"size", 4096}, {"sse_key", sse_key}}}}));
    auto big = sb.make_node("big", "small start");
    auto broken = sb.make_node("broken", "broken start");
    auto wrong = sb.make_node("wrong", "wrong start");
    auto big_dest = sb.dir() / "big.bin";
    auto broken_dest = sb.dir() / "broken.json";
    auto wrong_dest = sb.dir() / "wrong.json";
    auto config = sb.write_config(
        "watcher.max_object_bytes = 1 KiB\n" + node_keys("big", big, big_dest) +
        node_keys("broken", broken, broken_dest) + node_keys("wrong", wrong, wrong_dest));
    RunningWatcher watcher(sb, config, aws_environment(s3));
    REQUIRE(read_file(big_dest) == "small start");

    sb.client().set(big, pointer_data("big.bin"));
    sb.client().set(broken, R"({"live_data_watcher_load_type": "S3", "bucket_name": "bkt"})");
    sb.client().set(wrong, pointer_data("config.json", {}, "another key of 32 bytes, wrong!!"));
    CHECK(watcher.wait_for_log("cannot sync " + big_dest.string()));
    CHECK(watcher.wait_for_log("cannot sync " + broken_dest.string()));
    CHECK(watcher.wait_for_log("cannot sync " + wrong_dest.string()));
    auto log = watcher.log();
    CHECK(log.find("larger than the limit of 1024 bytes") != std::string::npos);
    CHECK(log.find("S3 pointer has no \"file_key\"") != std::string::npos);
    CHECK(log.find("another key") == std::string::npos);
    CHECK(read_file(big_dest) == "small start");
    CHECK(read_file(broken_dest) == "broken start");
    CHECK(read_file(wrong_dest) == "wrong start");
    for (const auto& dest : {big_dest, broken_dest, wrong_dest})
        CHECK(temp_files_of(dest).empty());

    // A reload that raises the cap lets the object through.
    auto raised = read_file(config);
    raised.replace(raised.find("1 KiB"), 5, "1 MiB");
    std::ofstream(config, std::ios::trunc) << raised;
    watcher.process().signal(SIGHUP);
    CHECK(wait_until([&] { return fs::file_size(big_dest) == 4096; }, std::chrono::seconds(40)));
}

TEST_CASE("watch --once fetches the objects before it exits, and writes an unknown load type "
          "as it is with an error",
          "[watch][s3]") {
    Sandbox sb;
    S3StandIn s3(s3_spec());
    auto pointer = sb.make_node("p", pointer_data("public.json", R"("anon": true)"));
    std::string unknown_data = R"({"live_data_watcher_load_type": "GCS", "x": 1})";
    auto unknown = sb.make_node("u", unknown_data);
    auto config = sb.write_config(node_keys("p", pointer, sb.dir() / "p.txt") +
                                  node_keys("u", unknown, sb.dir() / "u.txt"));
    auto environment = aws_environment(s3);
    environment.erase(std::remove_if(environment.begin(), environment.end(),
                                     [](const std::string& e) {
                                         return e.starts_with("AWS_ACCESS") ||
                                                e.starts_with("AWS_SECRET");
                                     }),
                      environment.end());
    auto r = sb.zklive({"watch", "--once", config.string()}, {}, environment);
    CHECK(r.exit_code == 0);
    CHECK(read_file(sb.dir() / "p.txt") == "open");
    CHECK(read_file(sb.dir() / "u.txt") == unknown_data);
    CHECK(r.err.find("load type GCS, which is not implemented") != std::string::npos);
}

TEST_CASE("diff compares a pointer node's file with the object, not the pointer", "[watch][s3]") {
    ConfigPointer fixture;
    auto& [sb, s3, source, dest] = fixture;
    auto config = fixture.config_with();
    REQUIRE(sb.zklive({"watch", "--once", config.string()}, {}, aws_environment(s3)).exit_code ==
            0);

    auto same = sb.zklive({"diff", config.string()}, {}, aws_environment(s3));
    CHECK(same.exit_code == 0);
    CHECK(same.out == "1 of 1 node(s) in sync, 0 drifted\n");

    sb.write_file("cfg.json", "{\"payload\": \"small\"}");
    auto drifted = sb.zklive({"diff", config.string()}, {}, aws_environment(s3));
    CHECK(drifted.exit_code == 1);
    CHECK(drifted.out.find("-{\"payload\": \"small\"}") != std::string::npos);
    CHECK(drifted.out.find("+{\"payload\": \"big\"}") != std::string::npos);
    CHECK(drifted.out.find(sse_key) == std::string::npos);

    s3.set_spec(s3_spec({{"/bkt/config.json", {{"status", 403}}}}));
    auto trouble = sb.zklive({"diff", config.string()}, {}, aws_environment(s3));
    CHECK(trouble.exit_code == 2);
    CHECK(trouble.err.find("s3://bkt/config.json") != std::string::npos);
}

TEST_CASE("a slow download holds up no other node, and SIGTERM ends it at once, leaving no "
          "temp file",
          "[watch][s3]") {
    Sandbox sb;
    S3StandIn s3(
        s3_spec({{"/bkt/slow.json", {{"body", "slow"}, {"sse_key", sse_key}, {"delay", 30.0}}}}));
    auto slow = sb.make_node("slow", "before");
    auto quick = sb.make_node("quick", "q0");
    auto slow_dest = sb.dir() / "slow.json";
    auto quick_dest = sb.dir() / "quick.txt";
    RunningWatcher watcher(
        sb,
        sb.write_config(node_keys("slow", slow, slow_dest) + node_keys("quick", quick, quick_dest)),
        aws_environment(s3));
    sb.client().set(slow, pointer_data("slow.json"));
    REQUIRE(watcher.wait_for_log("fetching s3://bkt/slow.json"));
    sb.client().set(quick, "q1");
    CHECK(wait_for_content(quick_dest, "q1", std::chrono::seconds(10)));
    CHECK(read_file(slow_dest) == "before");

    auto stopping = std::chrono::steady_clock::now();
    CHECK(watcher.stop(std::chrono::seconds(10)) == 0);
    CHECK(std::chrono::steady_clock::now() - stopping < std::chrono::seconds(5));
    CHECK(read_file(slow_dest) == "before");
    CHECK(temp_files_of(slow_dest).empty());
}
