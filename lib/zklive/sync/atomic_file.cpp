// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/atomic_file.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/path_text.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <set>
#include <unordered_set>
#include <utility>

namespace zklive::sync {
namespace {

[[noreturn]] void throw_errno(std::string what) {
    throw operation_error(SystemError::from_errno(std::move(what)));
}

void fsync_directory(const std::string& dir) {
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0)
        throw_errno("fsync " + dir);
}

constexpr std::string_view temp_marker = ".zklive-";
constexpr std::size_t temp_suffix_length = 6; // mkostemp's XXXXXX

// "NAME" for a temp file name ".NAME.zklive-XXXXXX", else "".
std::string_view dest_name_of_temp(std::string_view name) {
    if (!name.starts_with('.') || name.size() <= 1 + temp_marker.size() + temp_suffix_length)
        return "";
    name.remove_suffix(temp_suffix_length);
    if (!name.ends_with(temp_marker))
        return "";
    name.remove_suffix(temp_marker.size());
    return name.substr(1);
}

using DirectoryAndName = std::pair<std::string_view, std::string_view>;
struct DirectoryAndNameHash {
    std::size_t operator()(const DirectoryAndName& key) const {
        std::hash<std::string_view> hash;
        return hash(key.first) * 31 + hash(key.second);
    }
};

} // namespace

timespec fresh_mtime() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return now;
}

std::string temp_prefix(std::string_view dest) {
    std::string prefix = ".";
    prefix += path_text::file_name(dest);
    prefix += temp_marker;
    return prefix;
}

AtomicFile::AtomicFile(const std::string& dest, const FileOwnership& ownership)
    : dest_(dest), mode_(ownership.mode) {
    std::string directory(path_text::parent_directory(dest));
    if (std::error_code ec; !std::filesystem::create_directories(directory, ec) && ec)
        throw operation_error(SystemError{ec.value(), "create directory " + directory});
    std::string pattern = directory + '/' + temp_prefix(dest) + "XXXXXX";
    // mkostemp creates with O_CREAT|O_EXCL: a planted symlink makes it fail, never followed.
    int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0)
        throw_errno("create a temp file beside " + dest);
    fd_.reset(fd);
    temp_path_ = pattern;
    try {
        // mkostemp made it 0600. The owner now, the mode in commit(): chown clears set-id
        // bits that the mode may set deliberately.
        if ((ownership.owner || ownership.group) &&
            ::fchown(fd, ownership.owner.value_or(static_cast<uid_t>(-1)),
                     ownership.group.value_or(static_cast<gid_t>(-1))) != 0)
            throw_errno("chown " + temp_path_);
    } catch (...) {
        // The destructor does not run for a constructor that throws.
        ::unlink(temp_path_.c_str());
        throw;
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_ && !temp_path_.empty())
        ::unlink(temp_path_.c_str());
}

void AtomicFile::write(std::string_view data) {
    if (auto written = file_io::write_all(fd_.get(), data); !written)
        throw operation_error(SystemError{written.error().code, "write " + temp_path_});
}

std::error_code AtomicFile::set_attribute(const char* name, std::string_view value) {
    if (::fsetxattr(fd_.get(), name, value.data(), value.size(), 0) == 0)
        return {};
    return {errno, std::generic_category()};
}

void AtomicFile::commit(bool durable) {
    if (::fchmod(fd_.get(), mode_) != 0)
        throw_errno("chmod " + temp_path_);
    // Not needed for the write itself: where it is refused (a file given to another owner
    // without CAP_FOWNER) the file keeps the kernel's mtime, and mtime() says so.
    timespec mtime = fresh_mtime();
    const timespec times[2] = {{0, UTIME_OMIT}, mtime};
    mtime_ = ::futimens(fd_.get(), times) == 0 ? std::optional(mtime) : std::nullopt;
    if (durable && ::fsync(fd_.get()) != 0)
        throw_errno("fsync " + temp_path_);
    if (::close(fd_.release()) != 0)
        throw_errno("close " + temp_path_);
    if (::rename(temp_path_.c_str(), dest_.c_str()) != 0)
        throw_errno("rename to " + dest_);
    committed_ = true;
    if (durable)
        fsync_directory(std::string(path_text::parent_directory(dest_)));
}

void sync_filesystems(const std::set<std::string>& directories) {
    std::set<dev_t> synced;
    for (const auto& dir : directories) {
        UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        struct stat st {};
        if (!fd || ::fstat(fd.get(), &st) != 0)
            throw_errno("open " + dir);
        if (synced.insert(st.st_dev).second && ::syncfs(fd.get()) != 0)
            throw_errno("syncfs " + dir);
    }
}

std::size_t remove_stale_temp_files(const std::vector<std::string_view>& dests) {
    // One pass over each directory for names shaped like temp files; most starts find none
    // and then never build the set of dest names.
    std::unordered_set<std::string_view> directories;
    for (auto dest : dests)
        directories.insert(path_text::parent_directory(dest));
    std::vector<std::pair<std::string_view, std::string>> leftovers; // directory, name
    for (auto directory : directories) {
        std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(std::string(directory).c_str()),
                                                ::closedir);
        if (!dir)
            continue;
        while (const dirent* entry = ::readdir(dir.get())) {
            if (!dest_name_of_temp(entry->d_name).empty())
                leftovers.emplace_back(directory, entry->d_name);
        }
    }
    if (leftovers.empty())
        return 0;
    std::unordered_set<DirectoryAndName, DirectoryAndNameHash> known;
    for (auto dest : dests)
        known.insert({path_text::parent_directory(dest), path_text::file_name(dest)});
    std::size_t removed = 0;
    for (const auto& [directory, name] : leftovers) {
        if (known.contains({directory, dest_name_of_temp(name)}) &&
            ::unlink((std::string(directory) + '/' + name).c_str()) == 0)
            ++removed;
    }
    return removed;
}

} // namespace zklive::sync
