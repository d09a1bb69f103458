// SPDX-License-Identifier: Apache-2.0
#include "support/aws_standin.hpp"

#include "support/files.hpp"
#include "support/wait.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace zklive::test {
namespace {

TempDir with_spec(const nlohmann::json& spec) {
    TempDir dir("zklive-aws-standin");
    write_text(dir.path() / "spec.json", spec.dump());
    return dir;
}

} // namespace

AwsStandIn::AwsStandIn(const std::string& script, const nlohmann::json& spec, bool tls)
    : dir_(with_spec(spec)),
      process_({std::string(ZKLIVE_TEST_SUPPORT_DIR) + "/" + script, dir_.path().string()},
               dir_.path()) {
    auto port_file = dir_.path() / "port";
    if (!wait_until([&] { return std::filesystem::exists(port_file) || !process_.running(); },
                    std::chrono::seconds(30)) ||
        !process_.running())
        throw std::runtime_error(script + " did not start: " + process_.read_stderr());
    url_ = std::string(tls ? "https" : "http") + "://127.0.0.1:" + read_file(port_file);
}

void AwsStandIn::set_spec(const nlohmann::json& spec) const {
    write_text(dir_.path() / "spec.json.tmp", spec.dump());
    std::filesystem::rename(dir_.path() / "spec.json.tmp", dir_.path() / "spec.json");
}

std::vector<nlohmann::json> AwsStandIn::requests() const {
    std::vector<nlohmann::json> entries;
    std::istringstream lines(read_file(dir_.path() / "requests.jsonl"));
    for (std::string line; std::getline(lines, line);)
        entries.push_back(nlohmann::json::parse(line));
    return entries;
}

} // namespace zklive::test
