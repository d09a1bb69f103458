// SPDX-License-Identifier: Apache-2.0
#include "sandbox.hpp"

#include "support/zk_server.hpp"

#include "zklive/zk/acl.hpp"
#include "zklive/zk/errors.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>

#ifndef ZKLIVE_BINARY
#error "ZKLIVE_BINARY must name the built zklive (see tests/cli/CMakeLists.txt)"
#endif

namespace zklive::test {
namespace {

std::string unique_name() {
    static std::atomic<int> counter{0};
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    return std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(now % 1000000007);
}

void create_if_missing(zk::Session& session, const std::string& path) {
    zk::AclList open(zk::AclPolicy::open);
    try {
        session.create(path, {}, open);
    } catch (const zk::ZkError& e) {
        if (e.rc() != ZNODEEXISTS)
            throw;
    }
}

} // namespace

Sandbox::Sandbox() : dir_("zklive-cli"), hosts_(shared_test_hosts()) {
    root_ = "/zklive-test/" + unique_name();
    create_if_missing(client(), "/zklive-test");
    create_if_missing(client(), root_);
}

ProcessResult Sandbox::zklive(const std::vector<std::string>& args, const std::string& stdin_data,
                              const std::vector<std::string>& extra_env) const {
    std::vector<std::string> argv{ZKLIVE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env = extra_env;
    bool sets_config = std::any_of(env.begin(), env.end(), [](const std::string& entry) {
        return entry.starts_with("ZKLIVE_CONFIG=");
    });
    if (!sets_config)
        env.push_back("ZKLIVE_CONFIG=");
    return run_process(argv, stdin_data, env, std::chrono::seconds(60));
}

std::filesystem::path Sandbox::write_file(const std::string& name,
                                          const std::string& content) const {
    auto path = dir() / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    // Private like a real secrets file; tests that need other modes chmod it themselves.
    std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
    return path;
}

std::filesystem::path Sandbox::write_config(const std::string& extra, bool sectioned,
                                            const std::string& name) const {
    std::string text = sectioned ? "[live-data]\n" : "";
    text += "zookeeper.hosts = " + hosts_ + "\n" + extra;
    return write_file(name, text);
}

std::string Sandbox::make_node(const std::string& relative, const std::string& data) const {
    std::string path = node(relative);
    create_open(client(), path, data);
    return path;
}

zk::Session& Sandbox::client() const {
    if (!client_) {
        zk::SessionOptions options;
        options.hosts = hosts_;
        client_ = zk::Session::connect(options, std::chrono::seconds(30));
    }
    return *client_;
}

std::unique_ptr<zk::Session> connect_to(const std::string& hosts) {
    zk::SessionOptions options;
    options.hosts = hosts;
    return zk::Session::connect(options, std::chrono::seconds(30));
}

void create_open(zk::Session& session, const std::string& path, const std::string& data) {
    zk::AclList open(zk::AclPolicy::open);
    session.create(path, data, open);
}

} // namespace zklive::test
