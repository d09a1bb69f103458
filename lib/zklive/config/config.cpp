// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/config.hpp"

#include "zklive/config/byte_size.hpp"
#include "zklive/config/live_data_items.hpp"
#include "zklive/config/node_collector.hpp"
#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/util/accounts.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/path.hpp"

#include <algorithm>
#include <charconv>
#include <deque>
#include <unordered_map>

namespace zklive::config {
namespace {

// Where a value came from, so that every message can name file, line and key.
struct Origin {
    const std::filesystem::path& source;
    int line;
    std::string_view key;
};

template <typename... Args>
[[noreturn]] void bad_value(const Origin& at, fmt::format_string<Args...> format, Args&&... args) {
    throw config_error("{}:{}: {}: {}", at.source.string(), at.line, at.key,
                       fmt::format(format, std::forward<Args>(args)...));
}

std::chrono::milliseconds positive_timespan(const std::string& value, const Origin& at) {
    auto span = parse_timespan(value);
    if (!span)
        bad_value(at,
                  "'{}' is not a timespan (expected e.g. '5 seconds', '500 milliseconds', "
                  "'2 minutes')",
                  value);
    if (span->count() <= 0)
        bad_value(at, "must be longer than zero");
    return *span;
}

bool boolean(const std::string& value, const Origin& at) {
    std::string lower;
    std::transform(value.begin(), value.end(), std::back_inserter(lower),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "1")
        return true;
    if (lower == "false" || lower == "no" || lower == "off" || lower == "0")
        return false;
    bad_value(at, "'{}' is not a boolean (expected true or false)", value);
}

std::filesystem::path absolute_path(const std::string& value, const Origin& at) {
    if (value.empty())
        bad_value(at, "is empty");
    std::filesystem::path path(value);
    if (!path.is_absolute())
        bad_value(at, "'{}' is a relative path; give an absolute one", value);
    return path;
}

std::filesystem::path absolute_file_path(const std::string& value, const Origin& at) {
    if (!value.empty() && value.back() == '/')
        bad_value(at, "'{}' names a directory; give the path of a file", value);
    return absolute_path(value, at);
}

mode_t octal_mode(const std::string& value, const Origin& at) {
    std::string_view digits = value;
    if (digits.starts_with("0o"))
        digits.remove_prefix(2);
    unsigned mode = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), mode, 8);
    if (digits.empty() || digits.size() > 5 || ec != std::errc() ||
        ptr != digits.data() + digits.size() || mode > 07777)
        bad_value(at, "'{}' is not an octal file mode (expected e.g. 0400 or 0644)", value);
    // A file filled from ZooKeeper must never become a set-id program.
    if ((mode & 07000) != 0)
        bad_value(at,
                  "'{}' has setuid, setgid or sticky bits; a file written from ZooKeeper "
                  "may not (use e.g. 0{:o})",
                  value, mode & 0777);
    return static_cast<mode_t>(mode);
}

void set_hosts(Config& config, const std::string& value, const Origin& at) {
    if (auto problem = zk::connect_string_problem(value); !problem.empty())
        bad_value(at, "'{}': {}", value, problem);
    config.hosts = zk::normalized_connect_string(value);
}

void set_credentials(Config& config, const std::string& value, const Origin& at) {
    config.credentials.clear();
    for (auto item : text::split(value, ',')) {
        item = text::trim(item);
        if (item.empty())
            bad_value(at, "has an empty entry (expected comma-separated secret paths)");
        config.credentials.emplace_back(item);
    }
}

void set_timeout(Config& config, const std::string& value, const Origin& at) {
    config.timeout = positive_timespan(value, at);
}

void set_read_only(Config& config, const std::string& value, const Origin& at) {
    config.read_only = boolean(value, at);
}

void set_secrets_path(Config& config, const std::string& value, const Origin& at) {
    config.secrets_path = absolute_path(value, at);
}

void set_secrets_provider(Config& config, const std::string& value, const Origin& at) {
    if (value == "vault")
        config.secrets_provider = SecretsProvider::vault;
    else if (value == "vault_csi")
        config.secrets_provider = SecretsProvider::vault_csi;
    else
        bad_value(at, "'{}' is not one of vault, vault_csi", value);
}

void set_heartbeat(Config& config, const std::string& value, const Origin& at) {
    config.heartbeat = positive_timespan(value, at);
}

void set_fsync(Config& config, const std::string& value, const Origin& at) {
    config.fsync = boolean(value, at);
}

void set_max_object_bytes(Config& config, const std::string& value, const Origin& at) {
    auto bytes = parse_byte_size(value);
    if (!bytes)
        bad_value(at, "'{}' is not a size (expected e.g. '1 GiB', '500 MiB' or a number of bytes)",
                  value);
    config.max_object_bytes = *bytes;
}

void set_write_confirm(Config& config, const std::string& value, const Origin& at) {
    config.write_confirm = boolean(value, at);
}

void set_metrics_file(Config& config, const std::string& value, const Origin& at) {
    config.metrics_file = absolute_file_path(value, at).string();
}

void set_metrics_interval(Config& config, const std::string& value, const Origin& at) {
    config.metrics_interval = positive_timespan(value, at);
}

void set_source(NodeConfig& node, const std::string& value, const Origin& at) {
    if (auto problem = zk::path_problem(value); !problem.empty())
        bad_value(at, "'{}' is not a valid znode path: {}", value, problem);
    node.source = value;
}

void set_dest(NodeConfig& node, const std::string& value, const Origin& at) {
    node.dest = absolute_file_path(value, at).string();
}

void set_owner(NodeConfig& node, const std::string& value, const Origin& at) {
    node.owner = accounts::lookup_user(value);
    if (!node.owner)
        bad_value(at, "unknown user '{}'", value);
}

void set_group(NodeConfig& node, const std::string& value, const Origin& at) {
    node.group = accounts::lookup_group(value);
    if (!node.group)
        bad_value(at, "unknown group '{}'", value);
}

void set_mode(NodeConfig& node, const std::string& value, const Origin& at) {
    node.mode = octal_mode(value, at);
}

void set_on_delete(NodeConfig& node, const std::string& value, const Origin& at) {
    if (value == "keep")
        node.on_delete = OnDelete::keep;
    else if (value == "remove")
        node.on_delete = OnDelete::remove;
    else
        bad_value(at, "'{}' is not one of keep, remove", value);
}

void set_type(NodeConfig& node, const std::string& value, const Origin& at) {
    if (value == "data")
        node.type = NodeType::data;
    else if (value == "children")
        node.type = NodeType::children;
    else if (value == "members")
        node.type = NodeType::members;
    else
        bad_value(at, "'{}' is not one of data, children, members", value);
}

void set_min_children(NodeConfig& node, const std::string& value, const Origin& at) {
    uint32_t count = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), count);
    if (ec != std::errc() || ptr != value.data() + value.size())
        bad_value(at, "'{}' is not a number of children (0 or more)", value);
    node.min_children = count;
}

struct GlobalKey {
    KeyInfo info;
    void (*set)(Config&, const std::string&, const Origin&);
};

struct NodeKey {
    std::string_view field; // the part after nodes.NAME.
    KeyInfo info;
    void (*set)(NodeConfig&, const std::string&, const Origin&);
};

const std::vector<GlobalKey> global_keys{
    {{"zookeeper.hosts", true, "", "Comma-separated HOST:PORT list, optionally /chroot"},
     set_hosts},
    {{"zookeeper.credentials", false, "", "Comma-separated secret paths, each username:password"},
     set_credentials},
    {{"zookeeper.timeout", false, "5 seconds", "Session timeout"}, set_timeout},
    {{"zookeeper.read_only", false, "", "Allow read-only servers (unset: watch yes, others no)"},
     set_read_only},
    {{"secrets.path", false, "/var/local/secrets.json", "The secrets store"}, set_secrets_path},
    {{"secrets.provider", false, "vault", "vault (a JSON file) or vault_csi (a CSI mount)"},
     set_secrets_provider},
    {{"watcher.heartbeat", false, "5 minutes", "How often watch touches every dest's mtime"},
     set_heartbeat},
    {{"watcher.fsync", false, "true", "fsync each file and its directory on write"}, set_fsync},
    {{"watcher.max_object_bytes", false, "1 GiB",
      "Largest S3 object a pointer node may fetch into its dest"},
     set_max_object_bytes},
    {{"watcher.metrics_file", false, "",
      "Where watch and register write Prometheus metrics (unset: nowhere)"},
     set_metrics_file},
    {{"watcher.metrics_interval", false, "15 seconds", "How often the metrics file is written"},
     set_metrics_interval},
    {{"write.confirm", false, "false", "write asks on the terminal before writing"},
     set_write_confirm},
};

const std::vector<NodeKey> node_keys{
    {"source", {"nodes.NAME.source", true, "", "The znode to mirror"}, set_source},
    {"dest", {"nodes.NAME.dest", true, "", "The file that holds the node's data"}, set_dest},
    {"owner", {"nodes.NAME.owner", false, "", "Owner of dest (name or uid)"}, set_owner},
    {"group", {"nodes.NAME.group", false, "", "Group of dest (name or gid)"}, set_group},
    {"mode", {"nodes.NAME.mode", false, "0400", "Permissions of dest (octal)"}, set_mode},
    {"on_delete",
     {"nodes.NAME.on_delete", false, "keep", "keep or remove dest when deleted"},
     set_on_delete},
    {"type",
     {"nodes.NAME.type", false, "data",
      "What dest holds: data, children (a JSON array) or members (one object per server)"},
     set_type},
    {"min_children",
     {"nodes.NAME.min_children", false, "0",
      "children and members: shorter lists are not written"},
     set_min_children},
};

// Keys of [live-data] that the Python sidecar's libraries read but that do not concern
// zklive: accepted and ignored, so that one file serves both.
const std::vector<std::string_view> ignored_keys{
    "secrets.backoff", // how often baseplate's secrets store retries reading the file
};

std::string suggestion(std::string_view key, std::string_view node_name) {
    std::vector<std::string> candidates(ignored_keys.begin(), ignored_keys.end());
    for (const auto& k : global_keys)
        candidates.emplace_back(k.info.key);
    for (const auto& k : node_keys)
        candidates.push_back(
            fmt::format("nodes.{}.{}", node_name.empty() ? "NAME" : node_name, k.field));
    std::string best;
    std::size_t best_distance = 3; // further than this is not a typo
    for (const auto& candidate : candidates) {
        auto distance = text::edit_distance(key, candidate);
        if (distance < best_distance)
            best_distance = distance, best = candidate;
    }
    return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

bool is_valid_node_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.';
    });
}

// Most dests are already normal; only the others pay for a std::filesystem::path.
bool is_lexically_normal(std::string_view path) {
    for (std::size_t start = 1; start <= path.size();) {
        auto end = std::min(path.find('/', start), path.size());
        auto part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..")
            return false;
        start = end + 1;
    }
    return true;
}

void check_complete(const Config& config, const std::filesystem::path& source,
                    const std::vector<bool>& global_set) {
    for (std::size_t i = 0; i < global_keys.size(); ++i) {
        if (global_keys[i].info.required && !global_set[i])
            throw config_error("{}: missing required key {} (in a [{}] section or at the top)",
                               source.string(), global_keys[i].info.key, section_name);
    }
    // Views into the nodes' own dests; normalized copies only for the few that need one.
    std::deque<std::string> normalized;
    std::unordered_map<std::string_view, const std::string*> dest_owner;
    dest_owner.reserve(config.nodes.size());
    for (const auto& node : config.nodes) {
        if (node.source.empty())
            throw config_error("{}:{}: node '{}' has no nodes.{}.source", source.string(),
                               node.line, node.name, node.name);
        if (node.dest.empty())
            throw config_error("{}:{}: node '{}' has no nodes.{}.dest", source.string(), node.line,
                               node.name, node.name);
        if (node.min_children > 0 && node.type == NodeType::data)
            throw config_error("{}:{}: nodes.{}.min_children applies to a list: set nodes.{}.type "
                               "= children or members",
                               source.string(), node.line, node.name, node.name);
        std::string_view dest = node.dest;
        if (!is_lexically_normal(dest))
            dest = normalized.emplace_back(std::filesystem::path(dest).lexically_normal().string());
        auto [it, inserted] = dest_owner.emplace(dest, &node.name);
        if (!inserted)
            throw config_error("{}:{}: nodes '{}' and '{}' both write {}", source.string(),
                               node.line, *it->second, node.name, node.dest);
    }
}

// Builds a Config from the keys of [live-data] and those it inherits from [DEFAULT]. Keys
// written in the section must be known; inherited ones zklive does not know are another
// program's, and apply only where the section leaves them unset.
class ConfigBuilder {
  public:
    ConfigBuilder(const std::filesystem::path& source, const EnvLookup& environment)
        : source_(source), environment_(environment), global_set_(global_keys.size()) {
        config_.path = source;
    }

    void add(const IniEntry& entry, ItemOrigin origin) {
        if (std::find(ignored_keys.begin(), ignored_keys.end(), entry.key) != ignored_keys.end())
            return;
        if (entry.key.starts_with("nodes."))
            add_node_key(entry, origin);
        else
            add_global_key(entry, origin);
    }

    Config finish() {
        config_.nodes = nodes_.take();
        check_complete(config_, source_, global_set_);
        return std::move(config_);
    }

  private:
    void add_global_key(const IniEntry& entry, ItemOrigin origin) {
        Origin at{source_, entry.line, entry.key};
        auto key = std::find_if(global_keys.begin(), global_keys.end(),
                                [&](const GlobalKey& k) { return k.info.key == entry.key; });
        if (key == global_keys.end()) {
            if (origin == ItemOrigin::own)
                bad_value(at, "unknown key{}", suggestion(entry.key, ""));
            return;
        }
        auto index = static_cast<std::size_t>(key - global_keys.begin());
        if (global_set_[index]) {
            if (origin == ItemOrigin::own)
                bad_value(at, "set twice (at the top and in [{}])", section_name);
            return;
        }
        global_set_[index] = true;
        auto value = expanded_value(entry, at);
        // An empty value of an optional key leaves its default, as baseplate's Optional does.
        if (!value.empty() || key->info.required)
            key->set(config_, value, at);
    }

    void add_node_key(const IniEntry& entry, ItemOrigin origin) {
        Origin at{source_, entry.line, entry.key};
        std::string_view rest =
            std::string_view(entry.key).substr(std::string_view("nodes.").size());
        auto dot = rest.rfind('.');
        std::string_view name = dot == std::string_view::npos ? "" : rest.substr(0, dot);
        std::string_view field = dot == std::string_view::npos ? rest : rest.substr(dot + 1);
        auto key = std::find_if(node_keys.begin(), node_keys.end(),
                                [&](const NodeKey& k) { return k.field == field; });
        if (name.empty() || key == node_keys.end()) {
            if (origin == ItemOrigin::own)
                bad_value(at, "unknown key{}", suggestion(entry.key, name));
            return;
        }
        if (!is_valid_node_name(name))
            bad_value(at, "node name '{}' may only contain letters, digits, '_', '-' and '.'",
                      name);
        auto index = static_cast<std::size_t>(key - node_keys.begin());
        if (origin == ItemOrigin::inherited && nodes_.is_set(name, index))
            return;
        auto& node = nodes_.node(name, entry.line);
        if (!nodes_.first_time(index))
            bad_value(at, "set twice (at the top and in [{}])", section_name);
        auto value = expanded_value(entry, at);
        if (!value.empty() || key->info.required)
            key->set(node, value, at);
    }

    std::string expanded_value(const IniEntry& entry, const Origin& at) {
        auto expanded = expand_variables(entry.value, environment_);
        if (!expanded.missing_variable.empty())
            bad_value(at, "environment variable {} is not set", expanded.missing_variable);
        return std::move(expanded.value);
    }

    const std::filesystem::path& source_;
    const EnvLookup& environment_;
    Config config_;
    NodeCollector nodes_;
    std::vector<bool> global_set_;
};

} // namespace

const std::vector<KeyInfo>& known_keys() {
    static const std::vector<KeyInfo> keys = [] {
        std::vector<KeyInfo> all;
        for (const auto& k : global_keys)
            all.push_back(k.info);
        for (const auto& k : node_keys)
            all.push_back(k.info);
        return all;
    }();
    return keys;
}

Config parse_config(std::string_view text, const std::filesystem::path& source_name,
                    const EnvLookup& environment) {
    ConfigBuilder builder(source_name, environment);
    // Entry by entry as the reader finds them: nothing of the text is held twice.
    read_live_data_items(text, source_name.string(), [&](const IniEntry& entry, ItemOrigin origin) {
        builder.add(entry, origin);
    });
    return builder.finish();
}

Config load_config(const std::filesystem::path& path, const EnvLookup& environment) {
    auto text = file_io::read_file(path);
    if (!text)
        throw config_error("cannot read config file {}: {}", path.string(), text.error().reason());
    return parse_config(*text, path, environment);
}

} // namespace zklive::config
