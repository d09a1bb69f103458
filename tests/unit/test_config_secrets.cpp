// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/secrets.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "support/vault_csi_mount.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

using zklive::config::SecretsStore;

namespace {

// A value that must never show up in a message.
constexpr std::string_view secret_value = "s3cr3t-VALUE";

SecretsStore store(const std::string& json) {
    return SecretsStore::parse(json, "/etc/s.json");
}

std::string error_message(const std::function<void()>& action) {
    try {
        action();
    } catch (const zklive::Error& e) {
        CHECK(e.kind() == zklive::ErrorKind::config);
        return e.what();
    }
    FAIL("no error thrown");
    return "";
}

// The message, after checking that it gives nothing of the secret away.
std::string safe_error_message(const std::function<void()>& action) {
    auto message = error_message(action);
    INFO("message: " << message);
    CHECK(message.find(secret_value) == std::string::npos);
    CHECK(message.find("s3cr3t") == std::string::npos);
    CHECK(message.find("VALUE") == std::string::npos);
    return message;
}

const std::string good_store = R"({"secrets": {
    "secret/plain": {"type": "simple", "value": "user:s3cr3t-VALUE"},
    "secret/identity": {"type": "simple", "value": "abc", "encoding": "identity"},
    "secret/b64": {"type": "simple", "value": "emtsaXZlOnMzY3IzdC1WQUxVRQ==", "encoding": "base64"},
    "secret/colons": {"type": "simple", "value": "user:pa:ss"},
    "secret/empty-password": {"type": "simple", "value": "user:"}
}})";

// A temporary directory for the file-based cases, removed at the end of the scope.
using zklive::test::TempDir;

// Collects what is written to file descriptor 2 while it lives.
class CapturedStderr {
  public:
    CapturedStderr() : file_(std::tmpfile()), saved_(::dup(STDERR_FILENO)) {
        REQUIRE(file_ != nullptr);
        REQUIRE(saved_ >= 0);
        REQUIRE(::dup2(::fileno(file_), STDERR_FILENO) >= 0);
    }
    ~CapturedStderr() {
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
        std::fclose(file_);
    }
    CapturedStderr(const CapturedStderr&) = delete;
    CapturedStderr& operator=(const CapturedStderr&) = delete;

    std::string text() const {
        std::string out;
        char buffer[4096];
        std::rewind(file_);
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;)
            out.append(buffer, n);
        return out;
    }

  private:
    std::FILE* file_;
    int saved_;
};

} // namespace

TEST_CASE("SecretsStore decodes identity and base64 secrets", "[config][secrets]") {
    auto secrets = store(good_store);
    CHECK(secrets.simple("secret/plain") == "user:s3cr3t-VALUE");
    CHECK(secrets.simple("secret/identity") == "abc");
    CHECK(secrets.simple("secret/b64") == "zklive:s3cr3t-VALUE");
}

TEST_CASE("credential splits username and password at the first ':'", "[config][secrets]") {
    auto secrets = store(good_store);
    auto plain = secrets.credential("secret/plain");
    CHECK(plain.username == "user");
    CHECK(plain.password == "s3cr3t-VALUE");
    CHECK(plain.secret_path == "secret/plain");
    CHECK(plain.digest_text() == "user:s3cr3t-VALUE");

    auto decoded = secrets.credential("secret/b64");
    CHECK(decoded.username == "zklive");
    CHECK(decoded.password == "s3cr3t-VALUE");

    auto colons = secrets.credential("secret/colons");
    CHECK(colons.username == "user");
    CHECK(colons.password == "pa:ss");
    CHECK(colons.digest_text() == "user:pa:ss");

    CHECK(secrets.credential("secret/empty-password").password == "");
}

TEST_CASE("credential rejects values that are not username:password", "[config][secrets]") {
    auto secrets = store(R"({"secrets": {
        "secret/no-colon": {"type": "simple", "value": "s3cr3t-VALUE"},
        "secret/no-user": {"type": "simple", "value": ":s3cr3t-VALUE"}
    }})");
    CHECK(safe_error_message([&] { secrets.credential("secret/no-colon"); }) ==
          "secret secret/no-colon in /etc/s.json must hold \"username:password\"");
    CHECK(safe_error_message([&] { secrets.credential("secret/no-user"); }) ==
          "secret secret/no-user in /etc/s.json must hold \"username:password\"");
}

TEST_CASE("SecretsStore names the problem but never the value", "[config][secrets]") {
    auto secrets = store(R"({"secrets": {
        "secret/other": {"type": "simple", "value": "s3cr3t-VALUE"},
        "secret/wrong-type": {"type": "credential", "value": "s3cr3t-VALUE"},
        "secret/no-type": {"value": "s3cr3t-VALUE"},
        "secret/no-value": {"type": "simple", "password": "s3cr3t-VALUE"},
        "secret/number": {"type": "simple", "value": 12345},
        "secret/bad-b64": {"type": "simple", "value": "s3cr3t-VALUE", "encoding": "base64"},
        "secret/unknown": {"type": "simple", "value": "s3cr3t-VALUE", "encoding": "rot13"},
        "secret/enc-number": {"type": "simple", "value": "s3cr3t-VALUE", "encoding": 64},
        "secret/not-object": "s3cr3t-VALUE"
    }})");
    CHECK(safe_error_message([&] { secrets.simple("secret/missing"); }) ==
          "secret secret/missing not found in /etc/s.json");
    CHECK(safe_error_message([&] { secrets.credential("secret/missing"); }) ==
          "secret secret/missing not found in /etc/s.json");
    CHECK(safe_error_message([&] { secrets.simple("secret/wrong-type"); }) ==
          "secret secret/wrong-type in /etc/s.json must have \"type\": \"simple\"");
    CHECK(safe_error_message([&] { secrets.simple("secret/no-type"); }) ==
          "secret secret/no-type in /etc/s.json must have \"type\": \"simple\"");
    CHECK(safe_error_message([&] { secrets.simple("secret/no-value"); }) ==
          "secret secret/no-value in /etc/s.json has no string \"value\"");
    CHECK(safe_error_message([&] { secrets.simple("secret/number"); }) ==
          "secret secret/number in /etc/s.json has no string \"value\"");
    CHECK(safe_error_message([&] { secrets.simple("secret/bad-b64"); }) ==
          "secret secret/bad-b64 in /etc/s.json is not valid base64");
    CHECK(safe_error_message([&] { secrets.credential("secret/bad-b64"); }) ==
          "secret secret/bad-b64 in /etc/s.json is not valid base64");
    CHECK(safe_error_message([&] { secrets.simple("secret/unknown"); }) ==
          "secret secret/unknown in /etc/s.json has unknown encoding \"rot13\" "
          "(expected identity or base64)");
    CHECK(safe_error_message([&] { secrets.simple("secret/enc-number"); }) ==
          "secret secret/enc-number in /etc/s.json: \"encoding\" must be a string");
    CHECK(safe_error_message([&] { secrets.simple("secret/not-object"); }) ==
          "secret secret/not-object in /etc/s.json is not an object");
}

TEST_CASE("SecretsStore reports invalid JSON by line and column only", "[config][secrets]") {
    // nlohmann's own message would quote the text around the error: here a secret.
    CHECK(safe_error_message([] {
              store("{\"secrets\": {\n"
                    "  \"secret/a\": {\"type\": \"simple\", \"value\": s3cr3t-VALUE}\n"
                    "}}");
          }) == "secrets file /etc/s.json:2:43: invalid JSON");
    CHECK(safe_error_message([] {
              store("{\"secrets\": {\"secret/a\": {\"value\": \"s3cr3t-VALUE\"}}");
          }) == "secrets file /etc/s.json:1:52: invalid JSON");
    CHECK(error_message([] { store(""); }) == "secrets file /etc/s.json:1:1: invalid JSON");
    // A number too large for a double is refused like a syntax error, not as an exception of
    // nlohmann's own (found by fuzz_secrets), and its digits are not quoted either.
    CHECK(safe_error_message([] { store("{\"secrets\": {}, \"x\": 98765e99999}"); }) ==
          "secrets file /etc/s.json:1:22: invalid JSON");
}

TEST_CASE("SecretsStore wants an object with a secrets object", "[config][secrets]") {
    const std::string expected =
        "secrets file /etc/s.json: expected an object with a \"secrets\" object";
    CHECK(safe_error_message([] { store(R"(["s3cr3t-VALUE"])"); }) == expected);
    CHECK(safe_error_message([] { store(R"({"other": "s3cr3t-VALUE"})"); }) == expected);
    CHECK(safe_error_message([] { store(R"({"secrets": ["s3cr3t-VALUE"]})"); }) == expected);
    CHECK(safe_error_message([] { store(R"("s3cr3t-VALUE")"); }) == expected);
}

TEST_CASE("SecretsStore::load reads a file and names it when it cannot", "[config][secrets]") {
    TempDir dir;
    auto path = dir.path() / "secrets.json";
    {
        std::ofstream out(path);
        out << good_store;
    }
    ::chmod(path.c_str(), 0600);
    auto secrets = SecretsStore::load(path);
    CHECK(secrets.credential("secret/plain").password == "s3cr3t-VALUE");
    CHECK(error_message([&] { secrets.simple("secret/missing"); }) ==
          "secret secret/missing not found in " + path.string());

    auto missing = dir.path() / "missing.json";
    CHECK(error_message([&] { SecretsStore::load(missing); }) ==
          "cannot read secrets file " + missing.string() + ": No such file or directory");
    CHECK(error_message([&] { SecretsStore::load(dir.path()); }) ==
          "cannot read secrets file " + dir.path().string() + ": Is a directory");

    if (::geteuid() != 0) { // root reads anything
        ::chmod(path.c_str(), 0);
        CHECK(error_message([&] { SecretsStore::load(path); }) ==
              "cannot read secrets file " + path.string() + ": Permission denied");
    }
}

TEST_CASE("SecretsStore::load reports invalid JSON in a file by position", "[config][secrets]") {
    TempDir dir;
    auto path = dir.path() / "broken.json";
    {
        std::ofstream out(path);
        out << "{\"secrets\": {\"a\": s3cr3t-VALUE}}";
    }
    ::chmod(path.c_str(), 0600);
    CHECK(safe_error_message([&] { SecretsStore::load(path); }) ==
          "secrets file " + path.string() + ":1:19: invalid JSON");
}

TEST_CASE("SecretsStore::load warns when every user may read the file", "[config][secrets]") {
    TempDir dir;
    auto path = dir.path() / "secrets.json";
    {
        std::ofstream out(path);
        out << good_store;
    }
    auto old_level = zklive::log::level();
    zklive::log::set_level(zklive::log::Level::warning);

    ::chmod(path.c_str(), 0640);
    std::string quiet;
    {
        CapturedStderr captured;
        SecretsStore::load(path);
        quiet = captured.text();
    }
    CHECK(quiet == "");

    ::chmod(path.c_str(), 0644);
    std::string warned;
    {
        CapturedStderr captured;
        CHECK(SecretsStore::load(path).simple("secret/identity") == "abc");
        warned = captured.text();
    }
    zklive::log::set_level(old_level);
    CHECK(warned == "zklive: warning: secrets file " + path.string() +
                        " is readable by every user; chmod o-r it\n");
    CHECK(warned.find(secret_value) == std::string::npos);
}

// --- secrets.provider = vault_csi ------------------------------------------------------------

namespace {

using zklive::test::simple_secret;
using zklive::test::VaultCsiMount;

const VaultCsiMount::Secrets csi_secrets{
    {"secret/zk/credentials", simple_secret("user:s3cr3t-VALUE")},
    {"secret/b64", simple_secret("emtsaXZlOnMzY3IzdC1WQUxVRQ==", "base64")},
    {"other", simple_secret("top-level")},
};

// What a message names the mount.
std::string csi_name(const VaultCsiMount& mount) {
    return "Vault CSI mount " + mount.root().string();
}

} // namespace

TEST_CASE("a Vault CSI mount: each secret is the data of its file under ..data",
          "[config][secrets][vault_csi]") {
    TempDir dir;
    VaultCsiMount mount(dir.path() / "csi", csi_secrets);
    REQUIRE(std::filesystem::is_symlink(mount.root() / "..data"));
    REQUIRE(std::filesystem::is_symlink(mount.root() / "secret"));

    auto secrets = SecretsStore::open(zklive::config::SecretsProvider::vault_csi, mount.root());
    auto credential = secrets.credential("secret/zk/credentials");
    CHECK(credential.username == "user");
    CHECK(credential.password == "s3cr3t-VALUE");
    CHECK(credential.secret_path == "secret/zk/credentials");
    CHECK(secrets.simple("secret/b64") == "zklive:s3cr3t-VALUE");
    CHECK(secrets.simple("other") == "top-level");
}

TEST_CASE("a Vault CSI store reads through ..data: after a rotation it has the new secrets",
          "[config][secrets][vault_csi]") {
    TempDir dir;
    VaultCsiMount mount(dir.path() / "csi", csi_secrets);
    auto before = SecretsStore::open_vault_csi(mount.root());
    auto first_generation = mount.generation();

    mount.publish({{"secret/zk/credentials", simple_secret("user:rotated")}});
    REQUIRE(mount.generation() != first_generation);
    REQUIRE_FALSE(std::filesystem::exists(mount.root() / first_generation));

    CHECK(before.credential("secret/zk/credentials").password == "rotated");
    auto after = SecretsStore::open_vault_csi(mount.root());
    CHECK(after.credential("secret/zk/credentials").password == "rotated");
    // Gone with the old generation.
    CHECK(error_message([&] { after.simple("secret/b64"); }) ==
          "secret secret/b64 not found in " + csi_name(mount));
}

TEST_CASE("a Vault CSI store names the mount, the secret and the problem, never the value",
          "[config][secrets][vault_csi]") {
    TempDir dir;
    VaultCsiMount mount(
        dir.path() / "csi",
        {{"secret/good", simple_secret("user:s3cr3t-VALUE")},
         {"secret/wrong-type", R"({"type": "credential", "value": "s3cr3t-VALUE"})"},
         {"secret/no-colon", simple_secret("s3cr3t-VALUE")},
         {"secret/bad-b64", simple_secret("s3cr3t-VALUE", "base64")}});
    // Files the driver would not write, but a broken provider might.
    auto data = mount.root() / "..data";
    zklive::test::write_text(data / "secret/not-json", "{\"data\": {\"value\": s3cr3t-VALUE}}");
    zklive::test::write_text(data / "secret/no-data", R"({"value": "s3cr3t-VALUE"})");
    zklive::test::write_text(data / "secret/data-string", R"({"data": "s3cr3t-VALUE"})");
    auto secrets = SecretsStore::open_vault_csi(mount.root());
    auto name = csi_name(mount);

    CHECK(safe_error_message([&] { secrets.simple("secret/missing"); }) ==
          "secret secret/missing not found in " + name);
    CHECK(safe_error_message([&] { secrets.simple("secret/good/deeper"); }) ==
          "secret secret/good/deeper not found in " + name);
    CHECK(safe_error_message([&] { secrets.simple("secret"); }) ==
          "cannot read secret secret in " + name + ": Is a directory");
    CHECK(safe_error_message([&] { secrets.simple("secret/wrong-type"); }) ==
          "secret secret/wrong-type in " + name + " must have \"type\": \"simple\"");
    CHECK(safe_error_message([&] { secrets.credential("secret/no-colon"); }) ==
          "secret secret/no-colon in " + name + " must hold \"username:password\"");
    CHECK(safe_error_message([&] { secrets.simple("secret/bad-b64"); }) ==
          "secret secret/bad-b64 in " + name + " is not valid base64");
    CHECK(safe_error_message([&] { secrets.simple("secret/not-json"); }) ==
          "secret secret/not-json in " + name + ": invalid JSON at 1:20");
    CHECK(safe_error_message([&] { secrets.simple("secret/no-data"); }) ==
          "secret secret/no-data in " + name + " has no \"data\" object");
    CHECK(safe_error_message([&] { secrets.simple("secret/data-string"); }) ==
          "secret secret/data-string in " + name + " has no \"data\" object");
    for (std::string bad : {"", "/etc/passwd", "../csi/secret/good", "secret/../secret/good",
                            "secret//good", "./secret/good"}) {
        INFO(bad);
        CHECK(safe_error_message([&] { secrets.simple(bad); }) ==
              "secret path '" + bad + "' cannot name a file in " + name +
                  ": it must be relative, without empty, '.' or '..' parts");
    }
}

TEST_CASE("a Vault CSI store must be opened at the root of a mount",
          "[config][secrets][vault_csi]") {
    TempDir dir;
    auto missing = dir.path() / "missing";
    CHECK(error_message([&] { SecretsStore::open_vault_csi(missing); }) ==
          "secrets.path " + missing.string() +
              " is not a directory (secrets.provider = vault_csi wants the root of a Vault CSI "
              "mount)");
    auto file = dir.path() / "secrets.json";
    zklive::test::write_text(file, good_store);
    CHECK(error_message([&] {
              SecretsStore::open(zklive::config::SecretsProvider::vault_csi, file);
          }) == "secrets.path " + file.string() +
                    " is not a directory (secrets.provider = vault_csi wants the root of a "
                    "Vault CSI mount)");

    VaultCsiMount mount(dir.path() / "csi", csi_secrets);
    // One level too deep: ..data is in its parent.
    auto inner = mount.root() / "secret";
    CHECK(error_message([&] { SecretsStore::open_vault_csi(inner); }) ==
          "secrets.path " + inner.string() +
              " is not the root of a Vault CSI mount: it has no ..data directory");
    // The vault provider reads the same path as one file.
    CHECK(error_message([&] {
              SecretsStore::open(zklive::config::SecretsProvider::vault, mount.root());
          }) == "cannot read secrets file " + mount.root().string() + ": Is a directory");
}
