// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/object_record.hpp"

#include "zklive/fetch/crypto.hpp"
#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace zklive::sync {
namespace {

std::optional<std::string> read_text_attribute(const std::string& dest, const char* name) {
    std::array<char, 256> buffer{}; // digests are 64 characters; an ETag is short
    ssize_t n = ::lgetxattr(dest.c_str(), name, buffer.data(), buffer.size());
    if (n < 0)
        return std::nullopt;
    return std::string(buffer.data(), static_cast<std::size_t>(n));
}

} // namespace

std::error_code record_object(AtomicFile& file, const ObjectRecord& record) {
    if (auto error = file.set_attribute(pointer_attribute, record.pointer_sha256))
        return error;
    if (auto error = file.set_attribute(object_attribute, record.object_sha256))
        return error;
    return file.set_attribute(etag_attribute, record.etag);
}

std::optional<ObjectRecord> read_object_record(const std::string& dest) {
    auto pointer = read_text_attribute(dest, pointer_attribute);
    auto object = read_text_attribute(dest, object_attribute);
    if (!pointer || !object)
        return std::nullopt;
    return ObjectRecord{std::move(*pointer), std::move(*object),
                        read_text_attribute(dest, etag_attribute).value_or("")};
}

std::optional<std::string> file_sha256(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    struct stat st {};
    if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    fetch::crypto::Sha256Stream digest;
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::nullopt;
        if (n == 0)
            break;
        digest.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
    return fetch::crypto::hex(digest.finish());
}

std::string sha256_hex(std::string_view bytes) {
    return fetch::crypto::hex(fetch::crypto::sha256(bytes));
}

bool holds_object_of(const std::string& dest, std::string_view pointer_data) {
    auto record = read_object_record(dest);
    if (!record || record->pointer_sha256 != sha256_hex(pointer_data))
        return false;
    auto content = file_sha256(dest);
    return content && *content == record->object_sha256;
}

} // namespace zklive::sync
