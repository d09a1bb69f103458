// SPDX-License-Identifier: Apache-2.0
#include "expected_content.hpp"

#include "zklive/fetch/resolve.hpp"
#include "zklive/registry/member.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace zklive::cmd {
namespace {

// The watcher writes the object an S3 pointer names, else the data.
std::string file_content_for(std::string data, const config::Config& config) {
    if (!fetch::may_be_pointer(data))
        return data;
    auto client = fetch::S3Client::from_environment(config.max_object_bytes);
    fetch::StringSink object;
    fetch::resolve(data, *client, object);
    return object.data();
}

std::optional<std::vector<std::string>> children_of(zk::Session& session, const std::string& path) {
    try {
        return session.children(path);
    } catch (const zk::ZkError& e) {
        if (e.rc() == ZNONODE)
            return std::nullopt;
        throw;
    }
}

} // namespace

std::optional<ExpectedContent> expected_content(zk::Session& session,
                                                const config::NodeConfig& node,
                                                const config::Config& config) {
    if (node.type == config::NodeType::data) {
        auto current = session.get(node.source);
        if (!current)
            return std::nullopt;
        return ExpectedContent{file_content_for(std::move(current->data), config)};
    }
    auto names = children_of(session, node.source);
    if (!names)
        return std::nullopt;
    if (node.type == config::NodeType::children)
        return ExpectedContent{registry::render_children(*names), names->size()};
    std::vector<nlohmann::ordered_json> members;
    for (const auto& name : *names) {
        // A member that left between the listing and its read is not listed, as by the watcher.
        if (auto member = session.get(zk::join_path(node.source, name)))
            members.push_back(registry::read_member(name, member->data));
    }
    return ExpectedContent{registry::render_members(members), members.size()};
}

} // namespace zklive::cmd
