#include "zklive/sync/atomic_file.hpp"

#include "zklive/util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <map>
#include <set>
#include <system_error>

namespace zklive::sync {
namespace {

[[noreturn]] void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void fsync_directory(const std::filesystem::path& dir) {
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0)
        throw_errno("fsync " + dir.string());
}

} // namespace

std::string temp_prefix(const std::filesystem::path& dest) {
    return "." + dest.filename().string() + ".zklive-";
}

AtomicFile::AtomicFile(const std::filesystem::path& dest, const FileOwnership& ownership)
    : dest_(dest) {
    std::filesystem::create_directories(dest.parent_path());
    std::string pattern = (dest.parent_path() / (temp_prefix(dest) + "XXXXXX")).string();
    // mkostemp creates with O_CREAT|O_EXCL: a planted symlink makes it fail, never followed.
    int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0)
        throw_errno("create a temp file beside " + dest.string());
    fd_.reset(fd);
    temp_path_ = pattern;
    try {
        // Owner first: chown may clear set-id bits that fchmod then sets deliberately.
        if ((ownership.owner || ownership.group) &&
            ::fchown(fd, ownership.owner.value_or(static_cast<uid_t>(-1)),
                     ownership.group.value_or(static_cast<gid_t>(-1))) != 0)
            throw_errno("chown " + temp_path_.string());
        if (::fchmod(fd, ownership.mode) != 0)
            throw_errno("chmod " + temp_path_.string());
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
    try {
        fs::write_all(fd_.get(), data);
    } catch (const std::system_error& e) {
        throw std::system_error(e.code(), "write " + temp_path_.string());
    }
}

bool AtomicFile::set_attribute(const char* name, std::string_view value) {
    if (::fsetxattr(fd_.get(), name, value.data(), value.size(), 0) == 0)
        return true;
    if (errno == ENOTSUP || errno == EOPNOTSUPP)
        return false;
    throw_errno(std::string("set attribute ") + name + " on " + temp_path_.string());
}

void AtomicFile::commit(bool durable) {
    if (durable && ::fsync(fd_.get()) != 0)
        throw_errno("fsync " + temp_path_.string());
    if (::close(fd_.release()) != 0)
        throw_errno("close " + temp_path_.string());
    if (::rename(temp_path_.c_str(), dest_.c_str()) != 0)
        throw_errno("rename to " + dest_.string());
    committed_ = true;
    if (durable)
        fsync_directory(dest_.parent_path());
}

void sync_filesystems(const std::set<std::filesystem::path>& directories) {
    std::set<dev_t> synced;
    for (const auto& dir : directories) {
        UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        struct stat st {};
        if (!fd || ::fstat(fd.get(), &st) != 0)
            throw_errno("open " + dir.string());
        if (synced.insert(st.st_dev).second && ::syncfs(fd.get()) != 0)
            throw_errno("syncfs " + dir.string());
    }
}

std::size_t remove_stale_temp_files(const std::vector<std::filesystem::path>& dests) {
    std::map<std::filesystem::path, std::set<std::string>> prefixes_by_directory;
    for (const auto& dest : dests)
        prefixes_by_directory[dest.parent_path()].insert(temp_prefix(dest));
    std::size_t removed = 0;
    for (const auto& [directory, prefixes] : prefixes_by_directory) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
            std::string name = entry.path().filename().string();
            constexpr std::size_t suffix_length = 6; // mkostemp's XXXXXX
            if (name.size() <= suffix_length)
                continue;
            if (prefixes.contains(name.substr(0, name.size() - suffix_length)) &&
                std::filesystem::remove(entry.path(), ec))
                ++removed;
        }
    }
    return removed;
}

} // namespace zklive::sync
