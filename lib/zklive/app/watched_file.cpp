// SPDX-License-Identifier: Apache-2.0
// The non-template core of zklive::FileWatcher<T> (lib/include/zklive/file_watcher.hpp).
#include "zklive/file_watcher.hpp"

#include "zklive/app/file_identity.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>

#include <mutex>
#include <shared_mutex>
#include <thread>

namespace zklive::detail {

namespace {

// How often the constructor looks for a file it waits for: the file appears once, when the
// watcher beside the application first writes it; a few stat() calls per second cost nothing.
constexpr std::chrono::milliseconds first_file_poll{10};

// One version of the file, read whole through one descriptor, so that its bytes and its
// identity belong together even if the path is replaced meanwhile.
struct FileVersion {
    FileIdentity identity;
    UniqueFd fd;
    std::string bytes;
};

Result<FileVersion> read_version(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return SystemError::from_errno("");
    auto identity = identity_of(fd.get());
    if (!identity)
        return identity.error();
    auto bytes = file_io::read_all(fd.get(), static_cast<std::size_t>(identity->size));
    if (!bytes)
        return bytes.error();
    return FileVersion{*identity, std::move(fd), std::move(*bytes)};
}

std::string parse_failure(const char* what) {
    return std::string("does not parse: ") + what;
}

} // namespace

struct WatchedFile::State {
    std::filesystem::path path;
    Parse parse;

    // One re-read at a time: a new version is parsed once, however many threads notice it.
    std::mutex refresh_mutex;
    // Readers of an unchanged file share it; a new version is published under it exclusively.
    std::shared_mutex snapshot_mutex;
    // The version last read, whether it parsed or not; kept open so that its inode number
    // is not given to a later version while we compare against it.
    std::optional<FileIdentity> read_identity;
    UniqueFd read_fd;
    // Why the version last read gave no value; empty when it parsed.
    std::string read_problem;
    // The value of the newest version that parsed.
    std::shared_ptr<const void> value;

    std::shared_ptr<const void> get();
    std::optional<std::shared_ptr<const void>> answer_if_known(const Result<FileIdentity>& now);
    std::shared_ptr<const void> read_again();
    void wait_for_first_value(std::chrono::milliseconds wait);
};

std::shared_ptr<const void> WatchedFile::State::get() {
    auto now = identity_of(path);
    if (auto known = answer_if_known(now))
        return *known;
    std::lock_guard refreshing(refresh_mutex);
    // Another thread may have read this version while we waited.
    if (auto known = answer_if_known(now))
        return *known;
    return read_again();
}

// The answer when `now` needs no read: the file is unchanged, or cannot be read at all.
std::optional<std::shared_ptr<const void>>
WatchedFile::State::answer_if_known(const Result<FileIdentity>& now) {
    std::shared_lock reading(snapshot_mutex);
    if (now && *now != read_identity)
        return std::nullopt;
    if (value)
        return value;
    throw FileNotAvailable(path, now ? read_problem : now.error().reason());
}

std::shared_ptr<const void> WatchedFile::State::read_again() {
    auto version = read_version(path);
    if (!version) { // replaced or removed since the stat(): a later get() sees what is there
        std::shared_lock reading(snapshot_mutex);
        if (value)
            return value;
        throw FileNotAvailable(path, version.error().reason());
    }
    std::shared_ptr<const void> parsed;
    std::string problem;
    try {
        parsed = parse(std::move(version->bytes));
    } catch (const std::exception& error) {
        problem = parse_failure(error.what());
    } catch (...) {
        problem = parse_failure("the parser threw something that is not a std::exception");
    }
    std::shared_ptr<const void> answer;
    {
        std::unique_lock publishing(snapshot_mutex);
        read_identity = version->identity;
        std::swap(read_fd, version->fd); // the previous version's descriptor closes below
        read_problem = std::move(problem);
        if (parsed)
            value = std::move(parsed);
        answer = value;
    }
    if (!answer)
        throw FileNotAvailable(path, read_problem);
    return answer;
}

void WatchedFile::State::wait_for_first_value(std::chrono::milliseconds wait) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        try {
            get();
            return;
        } catch (const FileNotAvailable&) {
            auto now = std::chrono::steady_clock::now();
            if (now >= deadline)
                throw;
            std::this_thread::sleep_for(
                std::min<std::chrono::steady_clock::duration>(first_file_poll, deadline - now));
        }
    }
}

WatchedFile::WatchedFile(std::filesystem::path path, Parse parse,
                         std::optional<std::chrono::milliseconds> wait_for_first_file)
    : state_(std::make_unique<State>()) {
    state_->path = std::move(path);
    state_->parse = std::move(parse);
    if (wait_for_first_file)
        state_->wait_for_first_value(*wait_for_first_file);
}

WatchedFile::~WatchedFile() = default;
WatchedFile::WatchedFile(WatchedFile&&) noexcept = default;
WatchedFile& WatchedFile::operator=(WatchedFile&&) noexcept = default;

std::shared_ptr<const void> WatchedFile::get() const {
    return state_->get();
}

const std::filesystem::path& WatchedFile::path() const noexcept {
    return state_->path;
}

} // namespace zklive::detail
