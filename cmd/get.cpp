// zklive get: print a node's data exactly, optionally with its metadata.
#include "command.hpp"
#include "connection.hpp"
#include "output.hpp"
#include "znode_argument.hpp"

#include "zklive/util/base64.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/stat.hpp"

#include <zookeeper/zookeeper.h>

namespace zklive::cmd {
namespace {

struct GetOptions {
    ConnectionOptions connection;
    bool stat = false;
    bool json = false;
};

int run_get(const GetOptions& options) {
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    auto session = open_session(target);
    auto node = session->get(path);
    if (!node)
        throw zk::request_failed(path, ZNONODE);

    if (options.json) {
        bool text = text::looks_like_text(node->data);
        nlohmann::json out{
            {"path", path},
            {"encoding", text ? "utf-8" : "base64"},
            {"data", text ? node->data : base64::encode(node->data)},
            {"stat", zk::stat_json(node->stat)},
        };
        print_json(out);
        return 0;
    }
    write_stdout(node->data);
    if (options.stat) {
        if (!node->data.empty() && node->data.back() != '\n')
            write_stdout("\n");
        write_stdout(zk::stat_text(node->stat));
    }
    return 0;
}

} // namespace

Runner declare_get(CLI::App& app) {
    auto options = std::make_shared<GetOptions>();
    add_connection_options(app, options->connection, {{"ZNODE"}});
    app.add_flag("--stat", options->stat,
                 "After the data, print version, mzxid, mtime, data length and children");
    app.add_flag("--json", options->json,
                 "Print one JSON object: path, encoding (utf-8 or base64), data, stat");
    return [options] { return run_get(*options); };
}

} // namespace zklive::cmd
