// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/env_expand.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <string>

using zklive::config::EnvLookup;
using zklive::config::expand_variables;
using zklive::config::process_environment;

namespace {

EnvLookup fake_environment() {
    static const std::map<std::string, std::string> variables{{"HOST", "zk01"},
                                                              {"PORT", "2181"},
                                                              {"EMPTY", ""},
                                                              {"_under_score1", "u"},
                                                              {"DOLLAR", "$HOST"}};
    return [](const std::string& name) -> std::optional<std::string> {
        auto it = variables.find(name);
        if (it == variables.end())
            return std::nullopt;
        return it->second;
    };
}

std::string expand(std::string_view text) {
    auto result = expand_variables(text, fake_environment());
    INFO("text: " << text);
    CHECK(result.missing_variable == "");
    return result.value;
}

std::string missing(std::string_view text) {
    return expand_variables(text, fake_environment()).missing_variable;
}

} // namespace

TEST_CASE("expand_variables leaves text without '$' alone", "[config][env]") {
    CHECK(expand("") == "");
    CHECK(expand("zk01:2181/app") == "zk01:2181/app");
}

TEST_CASE("expand_variables expands $NAME and ${NAME}", "[config][env]") {
    CHECK(expand("$HOST") == "zk01");
    CHECK(expand("${HOST}") == "zk01");
    CHECK(expand("$HOST:$PORT") == "zk01:2181");
    CHECK(expand("${HOST}:${PORT}/app") == "zk01:2181/app");
    CHECK(expand("${HOST}name") == "zk01name");
    CHECK(missing("$HOSTname") == "HOSTname"); // the name runs on: another variable
    CHECK(expand("$HOST.domain") == "zk01.domain");
    CHECK(expand("$_under_score1!") == "u!");
    CHECK(expand("a${EMPTY}b") == "ab");
    CHECK(expand("$DOLLAR") == "$HOST"); // values are not expanded again
}

TEST_CASE("expand_variables turns $$ into a literal '$'", "[config][env]") {
    CHECK(expand("$$") == "$");
    CHECK(expand("pa$$word") == "pa$word");
    CHECK(expand("$$HOST") == "$HOST");
    CHECK(expand("$${HOST}") == "${HOST}");
    CHECK(expand("$$$HOST") == "$zk01");
}

TEST_CASE("expand_variables keeps a '$' that starts no name", "[config][env]") {
    CHECK(expand("$") == "$");
    CHECK(expand("cost: 5$") == "cost: 5$");
    CHECK(expand("$1") == "$1");
    CHECK(expand("$ x") == "$ x");
    CHECK(expand("a$-b") == "a$-b");
    CHECK(expand("${unclosed") == "${unclosed");
}

TEST_CASE("expand_variables reports an unset variable", "[config][env]") {
    CHECK(missing("$NOPE") == "NOPE");
    CHECK(missing("${NOPE}") == "NOPE");
    CHECK(missing("$HOST:${NOPE_PORT}") == "NOPE_PORT");
    CHECK(missing("${HOST}") == "");
}

// "${}" names no variable: it must be reported (or kept), never silently cut the value short.
TEST_CASE("expand_variables does not swallow the rest after ${}", "[config][env]") {
    auto result = expand_variables("a${}b", fake_environment());
    bool reported = !result.missing_variable.empty();
    bool kept = result.missing_variable.empty() && result.value == "a${}b";
    CHECK((reported || kept));
    CHECK_FALSE((result.missing_variable.empty() && result.value == "a"));
}

TEST_CASE("process_environment reads the process environment", "[config][env]") {
    ::setenv("ZKLIVE_UNIT_TEST_VARIABLE", "from-env", 1);
    auto lookup = process_environment();
    CHECK(lookup("ZKLIVE_UNIT_TEST_VARIABLE") == std::string("from-env"));
    ::unsetenv("ZKLIVE_UNIT_TEST_VARIABLE");
    CHECK_FALSE(lookup("ZKLIVE_UNIT_TEST_VARIABLE"));
}
