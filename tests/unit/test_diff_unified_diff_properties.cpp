// SPDX-License-Identifier: Apache-2.0
// unified_diff on thousands of random texts, checked with GNU patch and GNU diff: its diffs
// apply, are as short as GNU's, and are GNU's hunks wherever only one shortest script exists.
#include "zklive/diff/unified_diff.hpp"
#include "zklive/util/text.hpp"

#include "support/files.hpp"
#include "support/patch.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

using zklive::diff::unified_diff;
using zklive::test::apply_unified_diff;

namespace {

namespace fs = std::filesystem;

struct Case {
    std::string old_text;
    std::string new_text;
};

// Random pairs of texts over few distinct lines, so that repeated lines and several equally
// short edit scripts are the rule; with "\r" before some newlines, empty texts, texts without
// their last newline and long identical runs.
class RandomCases {
  public:
    explicit RandomCases(std::uint32_t seed) : random_(seed) {}

    Case next() {
        Case c = below(2) == 0 ? unrelated() : edited();
        if (below(4) == 0) {
            // A long identical head or tail, as around a small edit to a big file.
            const std::string run = text(std::vector<std::string>(1 + below(200), "same"));
            c = below(2) == 0 ? Case{run + c.old_text, run + c.new_text}
                              : Case{c.old_text + run, c.new_text + run};
        }
        return {drop_last_newline(c.old_text), drop_last_newline(c.new_text)};
    }

  private:
    std::size_t below(std::size_t n) { return random_() % n; }

    static std::string text(const std::vector<std::string>& lines) {
        std::string text;
        for (const std::string& line : lines) {
            text += line + "\n";
        }
        return text;
    }

    std::string drop_last_newline(std::string text) {
        if (!text.empty() && below(3) == 0) {
            text.pop_back();
        }
        return text;
    }

    // Up to 30 lines over the first `alphabet` words of the vocabulary.
    std::vector<std::string> lines(std::size_t alphabet) {
        std::vector<std::string> lines(below(31));
        for (std::string& line : lines) {
            line = vocabulary[below(alphabet)];
        }
        return lines;
    }

    Case unrelated() {
        const std::size_t alphabet = 1 + below(5);
        return {text(lines(alphabet)), text(lines(alphabet))};
    }

    // A text and a copy with a few lines inserted, removed or replaced.
    Case edited() {
        const std::vector<std::string> original = lines(vocabulary.size());
        std::vector<std::string> copy = original;
        for (std::size_t edits = below(7); edits > 0; --edits) {
            const auto at = static_cast<std::ptrdiff_t>(below(copy.size() + 1));
            const std::string& word = vocabulary[below(vocabulary.size())];
            const std::size_t kind = below(3);
            if (kind == 0) {
                copy.insert(copy.begin() + at, word);
            } else if (at < static_cast<std::ptrdiff_t>(copy.size())) {
                if (kind == 1) {
                    copy.erase(copy.begin() + at);
                } else {
                    copy[static_cast<std::size_t>(at)] = word;
                }
            }
        }
        return {text(original), text(copy)};
    }

    inline static const std::vector<std::string> vocabulary = {
        "a", "b", "a\r", "", "}", "\r", "ab", "  key = 1", "  key = 12", "a "};
    std::mt19937 random_;
};

// Pairs of texts with exactly one shortest edit script: distinct lines, of which the new text
// keeps some in order and adds lines of its own. The kept lines are the only common
// subsequence that long, so every shortest script keeps them and no line can slide.
class UniqueScriptCases {
  public:
    explicit UniqueScriptCases(std::uint32_t seed) : random_(seed) {}

    Case next() {
        std::string old_text;
        std::string new_text;
        const std::size_t length = random_() % 40;
        for (std::size_t i = 0; i < length; ++i) {
            const std::string line = fresh_line();
            old_text += line;
            if (random_() % 4 != 0) {
                new_text += line;
            }
            while (random_() % 4 == 0) {
                new_text += fresh_line();
            }
        }
        for (std::string* text : {&old_text, &new_text}) {
            if (!text->empty() && random_() % 4 == 0) {
                text->pop_back();
            }
        }
        return {old_text, new_text};
    }

  private:
    std::string fresh_line() {
        return "line " + std::to_string(++lines_) + (random_() % 5 == 0 ? "\r\n" : "\n");
    }

    std::mt19937 random_;
    std::size_t lines_ = 0;
};

template <typename Generator> std::vector<Case> generate(std::size_t count, std::uint32_t seed) {
    Generator generator(seed);
    std::vector<Case> cases;
    for (std::size_t i = 0; i < count; ++i) {
        cases.push_back(generator.next());
    }
    return cases;
}

// Thousands of small files: on tmpfs when there is one, since creating them on a busy disk can
// take seconds.
fs::path scratch_parent() {
    std::error_code error;
    if (fs::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0) {
        return "/dev/shm";
    }
    return fs::temp_directory_path();
}

std::string run(const std::vector<std::string>& argv, const std::string& input = {}) {
    // LC_ALL=C keeps "\ No newline at end of file" untranslated.
    const auto result = zklive::test::run_process(argv, input, {"LC_ALL=C"});
    INFO(argv[0] << ": " << result.err);
    REQUIRE(result.exit_code >= 0);
    // diff exits 1 when the texts differ; anything else is trouble.
    REQUIRE(result.exit_code <= (argv[0] == "diff" ? 1 : 0));
    return result.out;
}

// The cases as files old/N and new/N, so that one `diff -r` or one `patch` handles them all:
// one process instead of thousands.
class CaseFiles {
  public:
    explicit CaseFiles(const std::vector<Case>& cases)
        : dir_("zklive-diff", scratch_parent()), count_(cases.size()) {
        fs::create_directory(dir_.path() / "old");
        fs::create_directory(dir_.path() / "new");
        for (std::size_t i = 0; i < cases.size(); ++i) {
            zklive::test::write_text(dir_.path() / "old" / std::to_string(i), cases[i].old_text);
            zklive::test::write_text(dir_.path() / "new" / std::to_string(i), cases[i].new_text);
        }
    }

    // The hunks GNU diff prints for each case, without its "---"/"+++" lines.
    std::vector<std::string> gnu_hunks(int context) const {
        const std::string out =
            run({"diff", "-r", "-U", std::to_string(context), (dir_.path() / "old").string(),
                 (dir_.path() / "new").string()});
        // Per file: "diff -r ... old/N new/N", "--- old/N\tDATE", "+++ new/N\tDATE", hunks.
        std::vector<std::string> hunks(count_);
        std::string* current = nullptr;
        const std::vector<std::string_view> lines = zklive::text::split_lines(out);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (lines[k].starts_with("diff -r ")) {
                const std::string_view command = lines[k].substr(0, lines[k].size() - 1);
                current =
                    &hunks.at(std::stoul(std::string(command.substr(command.rfind('/') + 1))));
                k += 2; // the "---" and "+++" lines
            } else {
                REQUIRE(current != nullptr);
                current->append(lines[k]);
            }
        }
        return hunks;
    }

    // Each case's old text after GNU patch applied `diffs` (one per case) to it, without fuzz
    // and without its heuristics for carriage returns.
    std::vector<std::string> patched(const std::vector<std::string>& diffs) const {
        const fs::path work = dir_.path() / "patched";
        fs::remove_all(work);
        fs::copy(dir_.path() / "old", work);
        std::string all;
        for (const std::string& diff : diffs) {
            all += diff;
        }
        run({"patch", "--batch", "--fuzz=0", "--binary", "--no-backup-if-mismatch", "--silent",
             "-p1", "-d", work.string()},
            all);
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < count_; ++i) {
            texts.push_back(zklive::test::read_file(work / std::to_string(i)));
        }
        return texts;
    }

  private:
    zklive::test::TempDir dir_;
    std::size_t count_;
};

// Our diffs of each case, labelled a/N and b/N for patch -p1.
std::vector<std::string> our_diffs(const std::vector<Case>& cases, int context) {
    std::vector<std::string> diffs;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string name = std::to_string(i);
        diffs.push_back(
            unified_diff(cases[i].old_text, cases[i].new_text, "a/" + name, "b/" + name, context));
    }
    return diffs;
}

// A diff without its "---"/"+++" lines.
std::string hunks_of(const std::string& diff) {
    const std::size_t second = diff.find('\n', diff.find('\n') + 1);
    return second == std::string::npos ? "" : diff.substr(second + 1);
}

std::size_t changed_lines(std::string_view hunks) {
    std::size_t count = 0;
    for (const std::string_view line : zklive::text::split_lines(hunks)) {
        count += line.starts_with('-') || line.starts_with('+');
    }
    return count;
}

// A C string literal, to show a failing case.
std::string c_literal(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\\' || c == '"') {
            out += std::string("\\") + c;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string describe(const Case& c, const std::string& ours, const std::string& gnu) {
    return "old: " + c_literal(c.old_text) + "\nnew: " + c_literal(c.new_text) +
           "\nunified_diff:\n" + ours + "GNU diff:\n" + gnu;
}

} // namespace

TEST_CASE("the test's patch applier turns the old text into the new one", "[diff]") {
    const std::string old_text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\ntail";
    const std::string new_text = "head\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nn\ntail\n";
    CHECK(apply_unified_diff(old_text, unified_diff(old_text, new_text, "OLD", "NEW")) == new_text);
    CHECK(apply_unified_diff(old_text, unified_diff(old_text, new_text, "OLD", "NEW", 0)) ==
          new_text);
    CHECK(apply_unified_diff("", unified_diff("", "a", "OLD", "NEW")) == "a");
    CHECK(apply_unified_diff("x\n", "") == "x\n");
    CHECK_THROWS_AS(apply_unified_diff("x\n", "--- OLD\n+++ NEW\n@@ -1 +1 @@\n-y\n+z\n"),
                    zklive::test::PatchError);
}

TEST_CASE("unified_diff: random diffs apply and are as short as GNU diff's", "[diff]") {
    const std::vector<Case> cases = generate<RandomCases>(3000, 20240611);
    const CaseFiles files(cases);
    const std::vector<std::string> gnu = files.gnu_hunks(3);
    for (const int context : {3, 0}) {
        const std::vector<std::string> diffs = our_diffs(cases, context);
        const std::vector<std::string> patched = files.patched(diffs);
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
            INFO("case " << i << ", context " << context << "\n" << describe(c, diffs[i], gnu[i]));
            REQUIRE(patched[i] == c.new_text);
            REQUIRE(apply_unified_diff(c.old_text, diffs[i]) == c.new_text);
            REQUIRE(changed_lines(hunks_of(diffs[i])) == changed_lines(gnu[i]));
            REQUIRE(diffs[i].empty() == (c.old_text == c.new_text));
        }
    }
}

TEST_CASE("unified_diff prints GNU diff's hunks where one shortest script exists", "[diff]") {
    const std::vector<Case> cases = generate<UniqueScriptCases>(1000, 7);
    const CaseFiles files(cases);
    for (const int context : {3, 0, 1, 5}) {
        const std::vector<std::string> gnu = files.gnu_hunks(context);
        const std::vector<std::string> diffs = our_diffs(cases, context);
        for (std::size_t i = 0; i < cases.size(); ++i) {
            INFO("case " << i << ", context " << context << "\n"
                         << describe(cases[i], diffs[i], gnu[i]));
            REQUIRE(hunks_of(diffs[i]) == gnu[i]);
        }
    }
}

TEST_CASE("unified_diff prints the headers as diff -u --label does", "[diff]") {
    zklive::test::TempDir dir;
    for (const Case& c : generate<RandomCases>(20, 3)) {
        zklive::test::write_text(dir.path() / "a", c.old_text);
        zklive::test::write_text(dir.path() / "b", c.new_text);
        const std::string gnu = run({"diff", "-u", "--label", "OLD", "--label", "NEW",
                                     (dir.path() / "a").string(), (dir.path() / "b").string()});
        const std::string ours = unified_diff(c.old_text, c.new_text, "OLD", "NEW");
        INFO(describe(c, ours, gnu));
        CHECK(ours.substr(0, ours.find("@@")) == gnu.substr(0, gnu.find("@@")));
    }
}
