// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/http.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>

namespace zklive::fetch::http {
namespace {

// Error bodies are read for S3's <Code> and <Message>; the rest is not worth the memory.
constexpr std::size_t max_error_body = 64 * 1024;

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using HeaderList = std::unique_ptr<curl_slist, CurlDeleter>;

// curl_global_init is not thread-safe; the first request of any thread runs it once.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw TransferError("libcurl could not be initialised");
    });
}

struct Transfer {
    CURL* curl = nullptr;
    const Request* request = nullptr;
    const BodyConsumer* consume = nullptr;
    Response response;
    bool over_limit = false;
    std::exception_ptr consumer_failure;
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0));
    });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    return text;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) { // a new answer (after 100 Continue): forget the last
        transfer.response.headers.clear();
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        transfer.response.headers[lower(trim(line.substr(0, colon)))] =
            std::string(trim(line.substr(colon + 1)));
    }
    return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    std::string_view bytes(data, size * count);
    long status = 0;
    curl_easy_getinfo(transfer.curl, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        auto& body = transfer.response.error_body;
        body.append(bytes.substr(0, max_error_body - std::min(max_error_body, body.size())));
        return bytes.size();
    }
    std::uint64_t limit = transfer.request->max_body_bytes;
    if (limit != 0 && transfer.response.body_bytes + bytes.size() > limit) {
        transfer.over_limit = true;
        return 0;
    }
    try {
        (*transfer.consume)(bytes);
    } catch (...) {
        transfer.consumer_failure = std::current_exception();
        return 0;
    }
    transfer.response.body_bytes += bytes.size();
    return bytes.size();
}

// libcurl calls this about once a second even while no byte arrives.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& transfer = *static_cast<Transfer*>(user);
    const auto* cancelled = transfer.request->cancelled;
    return cancelled != nullptr && cancelled->load(std::memory_order_relaxed) ? 1 : 0;
}

template <typename T> void set(CURL* curl, CURLoption option, T value) {
    if (CURLcode code = curl_easy_setopt(curl, option, value); code != CURLE_OK)
        throw TransferError(fmt::format("libcurl option {}: {}", static_cast<int>(option),
                                        curl_easy_strerror(code)));
}

HeaderList header_list(const std::vector<std::string>& headers) {
    HeaderList list;
    for (const auto& header : headers) {
        curl_slist* extended = curl_slist_append(list.get(), header.c_str());
        if (extended == nullptr)
            throw std::bad_alloc();
        (void)list.release();
        list.reset(extended);
    }
    return list;
}

void configure(Transfer& transfer, const HeaderList& headers, char* error_text) {
    CURL* curl = transfer.curl;
    const Request& request = *transfer.request;
    set(curl, CURLOPT_URL, request.url.c_str());
    set(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD")
        set(curl, CURLOPT_NOBODY, 1L);
    set(curl, CURLOPT_PATH_AS_IS, 1L);
    set(curl, CURLOPT_HTTPHEADER, headers.get());
    set(curl, CURLOPT_NOSIGNAL, 1L); // threads: no SIGALRM for DNS timeouts
    set(curl, CURLOPT_ERRORBUFFER, error_text);
    set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    set(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    set(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    if (request.stall_timeout.count() > 0) {
        set(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        set(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(request.stall_timeout.count()));
    }
    if (request.max_body_bytes != 0) // refuses at once when Content-Length says too much
        set(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body_bytes));
    if (!request.ca_bundle.empty())
        set(curl, CURLOPT_CAINFO, request.ca_bundle.c_str());
    if (request.bypass_proxy)
        set(curl, CURLOPT_NOPROXY, "*");
    set(curl, CURLOPT_HEADERFUNCTION, on_header);
    set(curl, CURLOPT_HEADERDATA, &transfer);
    set(curl, CURLOPT_WRITEFUNCTION, on_body);
    set(curl, CURLOPT_WRITEDATA, &transfer);
    if (request.cancelled != nullptr) {
        set(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        set(curl, CURLOPT_XFERINFODATA, &transfer);
        set(curl, CURLOPT_NOPROGRESS, 0L);
    }
}

std::string describe_failure(const Transfer& transfer, CURLcode code, const char* error_text) {
    const Request& request = *transfer.request;
    if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED)
        return fmt::format("the answer is larger than the limit of {} bytes",
                           request.max_body_bytes);
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return "cancelled";
    if (code == CURLE_OPERATION_TIMEDOUT)
        return fmt::format("timed out ({})",
                           error_text[0] != '\0' ? error_text : curl_easy_strerror(code));
    return error_text[0] != '\0' ? std::string(error_text) : curl_easy_strerror(code);
}

} // namespace

Response perform(const Request& request, const BodyConsumer& consume_body) {
    init_curl_once();
    CurlHandle curl(curl_easy_init());
    if (!curl)
        throw TransferError("libcurl could not create a handle");
    HeaderList headers = header_list(request.headers);
    char error_text[CURL_ERROR_SIZE] = {};
    Transfer transfer{curl.get(), &request, &consume_body, {}, false, nullptr};
    configure(transfer, headers, error_text);

    CURLcode code = curl_easy_perform(curl.get());
    if (transfer.consumer_failure)
        std::rethrow_exception(transfer.consumer_failure);
    if (code != CURLE_OK)
        throw TransferError(describe_failure(transfer, code, error_text));
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &transfer.response.status);
    return std::move(transfer.response);
}

Response perform(const Request& request, std::string& body) {
    return perform(request, [&body](std::string_view bytes) { body.append(bytes); });
}

} // namespace zklive::fetch::http
