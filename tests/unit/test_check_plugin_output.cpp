// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/plugin_output.hpp"

#include "support/plugin_output_grammar.hpp"

#include <catch2/catch.hpp>

using namespace zklive::check;
using zklive::test::is_perfdata_item;
using zklive::test::parse_plugin_output;

namespace {

CheckedFile fresh(std::string label, int64_t age) {
    return {label, "/" + label, age, Status::ok, "", AgeState::fresh, Status::ok, std::nullopt};
}

CheckedFile behind(std::string label) {
    auto file = fresh(label, 5);
    file.status = Status::critical;
    file.version = VersionState::behind;
    file.problem = label + ": behind ZooKeeper: file has version 41 (mzxid 0x5a), ZooKeeper "
                           "has 43 (mzxid 0x64)";
    return file;
}

std::string output(const std::vector<CheckedFile>& files, bool zk = false,
                   std::optional<Cause> cause = {}) {
    auto policy = default_policy(std::chrono::minutes(5));
    return plugin_output(summarize(files, cause), files, policy, zk);
}

} // namespace

TEST_CASE("perfdata quotes labels, doubles single quotes and matches the guidelines' grammar",
          "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    std::vector<CheckedFile> files{fresh("it's a file", 42)};
    CHECK(perfdata(files, count(files), policy, false) == "'it''s a file'=42s;600;900;0");
    files[0].age_seconds.reset();
    CHECK(perfdata(files, count(files), policy, false) == "'it''s a file'=U;600;900;0");
    files[0].label = "a=b";
    CHECK(perfdata(files, count(files), policy, false) == "'a_b'=U;600;900;0");
    policy.critical = *parse_range("@~:20");
    CHECK(is_perfdata_item(perfdata(files, count(files), policy, false)));
    CHECK_FALSE(is_perfdata_item("'a'=1parsecs;2;3")); // a unit is one of the list
}

TEST_CASE("up to 20 files: one line of status and perfdata, then one line per file not OK",
          "[check]") {
    std::vector<CheckedFile> files{fresh("a", 10), fresh("b", 700), fresh("c", 1000)};
    files[1].status = files[1].age_status = Status::warning;
    files[1].age = AgeState::warning;
    files[1].problem = "b: /b is 700s old, outside the warning range 600";
    files[2].status = files[2].age_status = Status::critical;
    files[2].age = AgeState::critical;
    files[2].problem = "c: /c is 1000s old, outside the critical range 900";
    CHECK(output(files) ==
          "ZKLIVE CRITICAL: 2 of 3 files not OK (1 critical by age, 1 warning by age); worst c: "
          "/c is 1000s old, outside the critical range 900 | 'a'=10s;600;900;0 "
          "'b'=700s;600;900;0 'c'=1000s;600;900;0\n"
          "c: /c is 1000s old, outside the critical range 900\n"
          "b: /b is 700s old, outside the warning range 600\n");
    // Perfdata that would make the first line 200 characters or more end the last line.
    files[0].label = std::string(40, 'a');
    CHECK(output(files) ==
          "ZKLIVE CRITICAL: 2 of 3 files not OK (1 critical by age, 1 warning by age); worst c: "
          "/c is 1000s old, outside the critical range 900\n"
          "c: /c is 1000s old, outside the critical range 900\n"
          "b: /b is 700s old, outside the warning range 600 | '" +
              files[0].label + "'=10s;600;900;0 'b'=700s;600;900;0 'c'=1000s;600;900;0\n");
    CHECK(output({fresh("a", 10)}) ==
          "ZKLIVE OK: 1 file fresh, oldest a 10s | 'a'=10s;600;900;0\n");
}

TEST_CASE("perfdata that does not fit on the first line goes on a line of its own", "[check]") {
    std::vector<CheckedFile> files;
    for (int i = 0; i < 20; ++i)
        files.push_back(fresh("file-number-" + std::to_string(i), i));
    auto out = output(files);
    auto parsed = parse_plugin_output(out);
    REQUIRE(parsed);
    CHECK(parsed->first_line == "ZKLIVE OK: 20 files fresh, oldest file-number-19 19s");
    CHECK(parsed->perfdata.size() == 20);
    CHECK(out.find("\n| 'file-number-0'=0s;600;900;0 ") != std::string::npos);
}

TEST_CASE("more than 20 files: aggregate perfdata, 20 lines naming the worst, then the rest "
          "counted",
          "[check]") {
    std::vector<CheckedFile> files;
    for (int i = 0; i < 30; ++i)
        files.push_back(behind("n" + std::to_string(i)));
    for (int i = 0; i < 70; ++i)
        files.push_back(fresh("f" + std::to_string(i), 100 + i));
    auto out = output(files, true);
    auto parsed = parse_plugin_output(out);
    REQUIRE(parsed);
    INFO(out);
    CHECK(parsed->first_line.size() < 200);
    CHECK(parsed->status_text.starts_with("ZKLIVE CRITICAL: 30 of 100 files not OK (30 behind "
                                          "ZooKeeper); worst n0: behind ZooKeeper"));
    REQUIRE(parsed->long_text.size() == 21);
    CHECK(parsed->long_text[0].starts_with("n0: behind ZooKeeper"));
    CHECK(parsed->long_text[20] == "and 10 more ");
    CHECK(parsed->perfdata == std::vector<std::string>{"'files'=100;;;0", "'oldest'=169s;600;900;0",
                                                       "'stale'=0;0;;0", "'missing'=0;;0;0",
                                                       "'drifted'=30;;0;0", "'unverified'=0;;;0"});
}

TEST_CASE("the output stays under Nagios' 8 KiB with 5,000 files and absurdly long names",
          "[check]") {
    std::vector<CheckedFile> files;
    std::string long_name(3000, 'x');
    for (int i = 0; i < 5000; ++i) {
        auto file = behind(long_name + std::to_string(i));
        file.path = "/" + long_name + "/" + std::to_string(i);
        file.problem = file.label + ": " + file.path.string() + " " + file.problem;
        files.push_back(std::move(file));
    }
    Cause cause{Cause::Kind::all_nodes_missing, std::string(5000, 'h')};
    for (auto cause_or_not : {std::optional<Cause>{}, std::optional<Cause>{cause}}) {
        auto out = output(files, true, cause_or_not);
        CHECK(out.size() < 8192);
        auto parsed = parse_plugin_output(out);
        REQUIRE(parsed);
        CHECK(parsed->first_line.size() < 200);
        CHECK(parsed->long_text.size() <= 21);
    }
    // At 20 files, per-file perfdata with long labels: still bounded.
    files.resize(20);
    auto out = output(files, true);
    CHECK(out.size() < 8192);
    auto parsed = parse_plugin_output(out);
    REQUIRE(parsed);
    CHECK(parsed->perfdata.size() == 20);
    CHECK(parsed->perfdata[0].size() < 100);
}

TEST_CASE("text cannot break the output's form: no '|' nor line breaks from names", "[check]") {
    auto file = behind("a|b\nc");
    auto out = output({file});
    auto parsed = parse_plugin_output(out);
    REQUIRE(parsed);
    CHECK(parsed->long_text.size() == 1);
    CHECK(parsed->long_text[0].starts_with("a!b?c: behind ZooKeeper"));
}

TEST_CASE("a cut line ends with ... at a character boundary", "[check]") {
    std::string label;
    for (int i = 0; i < 100; ++i)
        label += "\xc3\xa9"; // é, two bytes
    auto out = output({behind(label)});
    auto first = out.substr(0, out.find('\n'));
    CHECK(first.size() <= first_line_limit);
    CHECK(first.ends_with("..."));
    auto before_dots = first.substr(0, first.size() - 3);
    CHECK(before_dots.ends_with("\xc3\xa9"));
}

TEST_CASE("plugin_line is one bounded status line", "[check]") {
    CHECK(plugin_line(Status::unknown, "timed out") == "ZKLIVE UNKNOWN: timed out\n");
    CHECK(plugin_line(Status::critical, std::string(500, 'x')).size() == first_line_limit + 1);
}
