#include "zklive/config/secrets.hpp"

#include "zklive/error.hpp"
#include "zklive/util/base64.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/json_syntax.hpp"
#include "zklive/util/log.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>

namespace zklive::config {
namespace {

void warn_if_readable_by_others(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH))
        log::warning("secrets file {} is readable by every user; chmod o-r it", path.string());
}

} // namespace

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
    if (auto problem = json_syntax::check(json_text)) {
        // The reason may quote the text it read, which may be a secret: give the position.
        throw config_error("secrets file {}:{}:{}: invalid JSON", path.string(),
                           problem->at.line, problem->at.column);
    }
    store.document_ = std::make_shared<const nlohmann::json>(nlohmann::json::parse(json_text));
    const auto& doc = *store.document_;
    if (!doc.is_object() || !doc.contains("secrets") || !doc["secrets"].is_object())
        throw config_error("secrets file {}: expected an object with a \"secrets\" object",
                           path.string());
    return store;
}

std::string SecretsStore::simple(std::string_view secret_path) const {
    const auto& secrets = (*document_)["secrets"];
    auto it = secrets.find(std::string(secret_path));
    if (it == secrets.end())
        throw config_error("secret {} not found in {}", secret_path, path_.string());
    const auto& secret = *it;
    if (!secret.is_object())
        throw config_error("secret {} in {} is not an object", secret_path, path_.string());
    auto type = secret.find("type");
    if (type == secret.end() || !type->is_string() || type->get<std::string>() != "simple")
        throw config_error("secret {} in {} must have \"type\": \"simple\"", secret_path,
                           path_.string());
    auto value = secret.find("value");
    if (value == secret.end() || !value->is_string())
        throw config_error("secret {} in {} has no string \"value\"", secret_path, path_.string());
    std::string encoding = "identity";
    if (auto e = secret.find("encoding"); e != secret.end()) {
        if (!e->is_string())
            throw config_error("secret {} in {}: \"encoding\" must be a string", secret_path,
                               path_.string());
        encoding = e->get<std::string>();
    }
    if (encoding == "identity")
        return value->get<std::string>();
    if (encoding == "base64") {
        auto decoded = base64::decode(value->get<std::string>());
        if (!decoded)
            throw config_error("secret {} in {} is not valid base64", secret_path, path_.string());
        return *decoded;
    }
    throw config_error("secret {} in {} has unknown encoding \"{}\" (expected identity or base64)",
                       secret_path, path_.string(), encoding);
}

Credential SecretsStore::credential(std::string_view secret_path) const {
    std::string value = simple(secret_path);
    auto colon = value.find(':');
    if (colon == std::string::npos || colon == 0)
        throw config_error("secret {} in {} must hold \"username:password\"", secret_path,
                           path_.string());
    return Credential{value.substr(0, colon), value.substr(colon + 1), std::string(secret_path)};
}

} // namespace zklive::config
