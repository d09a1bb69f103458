// SPDX-License-Identifier: Apache-2.0
#pragma once

// What every CLI test needs: the built zklive, the shared test ZooKeeper, a znode subtree
// and a directory of its own.
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include "zklive/zk/session.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace zklive::test {

class Sandbox {
  public:
    Sandbox();

    const std::string& hosts() const { return hosts_; }
    // A znode unique to this sandbox (created, empty): "/zklive-test/<unique>".
    const std::string& root() const { return root_; }
    std::string node(const std::string& relative) const { return root_ + "/" + relative; }
    const std::filesystem::path& dir() const { return dir_.path(); }

    // Runs the zklive binary; ZKLIVE_CONFIG is unset unless extra_env sets it.
    ProcessResult zklive(const std::vector<std::string>& args, const std::string& stdin_data = {},
                         const std::vector<std::string>& extra_env = {}) const;

    // Writes a file under dir() and returns its path.
    std::filesystem::path write_file(const std::string& name, const std::string& content) const;

    // A config with zookeeper.hosts = hosts() plus `extra` lines, in [live-data] or bare.
    std::filesystem::path write_config(const std::string& extra = {}, bool sectioned = true,
                                       const std::string& name = "zklive.ini") const;

    // Creates node(relative) with data and an open ACL through client(); returns its path.
    std::string make_node(const std::string& relative, const std::string& data = {}) const;

    // A direct client for setting up and checking nodes, independent of the binary.
    zk::Session& client() const;

  private:
    TempDir dir_;
    std::string hosts_;
    std::string root_;
    mutable std::unique_ptr<zk::Session> client_;
};

// A client of its own for a server a test started (Sandbox::client() uses the shared one).
std::unique_ptr<zk::Session> connect_to(const std::string& hosts);

// Creates `path` with `data` and an open ACL through `session`.
void create_open(zk::Session& session, const std::string& path, const std::string& data);

} // namespace zklive::test
