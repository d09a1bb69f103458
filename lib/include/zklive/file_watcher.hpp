// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <zklive/errors.hpp>
#include <zklive/export.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace zklive {

namespace detail {

// What FileWatcher<T> does for every T, compiled once in the library: notice changes, read,
// keep the last good value (type-erased), share it between threads.
class ZKLIVE_API WatchedFile {
  public:
    // Turns a file's bytes into a value; may throw anything.
    using Parse = std::function<std::shared_ptr<const void>(std::string&& bytes)>;

    WatchedFile(std::filesystem::path path, Parse parse,
                std::optional<std::chrono::milliseconds> wait_for_first_file);
    ~WatchedFile();
    WatchedFile(WatchedFile&&) noexcept;
    WatchedFile& operator=(WatchedFile&&) noexcept;
    WatchedFile(const WatchedFile&) = delete;
    WatchedFile& operator=(const WatchedFile&) = delete;

    std::shared_ptr<const void> get() const;
    const std::filesystem::path& path() const noexcept;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace detail

// The application side of `zklive watch`: the parsed contents of a file that another process
// replaces from time to time, read again only when it changed.
//
//   zklive::FileWatcher<Settings> settings("/var/local/live-data/settings.json", parse_settings);
//   std::shared_ptr<const Settings> now = settings.get();  // cheap; call it on every request
//
// get() costs one stat() of the path when the file is unchanged. The file counts as changed
// when its device, inode, modification time or size differ from the version last read; it is
// then read whole and parsed, once, by one of the threads that noticed it; the others that
// noticed wait for that parse, and threads that did not yet keep getting the previous value,
// never a partial one. Write the file atomically (a temp file renamed over it, as `zklive
// watch` does): the watcher reads whole files, but a file rewritten in place may be read
// half-written, or, if the rewrite keeps its size within the file system's time stamp
// granularity, not noticed.
//
// Failures never lose a value: while the file is missing, unreadable or does not parse, get()
// returns the last value that did parse, and says nothing (a version that failed to parse is
// not parsed again until it changes). Only while no version has ever parsed does get() throw
// FileNotAvailable, naming the file and the reason (with the parser's what()).
//
// Thread-safe: get() may be called from any number of threads at once. The value returned is
// immutable and stays valid as long as it is held, whatever happens to the file meanwhile.
// The watcher keeps the file it last read open (one file descriptor), so that its inode
// number cannot be reused by a later version and taken for it.
template <typename T> class FileWatcher {
  public:
    using StreamParser = std::function<T(std::istream&)>;
    using BytesParser = std::function<T(std::string_view)>;

    // wait_for_first_file: block until the file parses once, or throw FileNotAvailable when
    // it does not within that time (for a service started beside its `zklive watch`).
    // Without it, the constructor does not touch the file.
    FileWatcher(std::filesystem::path path, StreamParser parse,
                std::optional<std::chrono::milliseconds> wait_for_first_file = std::nullopt)
        : file_(std::move(path), erase(std::move(parse)), wait_for_first_file) {}
    FileWatcher(std::filesystem::path path, BytesParser parse,
                std::optional<std::chrono::milliseconds> wait_for_first_file = std::nullopt)
        : file_(std::move(path), erase(std::move(parse)), wait_for_first_file) {}

    // The value parsed from the newest version of the file that parsed.
    // Throws FileNotAvailable while there is none.
    std::shared_ptr<const T> get() const { return std::static_pointer_cast<const T>(file_.get()); }

    const std::filesystem::path& path() const noexcept { return file_.path(); }

  private:
    static detail::WatchedFile::Parse erase(StreamParser parse) {
        return [parse = std::move(parse)](std::string&& bytes) -> std::shared_ptr<const void> {
            std::istringstream stream(std::move(bytes));
            return std::make_shared<const T>(parse(stream));
        };
    }
    static detail::WatchedFile::Parse erase(BytesParser parse) {
        return [parse = std::move(parse)](std::string&& bytes) -> std::shared_ptr<const void> {
            return std::make_shared<const T>(parse(std::string_view(bytes)));
        };
    }

    detail::WatchedFile file_;
};

} // namespace zklive
