// unified_diff against GNU diff itself, on thousands of random texts.
#include "zklive/diff/unified_diff.hpp"
#include "zklive/util/text.hpp"

#include "support/patch.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

using zklive::diff::unified_diff;
using zklive::test::apply_unified_diff;

namespace {

std::size_t parse_number(std::string_view digits) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    REQUIRE(error == std::errc{});
    REQUIRE(end == digits.data() + digits.size());
    return value;
}


struct Case {
    std::string old_text;
    std::string new_text;
};

// Random texts over a few distinct lines, so that repeated lines and several equally short edit
// scripts are the rule; the last newline is dropped from a third of the texts.
class CaseGenerator {
  public:
    explicit CaseGenerator(std::uint32_t seed) : random_(seed) {}

    Case next(std::size_t n) {
        switch (n % 3) {
        case 0:
            return unrelated();
        case 1:
            return lopsided();
        default:
            return edited();
        }
    }

  private:
    std::size_t below(std::size_t n) { return random_() % n; }

    std::string text(const std::vector<std::string>& lines) {
        std::string text;
        for (const std::string& line : lines) {
            text += line + "\n";
        }
        if (!text.empty() && below(3) == 0) {
            text.pop_back();
        }
        return text;
    }

    // Up to 30 lines drawn from `count` letters starting at `first`; `frequent` in half of them.
    std::vector<std::string> letters(std::size_t first, std::size_t count, bool frequent) {
        std::vector<std::string> lines(below(31));
        for (std::string& line : lines) {
            const bool pick_frequent = frequent && below(2) == 0;
            line =
                std::string(1, static_cast<char>('a' + (pick_frequent ? 0 : first + below(count))));
        }
        return lines;
    }

    // Two unrelated texts over the same 1 to 5 lines.
    Case unrelated() {
        const std::size_t count = 1 + below(5);
        return {text(letters(0, count, false)), text(letters(0, count, false))};
    }

    // Texts over partly different lines, one of them frequent: lines that match nothing or match
    // too much, which GNU's analysis handles apart.
    Case lopsided() {
        const std::size_t old_first = below(3);
        const std::size_t new_first = below(3);
        return {text(letters(old_first, 1 + below(4), true)),
                text(letters(new_first, 1 + below(4), true))};
    }

    // A text and an edited copy: long identical heads and tails, and lines sharing prefixes.
    Case edited() {
        static const std::vector<std::string> vocabulary = {
            "a", "ab", "b", "", "a ", "}", "{", "  key = 1", "  key = 12", "x"};
        std::vector<std::string> lines(below(31));
        for (std::string& line : lines) {
            line = vocabulary[below(vocabulary.size())];
        }
        std::vector<std::string> edited = lines;
        for (std::size_t edits = below(7); edits > 0; --edits) {
            const std::size_t at = below(edited.size() + 1);
            const std::string& word = vocabulary[below(vocabulary.size())];
            const std::size_t kind = below(3);
            if (kind == 0) {
                edited.insert(edited.begin() + static_cast<std::ptrdiff_t>(at), word);
            } else if (at < edited.size()) {
                if (kind == 1) {
                    edited.erase(edited.begin() + static_cast<std::ptrdiff_t>(at));
                } else {
                    edited[at] = word;
                }
            }
        }
        return {text(lines), text(edited)};
    }

    std::mt19937 random_;
};

using zklive::test::TempDir;

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    REQUIRE(out.good());
}

// Output of a shell command; diff exits 0 (same) or 1 (different), 2 is trouble.
std::string run(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        out.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    INFO(command);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) < 2);
    return out;
}

std::string shell_quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

// Thousands of small files: on tmpfs when there is one, since creating them on a busy disk can
// take seconds.
std::filesystem::path scratch_parent() {
    std::error_code error;
    if (std::filesystem::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0) {
        return "/dev/shm";
    }
    return std::filesystem::temp_directory_path();
}

// Cases written as old/N and new/N, so that one `diff -r` compares them all: one process
// instead of thousands, with the same comparison of each pair. LC_ALL=C keeps
// "\ No newline at end of file" untranslated.
class GnuDiffBatch {
  public:
    explicit GnuDiffBatch(const std::vector<Case>& cases)
        : dir_("zklive-diff", scratch_parent()), count_(cases.size()) {
        std::filesystem::create_directory(dir_.path() / "old");
        std::filesystem::create_directory(dir_.path() / "new");
        for (std::size_t i = 0; i < cases.size(); ++i) {
            write_file(dir_.path() / "old" / std::to_string(i), cases[i].old_text);
            write_file(dir_.path() / "new" / std::to_string(i), cases[i].new_text);
        }
    }

    // The hunks GNU diff prints for each case, without its "---"/"+++" lines.
    std::vector<std::string> hunks(int context) const {
        const std::string out =
            run("LC_ALL=C diff -r -U " + std::to_string(context) + " " +
                shell_quoted(dir_.path() / "old") + " " + shell_quoted(dir_.path() / "new"));
        // Per file: "diff -r ... old/N new/N", "--- old/N\tDATE", "+++ new/N\tDATE", hunks.
        std::vector<std::string> hunks(count_);
        std::string* current = nullptr;
        const std::vector<std::string_view> lines = zklive::text::split_lines(out);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (lines[k].substr(0, 8) == "diff -r ") {
                const std::string_view command = lines[k].substr(0, lines[k].size() - 1);
                current = &hunks.at(parse_number(command.substr(command.rfind('/') + 1)));
                REQUIRE(lines.at(k + 1).substr(0, 4) == "--- ");
                REQUIRE(lines.at(k + 2).substr(0, 4) == "+++ ");
                k += 2;
            } else {
                REQUIRE(current != nullptr);
                current->append(lines[k]);
            }
        }
        return hunks;
    }

  private:
    TempDir dir_;
    std::size_t count_;
};

// A C string literal, to show a failing case.
std::string c_literal(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\\' || c == '"') {
            out += std::string("\\") + c;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::vector<Case> generate_cases(std::size_t count) {
    CaseGenerator generator(20240611);
    std::vector<Case> cases;
    for (std::size_t i = 0; i < count; ++i) {
        cases.push_back(generator.next(i));
    }
    return cases;
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
}

TEST_CASE("unified_diff prints what GNU diff -u prints for random texts", "[diff][gnu]") {
    const std::vector<Case> cases = generate_cases(3000);
    const GnuDiffBatch gnu(cases);
    for (const int context : {3, 0, 1, 5}) {
        const std::vector<std::string> hunks = gnu.hunks(context);
        std::size_t compared = 0;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
            const std::string expected = hunks[i].empty() ? "" : "--- OLD\n+++ NEW\n" + hunks[i];
            const std::string actual = unified_diff(c.old_text, c.new_text, "OLD", "NEW", context);
            if (actual != expected) {
                FAIL("case " << i << ", context " << context << "\nold: " << c_literal(c.old_text)
                             << "\nnew: " << c_literal(c.new_text) << "\nGNU diff:\n"
                             << expected << "unified_diff:\n"
                             << actual);
            }
            if (apply_unified_diff(c.old_text, actual) != c.new_text) {
                FAIL("case " << i << ", context " << context << ": the diff does not apply\nold: "
                             << c_literal(c.old_text) << "\nnew: " << c_literal(c.new_text));
            }
            ++compared;
        }
        CHECK(compared == cases.size());
    }
}

TEST_CASE("unified_diff prints what diff -u --label OLD --label NEW prints with the header",
          "[diff][gnu]") {
    const std::vector<Case> cases = generate_cases(24);
    TempDir dir;
    for (const Case& c : cases) {
        write_file(dir.path() / "a", c.old_text);
        write_file(dir.path() / "b", c.new_text);
        const std::string expected =
            run("LC_ALL=C diff -u --label OLD --label NEW " + shell_quoted(dir.path() / "a") + " " +
                shell_quoted(dir.path() / "b"));
        INFO("old: " << c_literal(c.old_text) << "\nnew: " << c_literal(c.new_text));
        CHECK(unified_diff(c.old_text, c.new_text, "OLD", "NEW") == expected);
    }
}

TEST_CASE("unified_diff matches GNU diff on large texts past its cost cut-off", "[diff][gnu]") {
    // Unrelated texts over four lines: some 11000 changes, so GNU's search passes its cost
    // limit (4096 steps) and settles for a longer diff than the shortest.
    std::mt19937 random(7);
    std::string old_text, new_text;
    for (int i = 0; i < 16000; ++i) {
        old_text += static_cast<char>('a' + random() % 4);
        old_text += '\n';
        new_text += static_cast<char>('a' + random() % 4);
        new_text += '\n';
    }
    const std::string actual = unified_diff(old_text, new_text, "OLD", "NEW");
    const std::vector<std::string> hunks = GnuDiffBatch({{old_text, new_text}}).hunks(3);
    CHECK(actual == "--- OLD\n+++ NEW\n" + hunks[0]);
    CHECK(apply_unified_diff(old_text, actual) == new_text);
}
