#include "zklive/check/freshness.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

using namespace zklive::check;
using zklive::test::TempDir;

namespace {

std::filesystem::path file_aged(const TempDir& dir, const std::string& name, int age_seconds) {
    auto path = dir.path() / name;
    std::ofstream(path) << "x";
    std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() -
                                               std::chrono::seconds(age_seconds));
    return path;
}

// One perfdata item of the Monitoring Plugins guidelines:
// 'label'=value[UOM];[warn];[crit];[min];[max]
bool matches_perfdata_grammar(const std::string& item) {
    static const std::regex label(R"('([^']|'')+')");
    static const std::regex value(R"((-?[0-9.]+(us|ms|s|%|B|KB|MB|TB|c)?|U))");
    static const std::regex range(R"(@?(~|-?[0-9.]+)?(:(-?[0-9.]+)?)?)");
    static const std::regex number(R"((-?[0-9.]+)?)");
    auto equals = item.rfind('=');
    if (equals == std::string::npos || !std::regex_match(item.substr(0, equals), label))
        return false;
    std::vector<std::string> fields;
    std::string rest = item.substr(equals + 1);
    for (std::size_t start = 0;;) {
        auto semicolon = rest.find(';', start);
        fields.push_back(rest.substr(start, semicolon - start));
        if (semicolon == std::string::npos)
            break;
        start = semicolon + 1;
    }
    if (fields.size() > 5 || !std::regex_match(fields[0], value))
        return false;
    for (std::size_t i = 1; i < fields.size(); ++i) {
        if (!std::regex_match(fields[i], i <= 2 ? range : number))
            return false;
    }
    return true;
}

} // namespace

TEST_CASE("default thresholds are two and three heartbeats", "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    CHECK(policy.warning.text == "600");
    CHECK(policy.critical.text == "900");
    CHECK(default_policy(std::chrono::seconds(10)).critical.text == "30");
}

TEST_CASE("a file's state follows its age through the ranges", "[check]") {
    TempDir dir;
    auto policy = default_policy(std::chrono::minutes(5));
    auto fresh = file_aged(dir, "a", 10);
    auto stale = file_aged(dir, "b", 700);
    auto dead = file_aged(dir, "c", 1000);
    auto now = std::chrono::system_clock::now();
    CHECK(check_file("fresh", fresh, policy, now).status == Status::ok);
    auto warning = check_file("w", stale, policy, now);
    CHECK(warning.status == Status::warning);
    CHECK(warning.problem == "w: " + stale.string() + " is 700s old, outside the warning range 600");
    CHECK(check_file("c", dead, policy, now).status == Status::critical);
}

TEST_CASE("a missing file is CRITICAL by default, or as --missing says", "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    auto now = std::chrono::system_clock::now();
    for (auto [missing, expected] : {std::pair{MissingPolicy::critical, Status::critical},
                                     std::pair{MissingPolicy::warning, Status::warning},
                                     std::pair{MissingPolicy::ok, Status::ok}}) {
        policy.missing = missing;
        auto file = check_file("gone", "/nonexistent/zklive-file", policy, now);
        CHECK(file.status == expected);
        CHECK_FALSE(file.age_seconds);
    }
}

TEST_CASE("perfdata quotes labels, doubles single quotes and matches the guidelines' grammar",
          "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    CheckedFile file{"it's a file", "/x", 42, Status::ok, ""};
    CHECK(perfdata(file, policy) == "'it''s a file'=42s;600;900;0");
    CHECK(matches_perfdata_grammar(perfdata(file, policy)));
    CheckedFile missing{"gone", "/y", std::nullopt, Status::critical, ""};
    CHECK(perfdata(missing, policy) == "'gone'=U;600;900;0");
    CHECK(matches_perfdata_grammar(perfdata(missing, policy)));
    policy.critical = *parse_range("@~:20");
    CHECK(matches_perfdata_grammar(perfdata(file, policy)));
    CHECK_FALSE(matches_perfdata_grammar("label=1s;2;3"));   // unquoted labels are ours to avoid
    CHECK_FALSE(matches_perfdata_grammar("'a'=1parsecs;2;3")); // and a unit is one of the list
}

TEST_CASE("a file behind its node is CRITICAL - a vanished node WARNING", "[check]") {
    CheckedFile file{"n", "/x", 5, Status::ok, ""};
    Stat node{};
    node.version = 43;
    node.mzxid = 100;
    compare_with_node(file, "/src", zklive::sync::RecordedVersion{41, 90}, node);
    CHECK(file.status == Status::critical);
    CHECK(file.problem == "n: behind ZooKeeper: file has version 41, node has 43");

    CheckedFile current{"n", "/x", 5, Status::ok, ""};
    compare_with_node(current, "/src", zklive::sync::RecordedVersion{43, 100}, node);
    CHECK(current.status == Status::ok);

    CheckedFile orphan{"n", "/x", 5, Status::ok, ""};
    compare_with_node(orphan, "/src", zklive::sync::RecordedVersion{43, 100}, std::nullopt);
    CHECK(orphan.status == Status::warning);
    CHECK(orphan.problem == "n: node /src no longer exists");
}

TEST_CASE("the worst file decides - the output is one summary line with perfdata, then one line "
          "per file that is not OK",
          "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    std::vector<CheckedFile> files{
        {"a", "/a", 10, Status::ok, ""},
        {"b", "/b", 700, Status::warning, "b: /b is 700s old, outside the warning range 600"},
        {"c", "/c", 1000, Status::critical, "c: /c is 1000s old, outside the critical range 900"},
    };
    auto report = summarize(files);
    CHECK(report.status == Status::critical);
    CHECK(plugin_output(report.status, report.summary, files, policy) ==
          "ZKLIVE CRITICAL: 2 of 3 files not fresh; worst c: /c is 1000s old, outside the "
          "critical range 900 | 'a'=10s;600;900;0 'b'=700s;600;900;0 'c'=1000s;600;900;0\n"
          "b: /b is 700s old, outside the warning range 600\n"
          "c: /c is 1000s old, outside the critical range 900\n");

    files.pop_back();
    files.pop_back();
    report = summarize(files);
    CHECK(report.status == Status::ok);
    CHECK(report.summary == "1 file fresh, oldest a 10s");
}
