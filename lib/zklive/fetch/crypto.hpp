// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

// The digests the S3 fetch needs, computed by OpenSSL. Results are raw bytes unless the name
// says hex.
namespace zklive::fetch::crypto {

std::string sha256(std::string_view bytes);
std::string md5(std::string_view bytes);
std::string hmac_sha256(std::string_view key, std::string_view message);

// Lower-case hexadecimal, as SigV4 writes hashes and signatures.
std::string hex(std::string_view bytes);

// SHA-256 over data that arrives in pieces: a streamed download checked without holding it.
class Sha256Stream {
  public:
    Sha256Stream();
    void update(std::string_view bytes);
    std::string finish(); // raw bytes; the stream is spent afterwards

  private:
    struct FreeContext {
        void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
    };
    std::unique_ptr<EVP_MD_CTX, FreeContext> context_;
};

} // namespace zklive::fetch::crypto
