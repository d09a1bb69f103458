// SPDX-License-Identifier: Apache-2.0
// Dest files that hold an S3 object: what they record of the pointer and the object, and how
// the loop decides that a file still holds a pointer's object (node_file, object_record).
#include "zklive/sync/node_file.hpp"
#include "zklive/sync/object_record.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace {

using namespace zklive::sync;
using zklive::test::TempDir;
namespace stdfs = std::filesystem;

zklive::config::NodeConfig node_for(const stdfs::path& dest) {
    zklive::config::NodeConfig node;
    node.name = "big";
    node.source = "/config/big";
    node.dest = dest;
    node.mode = 0644;
    return node;
}

const std::string pointer = R"({"live_data_watcher_load_type": "S3", "file_key": "k"})";
const std::string object = "the object's bytes\n";

// Writes `object` to the dest as the watcher commits a download.
ApplyResult commit(const zklive::config::NodeConfig& node, NodeFileState& state,
                   RecordedVersion read) {
    AtomicFile file(node.dest, ownership_of(node));
    file.write(object);
    ObjectRecord record{sha256_hex(pointer), sha256_hex(object), "\"etag-1\""};
    return commit_object(node, state, file, read, record, object.size(), false);
}

} // namespace

TEST_CASE("a committed object records its pointer, digest, ETag and node version",
          "[sync][object]") {
    TempDir dir;
    auto node = node_for(dir.path() / "big.json");
    NodeFileState state;
    REQUIRE(commit(node, state, {3, 30}) == ApplyResult::written);
    CHECK(zklive::test::read_file(node.dest) == object);
    auto record = read_object_record(node.dest);
    REQUIRE(record);
    CHECK(record->pointer_sha256 == sha256_hex(pointer));
    CHECK(record->object_sha256 == sha256_hex(object));
    CHECK(record->etag == "\"etag-1\"");
    CHECK(read_recorded_version(node.dest)->version == 3);
    CHECK(state.object);
    CHECK(state.content_size == object.size());
    // A later answer of this session was written meanwhile: the download is stale.
    CHECK(commit(node, state, {2, 29}) == ApplyResult::stale);
}

TEST_CASE("holds_object_of: the same pointer and an intact file only", "[sync][object]") {
    TempDir dir;
    auto node = node_for(dir.path() / "big.json");
    NodeFileState state;
    REQUIRE(commit(node, state, {0, 10}) == ApplyResult::written);
    CHECK(holds_object_of(node.dest, pointer));
    CHECK_FALSE(holds_object_of(node.dest, pointer + " "));       // another pointer
    CHECK_FALSE(holds_object_of(node.dest + ".none", pointer)); // no file
    std::ofstream(node.dest, std::ios::app) << "edited";
    CHECK_FALSE(holds_object_of(node.dest, pointer)); // the content no longer matches
}

TEST_CASE("keep_object records a newer version on a file that holds the object, and the "
          "heartbeat compares objects by digest",
          "[sync][object]") {
    TempDir dir;
    auto node = node_for(dir.path() / "big.json");
    NodeFileState written;
    REQUIRE(commit(node, written, {0, 10}) == ApplyResult::written);

    NodeFileState fresh; // a restarted watcher: nothing known
    REQUIRE(holds_object_of(node.dest, pointer));
    CHECK(keep_object(node, fresh, {1, 11}));
    CHECK(read_recorded_version(node.dest)->version == 1);
    CHECK(fresh.object);
    CHECK(fresh.content_hash == written.content_hash);
    CHECK(find_drift(node, fresh) == Drift::none);

    // Same size, other bytes: found by digest.
    std::string other(object.size(), 'x');
    std::ofstream(node.dest, std::ios::trunc) << other;
    CHECK(find_drift(node, fresh) == Drift::content);
}
