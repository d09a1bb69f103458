// SPDX-License-Identifier: Apache-2.0
// mirror_nodes [--timeout SECONDS] HOSTS PATH...: mirrors the nodes in-process and prints a line
// for each one's value at start and at every change, until SIGTERM or SIGINT:
//   /app/flags = {"dark_mode": true} (version 3)
//   /app/flags is gone
// A PATH ending in "/" lists the node's children instead: /app/servers/ = [a:1, b:2]
#include <zklive/mirror.hpp>

#include <chrono>
#include <csignal>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

namespace {

std::mutex output; // callbacks run on the mirror's thread; main prints too

void say(const std::string& line) {
    std::lock_guard lock(output);
    std::cout << line << std::endl; // one flushed line per event: a reader sees it at once
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return "[" + text + "]";
}

} // namespace

int main(int argc, char** argv) {
    zklive::MirrorOptions options;
    int first = 1;
    if (argc > 2 && std::string(argv[1]) == "--timeout") {
        options.session_timeout = std::chrono::seconds(std::stoi(argv[2]));
        first = 3;
    }
    if (argc - first < 2) {
        std::cerr << "usage: mirror_nodes [--timeout SECONDS] HOSTS PATH...\n";
        return 2;
    }
    // Blocked before the mirror's thread starts, so that only sigwait() below takes them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    try {
        zklive::Mirror mirror(argv[first], options);
        std::vector<zklive::Subscription> subscriptions;
        for (int i = first + 1; i < argc; ++i) {
            std::string path = argv[i];
            if (path.size() > 1 && path.back() == '/') {
                auto node = mirror.node(path.substr(0, path.size() - 1));
                subscriptions.push_back(node.on_children([path](const auto& children) {
                    say(children ? path + " = " + joined(*children) : path + " is gone");
                }));
            } else {
                auto node = mirror.node(path);
                subscriptions.push_back(node.on_value([path](const auto& value) {
                    say(value ? path + " = " + value->data + " (version " +
                                    std::to_string(value->stat.version) + ")"
                              : path + " is gone");
                }));
            }
        }
        int signal = 0;
        sigwait(&stop, &signal);
    } catch (const zklive::LibraryError& error) {
        std::cerr << "mirror_nodes: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
