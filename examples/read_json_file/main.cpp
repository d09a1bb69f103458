// SPDX-License-Identifier: Apache-2.0
// read_json_file FILE KEY: prints KEY of the JSON object in FILE, a file that `zklive watch`
// keeps. An application would keep the watcher and call get() wherever it needs the data:
// the file is read and parsed again only when it changed.
#include <zklive/json_file_watcher.hpp>

#include <chrono>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: read_json_file FILE KEY\n";
        return 2;
    }
    try {
        // Waits up to 5 s for the watcher beside us to write the file the first time.
        zklive::JsonFileWatcher settings(argv[1], std::chrono::seconds(5));
        std::shared_ptr<const nlohmann::json> now = settings.get();
        const nlohmann::json& value = now->at(argv[2]);
        std::cout << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
    } catch (const zklive::FileNotAvailable& error) {
        std::cerr << "read_json_file: " << error.what() << '\n';
        return 1;
    } catch (const nlohmann::json::exception& error) {
        std::cerr << "read_json_file: " << argv[1] << ": " << error.what() << '\n';
        return 1;
    }
}
