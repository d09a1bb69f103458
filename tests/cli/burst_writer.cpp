// SPDX-License-Identifier: Apache-2.0
#include "burst_writer.hpp"

#include "sandbox.hpp"
#include "watcher.hpp"

#include "support/wait.hpp"

#include <catch2/catch.hpp>

#include <exception>
#include <memory>

namespace zklive::test {

std::string burst_node_keys(const std::string& name, const std::string& source,
                            const std::filesystem::path& dest) {
    return node_keys(name, source, dest, "nodes." + name + ".mode = 0640\n");
}

BurstWriter::BurstWriter(std::string hosts, std::string node)
    : hosts_(std::move(hosts)), node_(std::move(node)) {}

bool BurstWriter::wait_for_more(int more, std::chrono::milliseconds timeout) const {
    int target = written_ + more;
    return wait_until([&] { return written_ >= target; }, timeout);
}

void BurstWriter::write_once() {
    try {
        if (!session_) {
            zk::SessionOptions options;
            options.hosts = hosts_;
            session_ = zk::Session::connect(options, std::chrono::seconds(2));
        }
        session_->set(node_, burst_value(next_++));
        ++written_;
    } catch (const std::exception&) {
        session_.reset();
        // While the servers are down, do not spin.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // Paced so that a scenario of many seconds stays a few thousand changes.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

DestBurst::DestBurst(std::string hosts, std::string node, std::filesystem::path dest)
    : hosts_(std::move(hosts)), node_(std::move(node)), dest_(std::move(dest)),
      reader_(dest_, is_burst_value, burst_mode), writer_(hosts_, node_) {}

void DestBurst::finish(std::chrono::milliseconds bound) {
    writer_.stop();
    auto latest = connect_to(hosts_)->get(node_);
    REQUIRE(latest);
    CHECK(wait_for_content(dest_, latest->data, bound));
    reader_.stop();
    CHECK(reader_.reads() > 100);
    CHECK(reader_.absent() == 0);
    CHECK(reader_.bad_reads() == 0);
    CHECK(reader_.bad_modes() == 0);
    CHECK(temp_files_of(dest_).empty());
}

} // namespace zklive::test
