// SPDX-License-Identifier: Apache-2.0
#include "support/node_exporter.hpp"

#include "support/wait.hpp"

#include "zklive/fetch/http.hpp"
#include "zklive/util/unique_fd.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <csignal>
#include <stdexcept>

namespace zklive::test {
namespace {

// A port the kernel calls free now. Another process may take it before node_exporter binds
// it; the constructor then tries another.
int free_loopback_port() {
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (!fd || ::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("cannot find a free loopback port");
    return ntohs(address.sin_port);
}

fetch::http::Response get(const std::string& url, std::string& body) {
    fetch::http::Request request;
    request.url = url;
    request.connect_timeout = std::chrono::seconds(5);
    request.timeout = std::chrono::seconds(10);
    request.bypass_proxy = true;
    return fetch::http::perform(request, body);
}

} // namespace

NodeExporter::NodeExporter(const std::filesystem::path& textfile_dir)
    : log_dir_("zklive-node-exporter") {
    constexpr int attempts = 5;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        std::string address = "127.0.0.1:" + std::to_string(free_loopback_port());
        url_ = "http://" + address + "/metrics";
        process_.emplace(
            std::vector<std::string>{"prometheus-node-exporter", "--web.listen-address=" + address,
                                     "--web.disable-exporter-metrics",
                                     "--collector.disable-defaults", "--collector.textfile",
                                     "--collector.textfile.directory=" + textfile_dir.string()},
            log_dir_.path(), std::vector<std::string>{}, "node-exporter");
        if (wait_until([&] { return !process_->running() || answers(); }, std::chrono::seconds(30),
                       std::chrono::milliseconds(50)) &&
            process_->running())
            return;
        std::string log = process_->read_stderr();
        process_.reset();
        if (log.find("address already in use") == std::string::npos)
            throw std::runtime_error("prometheus-node-exporter did not start: " + log);
    }
    throw std::runtime_error("prometheus-node-exporter found no free port");
}

NodeExporter::~NodeExporter() {
    if (process_ && process_->signal(SIGTERM))
        process_->wait(std::chrono::seconds(10)); // then BackgroundProcess SIGKILLs
}

bool NodeExporter::answers() const {
    std::string body;
    try {
        return get(url_, body).status == 200;
    } catch (const fetch::http::TransferError&) {
        return false; // not listening yet
    }
}

std::string NodeExporter::scrape() const {
    std::string body;
    auto response = get(url_, body);
    if (response.status != 200)
        throw std::runtime_error(url_ + " answered " + std::to_string(response.status) + ": " +
                                 response.error_body);
    return body;
}

} // namespace zklive::test
