// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/formats.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace zklive::registry;
using nlohmann::json;

namespace {

Registrant registrant(Format format, json properties = json::object()) {
    Registrant r;
    r.format = format;
    r.path = "/services/web";
    r.endpoints = {{"web1.example.com", 8080}};
    r.properties = std::move(properties);
    return r;
}

} // namespace

TEST_CASE("zc registers PATH/HOST:PORT holding the pid and the properties", "[registry]") {
    auto plans = plan_nodes(registrant(Format::zc, {{"monitor", "web1:9000"}, {"n", 3}}), 4242);
    REQUIRE(plans.size() == 1);
    CHECK(plans[0].path == "/services/web/web1.example.com:8080");
    CHECK_FALSE(plans[0].sequential);
    CHECK(json::parse(plans[0].data) == json{{"pid", 4242}, {"monitor", "web1:9000"}, {"n", 3}});
}

TEST_CASE("curator registers PATH/NAME/ID with Curator's instance JSON", "[registry]") {
    auto r = registrant(Format::curator, {{"zone", "a"}});
    r.name = "web";
    auto plans = plan_nodes(r, 1);
    REQUIRE(plans.size() == 1);
    auto instance = json::parse(plans[0].data);
    auto id = instance["id"].get<std::string>();
    CHECK(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")));
    CHECK(plans[0].path == "/services/web/web/" + id);
    CHECK(instance["name"] == "web");
    CHECK(instance["address"] == "web1.example.com");
    CHECK(instance["port"] == 8080);
    CHECK(instance["sslPort"].is_null());
    CHECK(instance["payload"] == json{{"zone", "a"}});
    CHECK(instance["serviceType"] == "DYNAMIC");
    CHECK(instance["registrationTimeUTC"].get<int64_t>() > 1'600'000'000'000);
    CHECK_FALSE(instance.contains("uriSpec"));
    CHECK_FALSE(instance.contains("enabled")); // Curator's default serializer leaves it out
    CHECK(plan_nodes(r, 1)[0].path != plans[0].path);
}

TEST_CASE("curator's uriSpec is serialized in parts, as Curator's UriSpec does", "[registry]") {
    CHECK(curator_uri_spec("{scheme}://foo.com:{ port }/x") ==
          json::parse(R"({"parts": [{"value": "scheme", "variable": true},
                                    {"value": "://foo.com:", "variable": false},
                                    {"value": "port", "variable": true},
                                    {"value": "/x", "variable": false}]})"));
    CHECK_THROWS_AS(curator_uri_spec("{scheme"), zklive::Error);
    CHECK_THROWS_AS(curator_uri_spec("a}"), zklive::Error);
    CHECK_THROWS_AS(curator_uri_spec("{{a}}"), zklive::Error);
}

TEST_CASE("serverset registers an ephemeral-sequential member with its endpoints", "[registry]") {
    auto plans = plan_nodes(
        registrant(Format::serverset, {{"shard", 2}, {"admin", "web1.example.com:9990"}}), 1);
    REQUIRE(plans.size() == 1);
    CHECK(plans[0].path == "/services/web/member_");
    CHECK(plans[0].sequential);
    CHECK(json::parse(plans[0].data) == json::parse(R"({
        "serviceEndpoint": {"host": "web1.example.com", "port": 8080},
        "additionalEndpoints": {"admin": {"host": "web1.example.com", "port": 9990}},
        "status": "ALIVE", "shard": 2})"));
    auto without_shard = json::parse(plan_nodes(registrant(Format::serverset), 1)[0].data);
    CHECK_FALSE(without_shard.contains("shard"));
}

TEST_CASE("properties that do not fit the format are usage errors", "[registry]") {
    CHECK_THROWS_WITH(check_registrant(registrant(Format::serverset, {{"shard", "x"}})),
                      "-d shard:=N: a serverset's shard is a whole number");
    CHECK_THROWS_AS(check_registrant(registrant(Format::serverset, {{"admin", "nope"}})),
                    zklive::Error);
    CHECK_THROWS_WITH(check_registrant(registrant(Format::curator)),
                      "--format curator needs --name NAME, the service's name");
    auto zc = registrant(Format::zc);
    zc.name = "web";
    CHECK_THROWS_AS(check_registrant(zc), zklive::Error);
    CHECK_NOTHROW(check_registrant(registrant(Format::zc, {{"anything", json::array()}})));
}

TEST_CASE("one node per endpoint", "[registry]") {
    auto r = registrant(Format::zc);
    r.endpoints.push_back({"10.0.0.5", 8080});
    r.endpoints.push_back({"fd00::5", 8080});
    auto plans = plan_nodes(r, 1);
    REQUIRE(plans.size() == 3);
    CHECK(plans[1].path == "/services/web/10.0.0.5:8080");
    CHECK(plans[2].path == "/services/web/[fd00::5]:8080");
}
