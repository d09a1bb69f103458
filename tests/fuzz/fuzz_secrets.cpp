// SPDX-License-Identifier: Apache-2.0
// The secrets store reader: any input ends in a value or a config Error, and no message ever
// quotes a secret's value.
#include "zklive/config/secrets.hpp"
#include "zklive/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto store = zklive::config::SecretsStore::parse(text, "fuzz.json");
        for (const char* path : {"secret/zk", "secret/x", ""}) {
            try {
                auto credential = store.credential(path);
                if (credential.username.empty())
                    __builtin_trap();
            } catch (const zklive::Error& e) {
                // A message may name the path, never the value: look for a planted marker.
                if (std::string(e.what()).find("PLANTED-SECRET") != std::string::npos)
                    __builtin_trap();
            }
        }
    } catch (const zklive::Error& e) {
        if (std::string(e.what()).find("PLANTED-SECRET") != std::string::npos)
            __builtin_trap();
    }
    return 0;
}
