// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/secrets.hpp"

#include "zklive/error.hpp"
#include "zklive/util/base64.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/json_syntax.hpp"
#include "zklive/util/log.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>

#include <sys/stat.h>

#include <algorithm>

namespace zklive::config {
namespace {

// The directory the Vault CSI driver points at the current generation of the secrets.
constexpr std::string_view csi_data_link = "..data";

void warn_if_readable_by_others(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH))
        log::warning("secrets file {} is readable by every user; chmod o-r it", path.string());
}

// A secret path names a file below ..data: relative, in its normal form, and not above it.
bool is_plain_relative_path(std::string_view secret_path) {
    std::filesystem::path path(secret_path);
    if (path.empty() || !path.is_relative() || path.lexically_normal().native() != path.native())
        return false;
    return *path.begin() != "." && *path.begin() != "..";
}

bool is_existing_directory(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_directory(path, ec);
}

// The bytes a {"type": "simple", "value": ..., "encoding": ...} object stands for.
std::string decode_simple(const nlohmann::json& secret, std::string_view secret_path,
                          const std::string& store) {
    if (!secret.is_object())
        throw config_error("secret {} in {} is not an object", secret_path, store);
    auto type = secret.find("type");
    if (type == secret.end() || !type->is_string() || type->get<std::string>() != "simple")
        throw config_error("secret {} in {} must have \"type\": \"simple\"", secret_path, store);
    auto value = secret.find("value");
    if (value == secret.end() || !value->is_string())
        throw config_error("secret {} in {} has no string \"value\"", secret_path, store);
    std::string encoding = "identity";
    if (auto e = secret.find("encoding"); e != secret.end()) {
        if (!e->is_string())
            throw config_error("secret {} in {}: \"encoding\" must be a string", secret_path,
                               store);
        encoding = e->get<std::string>();
    }
    if (encoding == "identity")
        return value->get<std::string>();
    if (encoding == "base64") {
        auto decoded = base64::decode(value->get<std::string>());
        if (!decoded)
            throw config_error("secret {} in {} is not valid base64", secret_path, store);
        return *decoded;
    }
    throw config_error("secret {} in {} has unknown encoding \"{}\" (expected identity or base64)",
                       secret_path, store, encoding);
}

} // namespace

SecretsStore SecretsStore::open(SecretsProvider provider, const std::filesystem::path& path) {
    return provider == SecretsProvider::vault_csi ? open_vault_csi(path) : load(path);
}

SecretsStore SecretsStore::load(const std::filesystem::path& path) {
    auto text = file_io::read_file(path);
    if (!text)
        throw config_error("cannot read secrets file {}: {}", path.string(), text.error().reason());
    warn_if_readable_by_others(path);
    return parse(*text, path);
}

SecretsStore SecretsStore::parse(std::string_view json_text, const std::filesystem::path& path) {
    SecretsStore store;
    store.path_ = path;
    store.name_ = path.string();
    if (auto problem = json_syntax::check(json_text)) {
        // The reason may quote the text it read, which may be a secret: give the position.
        throw config_error("secrets file {}:{}:{}: invalid JSON", path.string(), problem->at.line,
                           problem->at.column);
    }
    store.document_ = std::make_shared<const nlohmann::json>(nlohmann::json::parse(json_text));
    const auto& doc = *store.document_;
    if (!doc.is_object() || !doc.contains("secrets") || !doc["secrets"].is_object())
        throw config_error("secrets file {}: expected an object with a \"secrets\" object",
                           path.string());
    return store;
}

SecretsStore SecretsStore::open_vault_csi(const std::filesystem::path& root) {
    SecretsStore store;
    store.provider_ = SecretsProvider::vault_csi;
    store.path_ = root;
    store.name_ = "Vault CSI mount " + root.string();
    if (!is_existing_directory(root))
        throw config_error("secrets.path {} is not a directory (secrets.provider = vault_csi "
                           "wants the root of a Vault CSI mount)",
                           root.string());
    if (!is_existing_directory(root / csi_data_link))
        throw config_error("secrets.path {} is not the root of a Vault CSI mount: it has no "
                           "{} directory",
                           root.string(), csi_data_link);
    return store;
}

nlohmann::json SecretsStore::read_vault_csi_secret(std::string_view secret_path) const {
    if (!is_plain_relative_path(secret_path))
        throw config_error("secret path '{}' cannot name a file in {}: it must be relative, "
                           "without empty, '.' or '..' parts",
                           secret_path, name_);
    // Through ..data at every read: after a rotation it leads to the new generation.
    auto file = path_ / csi_data_link / secret_path;
    auto read = file_io::read_file(file);
    if (!read) {
        int error = read.error().code;
        if (error == ENOENT || error == ENOTDIR)
            throw config_error("secret {} not found in {}", secret_path, name_);
        throw config_error("cannot read secret {} in {}: {}", secret_path, name_,
                           read.error().reason());
    }
    const std::string& text = *read;
    if (auto problem = json_syntax::check(text))
        throw config_error("secret {} in {}: invalid JSON at {}:{}", secret_path, name_,
                           problem->at.line, problem->at.column);
    auto response = nlohmann::json::parse(text);
    // The file is Vault's answer; the secret is its "data".
    if (!response.is_object() || !response.contains("data") || !response["data"].is_object())
        throw config_error("secret {} in {} has no \"data\" object", secret_path, name_);
    return std::move(response["data"]);
}

nlohmann::json SecretsStore::secret(std::string_view secret_path) const {
    if (provider_ == SecretsProvider::vault_csi)
        return read_vault_csi_secret(secret_path);
    const auto& secrets = (*document_)["secrets"];
    auto it = secrets.find(std::string(secret_path));
    if (it == secrets.end())
        throw config_error("secret {} not found in {}", secret_path, name_);
    return *it;
}

std::string SecretsStore::simple(std::string_view secret_path) const {
    return decode_simple(secret(secret_path), secret_path, name_);
}

Credential SecretsStore::credential(std::string_view secret_path) const {
    std::string value = simple(secret_path);
    auto colon = value.find(':');
    if (colon == std::string::npos || colon == 0)
        throw config_error("secret {} in {} must hold \"username:password\"", secret_path, name_);
    return Credential{value.substr(0, colon), value.substr(colon + 1), std::string(secret_path)};
}

} // namespace zklive::config
