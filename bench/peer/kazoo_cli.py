#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The reference peer's one-shot commands for bench/run, as the Python writer CLI does them
with python3-kazoo: connect, then

    kazoo_cli.py get CONFIG ZNODE          print the node's data
    kazoo_cli.py write CONFIG FILE ZNODE   read the node, then set FILE's bytes with its
                                           version (compare-and-set), unless they are equal

CONFIG is the INI of `zklive watch` (only zookeeper.hosts and zookeeper.timeout are used).
Run it with /usr/bin/python3, which has Debian's kazoo.
"""

import os
import sys

from kazoo.client import KazooClient

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kazoo_watcher import read_config, seconds  # noqa: E402


def main():
    args = sys.argv[1:]
    if not (len(args) == 3 and args[0] == "get") and not (len(args) == 4 and args[0] == "write"):
        sys.exit(__doc__)
    keys, _ = read_config(args[1])
    client = KazooClient(hosts=keys["zookeeper.hosts"],
                         timeout=seconds(keys.get("zookeeper.timeout", "5 seconds")))
    client.start()
    try:
        if args[0] == "get":
            data, _ = client.get(args[2])
            sys.stdout.buffer.write(data)
        else:
            with open(args[2], "rb") as f:
                new = f.read()
            current, stat = client.get(args[3])
            if current != new:
                client.set(args[3], new, version=stat.version)
    finally:
        client.stop()
        client.close()


if __name__ == "__main__":
    main()
