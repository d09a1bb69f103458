// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/recorded_attributes.hpp"

#include <sys/xattr.h>

#include <cerrno>

namespace zklive::check {
namespace {

// Asks only for the attribute's size: it fails exactly as the read did.
int probe(const std::string& path, const char* name) {
    return ::getxattr(path.c_str(), name, nullptr, 0) >= 0 ? 0 : errno;
}

} // namespace

RecordedAttributes read_recorded_attributes(const std::string& path) {
    using Kind = RecordedAttributes::Kind;
    if (auto version = sync::read_recorded_version(path))
        return {Kind::present, *version, 0};
    int error = probe(path, sync::version_attribute);
    if (error == 0)
        error = probe(path, sync::mzxid_attribute);
    if (error == 0) {
        // Both exist: they are not numbers, or the watcher replaced the file meanwhile.
        if (auto version = sync::read_recorded_version(path))
            return {Kind::present, *version, 0};
        return {Kind::invalid, {}, 0};
    }
    if (error == ENODATA)
        return {Kind::absent, {}, 0};
    if (error == ENOTSUP)
        return {Kind::unsupported, {}, 0};
    return {Kind::unreadable, {}, error};
}

} // namespace zklive::check
