// SPDX-License-Identifier: Apache-2.0
// zklive::FileWatcher (lib/include/zklive/file_watcher.hpp, lib/zklive/app/watched_file.cpp)
// and JsonFileWatcher, through the public headers only.
#include <zklive/file_watcher.hpp>
#include <zklive/json_file_watcher.hpp>

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace stdfs = std::filesystem;
using namespace std::chrono_literals;
using zklive::FileNotAvailable;
using zklive::FileWatcher;
using zklive::test::TempDir;
using zklive::test::write_text;

// As `zklive watch` writes: a temp file renamed over the path.
void replace_file(const stdfs::path& path, const std::string& text) {
    auto temp = path;
    temp += ".tmp";
    write_text(temp, text);
    stdfs::rename(temp, path);
}

// A parser of decimal numbers that counts its calls and rejects anything else.
struct CountingParser {
    std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);

    FileWatcher<int>::BytesParser parser() const {
        return [calls = calls](std::string_view bytes) {
            ++*calls;
            std::size_t used = 0;
            int number = std::stoi(std::string(bytes), &used);
            if (used != bytes.size())
                throw std::invalid_argument("trailing bytes after " + std::to_string(number));
            return number;
        };
    }
};

// A watcher of the file "number" in a fresh directory; the file does not exist yet.
struct NumberFile {
    TempDir dir;
    stdfs::path path = dir.path() / "number";
    CountingParser parse;
    FileWatcher<int> watcher{path, parse.parser()};
};

} // namespace

TEST_CASE_METHOD(NumberFile, "a missing file with no earlier value throws FileNotAvailable") {
    try {
        watcher.get();
        FAIL("get() returned for a missing file");
    } catch (const FileNotAvailable& error) {
        CHECK(error.path() == path);
        CHECK(std::string(error.what()) == path.string() + ": No such file or directory");
    }
    CHECK_THROWS_AS(watcher.get(), zklive::LibraryError); // the family's base
    CHECK(*parse.calls == 0);
}

TEST_CASE_METHOD(NumberFile, "a replaced file is parsed again, an unchanged one is not") {
    replace_file(path, "1");
    CHECK(*watcher.get() == 1);
    CHECK(*watcher.get() == 1);
    CHECK(*watcher.get() == 1);
    CHECK(*parse.calls == 1);

    replace_file(path, "2");
    CHECK(*watcher.get() == 2);
    CHECK(*watcher.get() == 2);
    CHECK(*parse.calls == 2);
}

TEST_CASE_METHOD(NumberFile, "a file rewritten in place with another size is parsed again") {
    write_text(path, "7");
    CHECK(*watcher.get() == 7);
    write_text(path, "42");
    CHECK(*watcher.get() == 42);
    CHECK(*parse.calls == 2);
}

TEST_CASE_METHOD(NumberFile, "a value taken stays valid after the file changes") {
    replace_file(path, "1");
    auto before = watcher.get();
    replace_file(path, "2");
    CHECK(*watcher.get() == 2);
    CHECK(*before == 1);
}

TEST_CASE_METHOD(
    NumberFile,
    "a version that does not parse keeps the last good value, and is parsed only once") {
    replace_file(path, "5");
    CHECK(*watcher.get() == 5);

    replace_file(path, "5x");
    CHECK(*watcher.get() == 5);
    CHECK(*watcher.get() == 5);
    CHECK(*parse.calls == 2);

    replace_file(path, "6");
    CHECK(*watcher.get() == 6);
}

TEST_CASE_METHOD(NumberFile,
                 "a file that never parsed throws FileNotAvailable with the parser's message") {
    replace_file(path, "5x");
    CHECK_THROWS_WITH(watcher.get(), path.string() + ": does not parse: trailing bytes after 5");
    CHECK_THROWS_AS(watcher.get(), FileNotAvailable);
    CHECK(*parse.calls == 1);
}

TEST_CASE_METHOD(NumberFile, "a removed file keeps the last value") {
    replace_file(path, "3");
    CHECK(*watcher.get() == 3);
    stdfs::remove(path);
    CHECK(*watcher.get() == 3);
    replace_file(path, "4");
    CHECK(*watcher.get() == 4);
}

TEST_CASE("a stream parser gets the file's bytes") {
    TempDir dir;
    auto path = dir.path() / "words";
    replace_file(path, "alpha beta");
    FileWatcher<std::string> watcher(path, [](std::istream& in) {
        std::string first, second;
        in >> first >> second;
        return second + " " + first;
    });
    CHECK(*watcher.get() == "beta alpha");
}

TEST_CASE("the constructor waits for the first file when asked to") {
    TempDir dir;
    auto path = dir.path() / "late";
    std::thread writer([&] {
        std::this_thread::sleep_for(100ms);
        replace_file(path, "9");
    });
    CountingParser parse;
    FileWatcher<int> watcher(path, parse.parser(), 10s);
    writer.join();
    CHECK(*parse.calls == 1); // parsed by the constructor
    CHECK(*watcher.get() == 9);
    CHECK(*parse.calls == 1);
}

TEST_CASE("the constructor throws FileNotAvailable when the file does not come in time") {
    TempDir dir;
    auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(FileWatcher<int>(dir.path() / "never", CountingParser().parser(), 100ms),
                    FileNotAvailable);
    CHECK(std::chrono::steady_clock::now() - started >= 100ms);
}

TEST_CASE("JsonFileWatcher parses JSON and keeps the last document over broken JSON") {
    TempDir dir;
    auto path = dir.path() / "flags.json";
    replace_file(path, R"({"enabled": true})");
    zklive::JsonFileWatcher watcher(path);
    CHECK(watcher.get()->at("enabled") == true);
    replace_file(path, R"({"enabled": fal)");
    CHECK(watcher.get()->at("enabled") == true);
    replace_file(path, R"({"enabled": false})");
    CHECK(watcher.get()->at("enabled") == false);
}

TEST_CASE("8 readers never see a partial file while a writer replaces it 1,000 times") {
    TempDir dir;
    auto path = dir.path() / "pair.json";
    // Each version holds a number twice, with padding that makes it span several reads.
    auto version = [](int n) {
        return nlohmann::json{{"n", n}, {"padding", std::string(70000, 'x')}, {"copy", n}}.dump();
    };
    constexpr int versions = 1000;
    replace_file(path, version(0));
    zklive::JsonFileWatcher watcher(path);

    std::atomic<bool> writing{true};
    std::atomic<int> torn{0}, backwards{0}, reads{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 8; ++i)
        readers.emplace_back([&] {
            int last = -1;
            do {
                auto value = watcher.get();
                int n = value->at("n").get<int>();
                if (n != value->at("copy").get<int>())
                    ++torn;
                if (n < last)
                    ++backwards;
                last = n;
                ++reads;
            } while (writing);
        });
    for (int n = 1; n < versions; ++n)
        replace_file(path, version(n));
    writing = false;
    for (auto& reader : readers)
        reader.join();

    CHECK(torn == 0);
    CHECK(backwards == 0);
    CHECK(reads >= 8);
    CHECK(watcher.get()->at("n") == versions - 1);
}
