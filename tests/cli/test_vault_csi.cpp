// SPDX-License-Identifier: Apache-2.0
// secrets.provider = vault_csi: credentials from a Vault CSI mount, as the Python sidecar reads
// them, and rotations of that mount: a running watcher takes the new secret on SIGHUP, and a
// new session after an expiry authenticates with it.
#include "watcher.hpp"

#include "support/vault_csi_mount.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <optional>
#include <thread>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

const std::string old_password = "Old-4Tq-canary-17";
const std::string new_password = "New-8Wz-canary-29";

VaultCsiMount::Secrets zk_secret(const std::string& password) {
    return {{"secret/zk/digest", simple_secret("svc:" + password)}};
}

// A config that authenticates with secret/zk/digest from the mount at `root`.
std::string csi_keys(const fs::path& root) {
    return "zookeeper.credentials = secret/zk/digest\n"
           "secrets.provider = vault_csi\n"
           "secrets.path = " +
           root.string() + "\n";
}

// Creates `source` readable only by svc with `password` (create-node --acl private).
void create_private_node(const Sandbox& sb, const std::string& source, const std::string& data,
                         const std::string& password) {
    VaultCsiMount owner(sb.dir() / "owner-csi", zk_secret(password));
    auto config = sb.write_config(csi_keys(owner.root()), true, "owner.ini");
    auto r = sb.zklive({"create-node", config.string(), source, "--acl", "private", "-"}, data);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

bool shows_a_password(const std::string& text) {
    return text.find(old_password) != std::string::npos ||
           text.find(new_password) != std::string::npos;
}

} // namespace

TEST_CASE("vault_csi: commands authenticate with the secret under ..data, and errors name the "
          "mount and the secret",
          "[vault_csi][credentials]") {
    Sandbox sb;
    auto source = sb.node("private");
    auto dest = sb.dir() / "private.txt";
    create_private_node(sb, source, "only for svc", new_password);
    VaultCsiMount mount(sb.dir() / "csi", zk_secret(new_password));
    auto config = sb.write_config(csi_keys(mount.root()) + node_keys("p", source, dest));

    auto get = sb.zklive({"get", config.string(), source});
    CHECK(get.exit_code == 0);
    CHECK(get.out == "only for svc");
    auto once = sb.zklive({"watch", "--once", config.string()});
    CHECK(once.exit_code == 0);
    CHECK(read_file(dest) == "only for svc");

    auto missing = sb.write_config("zookeeper.credentials = secret/zk/other\n"
                                   "secrets.provider = vault_csi\nsecrets.path = " +
                                       mount.root().string() + "\n",
                                   true, "missing.ini");
    auto r = sb.zklive({"get", missing.string(), source});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: secret secret/zk/other not found in Vault CSI mount " +
                       mount.root().string() + "\n");

    // The secrets file of the other provider is no mount.
    auto file = sb.write_file("secrets.json", R"({"secrets": {}})");
    auto not_mount = sb.write_config("zookeeper.credentials = secret/zk/digest\n"
                                     "secrets.provider = vault_csi\nsecrets.path = " +
                                         file.string() + "\n",
                                     true, "file.ini");
    r = sb.zklive({"get", not_mount.string(), source});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("secrets.path " + file.string() + " is not a directory") != std::string::npos);
    CHECK_FALSE(shows_a_password(get.err + once.err + r.err));
}

namespace {

// A watcher authenticating with the old secret of a mount, for a node that only the new secret
// may read: it syncs the node once it uses the new secret.
struct RotationScenario {
    explicit RotationScenario(const std::string& extra_config = {})
        : source(sb.node("rotated")), dest(sb.dir() / "rotated.txt"),
          mount(sb.dir() / "csi", zk_secret(old_password)) {
        create_private_node(sb, source, "v1", new_password);
        config =
            sb.write_config(extra_config + csi_keys(mount.root()) + node_keys("r", source, dest));
        watcher.emplace(sb, config);
        REQUIRE(watcher->wait_for_log("cannot sync " + dest.string() + " from " + source +
                                      ": permission denied"));
        REQUIRE_FALSE(fs::exists(dest));
    }

    Sandbox sb;
    std::string source;
    fs::path dest;
    VaultCsiMount mount;
    fs::path config;
    std::optional<RunningWatcher> watcher;
};

} // namespace

TEST_CASE("vault_csi: after a rotation of the mount, SIGHUP makes the watcher authenticate "
          "with the new secret",
          "[vault_csi][credentials][watch]") {
    RotationScenario scenario;
    auto& watcher = *scenario.watcher;
    scenario.mount.publish(zk_secret(new_password));
    watcher.process().signal(SIGHUP);
    CHECK(watcher.wait_for_log("ZooKeeper settings changed; starting a new session"));
    CHECK(wait_for_content(scenario.dest, "v1"));
    CHECK(watcher.process().running());
    REQUIRE(watcher.stop());
    CHECK_FALSE(shows_a_password(watcher.log()));
}

TEST_CASE("vault_csi: a session that expires after a rotation is replaced by one that "
          "authenticates with the new secret, without a reload",
          "[vault_csi][credentials][watch]") {
    RotationScenario scenario("zookeeper.timeout = 2 seconds\n");
    auto& watcher = *scenario.watcher;
    scenario.mount.publish(zk_secret(new_password));
    // Frozen past its session timeout: the server expires the session meanwhile.
    watcher.process().signal(SIGSTOP);
    std::this_thread::sleep_for(std::chrono::seconds(5));
    watcher.process().signal(SIGCONT);

    CHECK(watcher.wait_for_log("session expired", std::chrono::seconds(30)));
    CHECK(watcher.wait_for_log(
        "the credentials in the secrets store changed; the new session uses them"));
    CHECK(wait_for_content(scenario.dest, "v1"));
    CHECK(watcher.count_in_log("reloaded") == 0);
    REQUIRE(watcher.stop());
    CHECK_FALSE(shows_a_password(watcher.log()));
}
