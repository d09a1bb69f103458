// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/report.hpp"

#include <catch2/catch.hpp>

using namespace zklive::check;

namespace {

CheckedFile file(std::string label, std::optional<int64_t> age, AgeState state, Status status,
                 std::string problem = {}, std::optional<VersionState> version = {},
                 std::optional<Status> age_status = {}) {
    return {std::move(label),
            "/" + label,
            age,
            status,
            std::move(problem),
            state,
            age_status.value_or(status),
            version};
}

CheckedFile fresh(std::string label, int64_t age) {
    return file(std::move(label), age, AgeState::fresh, Status::ok);
}

const Cause unreachable{Cause::Kind::zookeeper_unreachable,
                        "could not connect to ZooKeeper at zk:2181 within 9.5 s"};

} // namespace

TEST_CASE("all files fresh: OK, with the oldest", "[check]") {
    auto report = summarize({fresh("a", 10), fresh("b", 30)});
    CHECK(report.status == Status::ok);
    CHECK(report.summary == "2 files fresh, oldest b 30s");
    CHECK(summarize({fresh("a", 10)}).summary == "1 file fresh, oldest a 10s");
}

TEST_CASE("with --zk an OK summary says the files are in sync", "[check]") {
    auto a = fresh("a", 10);
    a.version = VersionState::in_sync;
    CHECK(summarize({a}).summary == "1 file fresh and in sync with ZooKeeper, oldest a 10s");
}

TEST_CASE("a missing file allowed by --missing ok is counted as missing, not fresh", "[check]") {
    auto gone = file("gone", std::nullopt, AgeState::missing, Status::ok,
                     "gone: /gone does not exist (allowed by --missing ok)");
    auto report = summarize({fresh("a", 10), gone});
    CHECK(report.status == Status::ok);
    CHECK(report.summary == "1 file fresh, 1 missing (allowed by --missing ok), oldest a 10s");
    CHECK(report.counts.missing_allowed == 1);
    CHECK(report.counts.fresh == 1);
    CHECK(summarize({gone}).summary == "1 file missing (allowed by --missing ok)");
}

TEST_CASE("the worst file decides and the summary counts each state", "[check]") {
    std::vector<CheckedFile> files{
        fresh("a", 10),
        file("b", 700, AgeState::warning, Status::warning, "b: /b is 700s old"),
        file("c", 5, AgeState::fresh, Status::critical, "c: behind ZooKeeper: ...",
             VersionState::behind, Status::ok),
        file("d", 5, AgeState::fresh, Status::unknown, "d: cannot verify: ...",
             VersionState::node_unreadable, Status::ok),
    };
    auto report = summarize(files);
    CHECK(report.status == Status::critical);
    CHECK(report.summary == "3 of 4 files not OK (1 behind ZooKeeper, 1 warning by age, 1 with "
                            "node unreadable); worst c: behind ZooKeeper: ...");
    files.erase(files.begin() + 2);
    // WARNING is known to be wrong: it outranks a file that could not be verified.
    CHECK(summarize(files).status == Status::warning);
    files.erase(files.begin() + 1);
    CHECK(summarize(files).status == Status::unknown);
}

TEST_CASE("worst_first orders by state, then by age, and keeps notes of OK files", "[check]") {
    std::vector<CheckedFile> files{
        fresh("a", 10),
        file("b", 700, AgeState::warning, Status::warning, "b"),
        file("c", 900, AgeState::warning, Status::warning, "c"),
        file("d", std::nullopt, AgeState::missing, Status::critical, "d"),
        file("e", std::nullopt, AgeState::missing, Status::ok, "e (allowed)"),
    };
    auto order = worst_first(files);
    REQUIRE(order.size() == 4);
    CHECK(order[0]->label == "d");
    CHECK(order[1]->label == "c");
    CHECK(order[2]->label == "b");
    CHECK(order[3]->label == "e");
}

TEST_CASE("ZooKeeper unreachable: the ages decide if they are not OK, else UNKNOWN", "[check]") {
    auto not_compared = [](CheckedFile f) {
        f.version = VersionState::not_compared;
        if (f.status == Status::ok)
            f.status = Status::unknown;
        return f;
    };
    auto report = summarize({not_compared(fresh("a", 10))}, unreachable);
    CHECK(report.status == Status::unknown);
    CHECK(report.summary == "could not connect to ZooKeeper at zk:2181 within 9.5 s; by mtime "
                            "OK: 1 file fresh, oldest a 10s");
    REQUIRE(report.cause);
    CHECK(report.cause->kind == Cause::Kind::zookeeper_unreachable);

    auto old = not_compared(file("b", 700, AgeState::warning, Status::warning, "b: /b is old"));
    CHECK(summarize({not_compared(fresh("a", 10)), old}, unreachable).status == Status::warning);
    auto dead = not_compared(file("c", 1000, AgeState::critical, Status::critical, "c: old"));
    report = summarize({not_compared(fresh("a", 10)), old, dead}, unreachable);
    CHECK(report.status == Status::critical);
    CHECK(report.summary.starts_with("could not connect to ZooKeeper at zk:2181 within 9.5 s; "
                                     "by mtime CRITICAL: 2 of 3 files not OK (1 critical by age, "
                                     "1 warning by age); worst c: old"));
}

TEST_CASE("every node missing is one CRITICAL cause, not a warning per file", "[check]") {
    auto a = fresh("a", 10);
    a.version = VersionState::node_missing;
    auto b = fresh("b", 20);
    b.version = VersionState::node_missing;
    Cause cause{Cause::Kind::all_nodes_missing,
                "all 2 nodes missing from ZooKeeper at zk:2181/app: wrong zookeeper.hosts or "
                "chroot?"};
    auto report = summarize({a, b}, cause);
    CHECK(report.status == Status::critical);
    CHECK(report.summary == "all 2 nodes missing from ZooKeeper at zk:2181/app: wrong "
                            "zookeeper.hosts or chroot?; by mtime OK: 2 files fresh, oldest b 20s");
}

TEST_CASE("no files: UNKNOWN", "[check]") {
    auto report = summarize({});
    CHECK(report.status == Status::unknown);
    CHECK(report.summary == "no files to check");
}
