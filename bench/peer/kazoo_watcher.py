#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The reference peer of bench/run: a minimal watcher in the manner of the Python live-data
sidecar that zklive replaces. python3-kazoo (Debian), one DataWatch per node, each change
written to a temp file in the dest's directory and renamed over the dest; with
watcher.fsync (the default) the file and the directory are fsynced, as zklive does.

It reads the same INI config as `zklive watch` (the keys the benchmark uses: zookeeper.hosts,
zookeeper.timeout, watcher.fsync, nodes.NAME.source, nodes.NAME.dest, nodes.NAME.mode), says
READY=1 to $NOTIFY_SOCKET once every node was read and written, and runs until SIGTERM.

Run it with /usr/bin/python3: Debian's kazoo is not on other interpreters' paths.
"""

import configparser
import logging
import os
import signal
import socket
import sys
import tempfile
import threading

from kazoo.client import KazooClient
from kazoo.recipe.watchers import DataWatch


def read_config(path):
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",),
                                       comment_prefixes=("#", ";"), strict=False)
    parser.optionxform = str  # keys are case-sensitive
    with open(path, encoding="utf-8") as f:
        # zklive also accepts keys before any section.
        parser.read_string("[__top__]\n" + f.read())
    keys = {}
    for section in ("__top__", "live-data"):
        if parser.has_section(section):
            keys.update(parser.items(section))
    nodes = {}
    for key, value in keys.items():
        if key.startswith("nodes."):
            name, _, field = key[len("nodes."):].rpartition(".")
            nodes.setdefault(name, {})[field] = value
    return keys, nodes


def seconds(timespan):
    number, _, unit = timespan.strip().partition(" ")
    scale = {"millisecond": 0.001, "second": 1, "minute": 60}
    for prefix, factor in scale.items():
        if unit.startswith(prefix):
            return float(number) * factor
    raise ValueError(f"timespan {timespan!r} not understood")


def notify_ready():
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.sendto(b"READY=1", address)


def write_atomically(dest, data, mode, durable):
    directory = os.path.dirname(dest)
    fd, temp = tempfile.mkstemp(prefix="." + os.path.basename(dest) + ".peer-", dir=directory)
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if durable:
            os.fsync(fd)
        os.close(fd)
        fd = -1
        os.rename(temp, dest)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        os.unlink(temp)
        raise
    if durable:
        dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: kazoo_watcher.py CONFIG")
    logging.basicConfig(level=logging.WARNING, format="kazoo_watcher: %(message)s")
    keys, nodes = read_config(sys.argv[1])
    durable = keys.get("watcher.fsync", "true").strip().lower() == "true"
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    client = KazooClient(hosts=keys["zookeeper.hosts"],
                         timeout=seconds(keys.get("zookeeper.timeout", "5 seconds")))
    client.start()

    def watcher(dest, mode):
        def on_change(data, stat):
            if data is None:
                return  # missing node: nothing to write
            try:
                write_atomically(dest, data, mode, durable)
            except OSError as e:
                logging.warning("cannot write %s: %s", dest, e)
        return on_change

    watches = []
    for node in nodes.values():
        dest = node["dest"]
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        # DataWatch reads the node (and writes it) before it returns.
        watches.append(DataWatch(client, node["source"],
                                 watcher(dest, int(node.get("mode", "0400"), 8))))
    notify_ready()
    while not stop.wait(3600):
        pass
    client.stop()
    client.close()


if __name__ == "__main__":
    main()
