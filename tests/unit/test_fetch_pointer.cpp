// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/pointer.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace zklive::fetch;

namespace {

const std::string full = R"({"live_data_watcher_load_type": "S3", "bucket_name": "bkt",
    "file_key": "dir/file.json", "region_name": "us-east-2", "sse_key": "k3y"})";

std::string with(const std::string& extra) {
    return full.substr(0, full.size() - 1) + ", " + extra + "}";
}

std::string error_of(const std::string& data) {
    auto pointer = parse_pointer(data);
    REQUIRE(std::holds_alternative<PointerError>(pointer));
    return std::get<PointerError>(pointer).why;
}

} // namespace

TEST_CASE("data that is no JSON object with a load type passes through", "[fetch][pointer]") {
    for (std::string data :
         {"", "plain text", "[1, 2]", "\"S3\"", "42", "null", "{\"bucket_name\": \"b\"}",
          "{\"live_data_watcher_load_type\": \"PASSTHROUGH\", \"bucket_name\": \"b\"}",
          "{\"live_data_watcher_load_type\": \"S3\"", "\xff\xfe{}",
          "\xef\xbb\xbf{\"live_data_watcher_load_type\": \"S3\"}"}) {
        INFO(data);
        CHECK(std::holds_alternative<Passthrough>(parse_pointer(data)));
    }
}

TEST_CASE("an unknown load type is reported with its value", "[fetch][pointer]") {
    auto pointer = parse_pointer(R"({"live_data_watcher_load_type": "GCS"})");
    REQUIRE(std::holds_alternative<UnknownLoadType>(pointer));
    CHECK(std::get<UnknownLoadType>(pointer).type == "GCS");
    // Case matters, as in the sidecar's enum.
    CHECK(
        std::get<UnknownLoadType>(parse_pointer(R"({"live_data_watcher_load_type": "s3"})")).type ==
        "s3");
    CHECK(
        std::get<UnknownLoadType>(parse_pointer(R"({"live_data_watcher_load_type": null})")).type ==
        "null");
}

TEST_CASE("an S3 pointer is read whole", "[fetch][pointer]") {
    auto pointer = parse_pointer(with(R"("num_file_shards": 5, "anon": true)"));
    REQUIRE(std::holds_alternative<S3Pointer>(pointer));
    const auto& s3 = std::get<S3Pointer>(pointer);
    CHECK(s3.bucket == "bkt");
    CHECK(s3.key == "dir/file.json");
    CHECK(s3.region == "us-east-2");
    CHECK(s3.sse_key == "k3y");
    CHECK(s3.num_file_shards == 5);
    CHECK(s3.anonymous);
}

TEST_CASE("anon is true only for JSON true, as the sidecar's `is True`", "[fetch][pointer]") {
    for (std::string value : {"\"true\"", "1", "false", "null"}) {
        INFO(value);
        auto pointer = parse_pointer(with("\"anon\": " + value));
        REQUIRE(std::holds_alternative<S3Pointer>(pointer));
        CHECK_FALSE(std::get<S3Pointer>(pointer).anonymous);
    }
    CHECK_FALSE(std::get<S3Pointer>(parse_pointer(full)).anonymous);
}

TEST_CASE("an S3 pointer missing a field is an error naming the field", "[fetch][pointer]") {
    for (std::string field : {"bucket_name", "file_key", "region_name", "sse_key"}) {
        auto start = full.find("\"" + field + "\"");
        auto end = full.find(',', start);
        std::string data = full.substr(0, start) + full.substr(end + 1);
        if (end == std::string::npos) // the last field
            data = full.substr(0, full.rfind(',', start)) + "}";
        INFO(data);
        CHECK(error_of(data) == "S3 pointer has no \"" + field + "\"");
    }
}

TEST_CASE("S3 pointer fields of the wrong type or unsafe in a host name are errors",
          "[fetch][pointer]") {
    CHECK(error_of(R"({"live_data_watcher_load_type": "S3", "bucket_name": 7, "file_key": "k",
                       "region_name": "r", "sse_key": "s"})") ==
          "S3 pointer: \"bucket_name\" must be a non-empty string");
    CHECK(error_of(with(R"("num_file_shards": "3")")) ==
          "S3 pointer: \"num_file_shards\" must be an integer");
    CHECK(error_of(R"({"live_data_watcher_load_type": "S3", "bucket_name": "evil.com/x#",
                       "file_key": "k", "region_name": "r", "sse_key": "s"})") ==
          "S3 pointer: \"bucket_name\" is not a valid bucket name");
    CHECK(error_of(R"({"live_data_watcher_load_type": "S3", "bucket_name": "b",
                       "file_key": "k", "region_name": "us-east-1.evil.com", "sse_key": "s"})") ==
          "S3 pointer: \"region_name\" is not a valid region");
}

TEST_CASE("pointer errors never carry the SSE key", "[fetch][pointer]") {
    auto why = error_of(R"({"live_data_watcher_load_type": "S3", "bucket_name": "b",
                            "file_key": "k", "sse_key": "TOPSECRET"})");
    CHECK(why.find("TOPSECRET") == std::string::npos);
}

TEST_CASE("shard prefixes are 1 .. N-1 as Python's randrange(1, N)", "[fetch][pointer]") {
    auto pointer = std::get<S3Pointer>(parse_pointer(with(R"("num_file_shards": 4)")));
    std::mt19937_64 random(12345);
    std::map<std::string, int> seen;
    for (int i = 0; i < 3000; ++i)
        ++seen[object_key(pointer, random)];
    CHECK(seen.size() == 3);
    CHECK(seen.count("1/dir/file.json") == 1);
    CHECK(seen.count("2/dir/file.json") == 1);
    CHECK(seen.count("3/dir/file.json") == 1);
    for (const auto& [key, count] : seen)
        CHECK(count > 800); // uniform: about 1000 each
}

TEST_CASE("no shard prefix without num_file_shards above 1", "[fetch][pointer]") {
    std::mt19937_64 random(1);
    for (std::string shards : {"", R"("num_file_shards": null)", R"("num_file_shards": 1)",
                               R"("num_file_shards": 0)", R"("num_file_shards": -3)"}) {
        INFO(shards);
        auto pointer = std::get<S3Pointer>(parse_pointer(shards.empty() ? full : with(shards)));
        CHECK(object_key(pointer, random) == "dir/file.json");
    }
    // Two shards: the only prefix randrange(1, 2) gives.
    auto two = std::get<S3Pointer>(parse_pointer(with(R"("num_file_shards": 2)")));
    CHECK(object_key(two, random) == "1/dir/file.json");
}

TEST_CASE("may_be_pointer lets through every spelling a JSON parser reads as the load type",
          "[fetch][pointer]") {
    CHECK(may_be_pointer(R"({"live_data_watcher_load_type": "S3"})"));
    CHECK(may_be_pointer(" \r\n\t{\"live_data_watcher_load_type\": \"S3\"}"));
    // The key written with escapes is the same key.
    std::string escaped = R"({"live\u005fdata\u005fwatcher\u005fload\u005ftype": "S3",
        "bucket_name": "b", "file_key": "k", "region_name": "r", "sse_key": "s"})";
    CHECK(may_be_pointer(escaped));
    CHECK(std::holds_alternative<S3Pointer>(parse_pointer(escaped)));

    CHECK_FALSE(may_be_pointer(""));
    CHECK_FALSE(may_be_pointer("plain text naming live_data_watcher_load_type"));
    CHECK_FALSE(may_be_pointer(R"(["live_data_watcher_load_type"])"));
    CHECK_FALSE(may_be_pointer(R"({"experiments": {"a": 1}})"));
}
