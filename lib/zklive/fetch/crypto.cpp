// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/crypto.hpp"

#include <openssl/hmac.h>

#include <stdexcept>

namespace zklive::fetch::crypto {
namespace {

// OpenSSL fails here only when out of memory or misbuilt; neither is the caller's to handle.
void check(int ok, const char* what) {
    if (ok != 1)
        throw std::runtime_error(std::string("OpenSSL: ") + what + " failed");
}

std::string digest(const EVP_MD* type, std::string_view bytes) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    check(EVP_Digest(bytes.data(), bytes.size(), out, &length, type, nullptr), "EVP_Digest");
    return std::string(reinterpret_cast<const char*>(out), length);
}

} // namespace

std::string sha256(std::string_view bytes) {
    return digest(EVP_sha256(), bytes);
}

std::string md5(std::string_view bytes) {
    return digest(EVP_md5(), bytes);
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const unsigned char* result =
        HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length);
    if (result == nullptr)
        throw std::runtime_error("OpenSSL: HMAC failed");
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::string hex(std::string_view bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 0xf];
    }
    return out;
}

Sha256Stream::Sha256Stream() : context_(EVP_MD_CTX_new()) {
    if (!context_)
        throw std::runtime_error("OpenSSL: EVP_MD_CTX_new failed");
    check(EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr), "EVP_DigestInit_ex");
}

void Sha256Stream::update(std::string_view bytes) {
    check(EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()), "EVP_DigestUpdate");
}

std::string Sha256Stream::finish() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    check(EVP_DigestFinal_ex(context_.get(), out, &length), "EVP_DigestFinal_ex");
    return std::string(reinterpret_cast<const char*>(out), length);
}

} // namespace zklive::fetch::crypto
