// SPDX-License-Identifier: Apache-2.0
// Apache Curator's ServiceDiscovery, the reference client for zklive's curator format:
//
//   CuratorProbe discover HOSTS BASEPATH NAME
//       prints each instance of service NAME as one JSON line (sorted by id): name, id,
//       address, port, sslPort, payload, registrationTimeUTC, serviceType, uri
//   CuratorProbe register HOSTS BASEPATH NAME ADDRESS PORT [KEY=VALUE]...
//       registers an instance (its payload a map of the KEY=VALUE pairs), prints
//       "registered ID", and keeps it until standard input closes
//
// Exit status: 0 done, 1 ZooKeeper or Curator failed (the exception on stderr), 2 usage.

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;

public final class CuratorProbe {
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final int CONNECT_TIMEOUT_S = 15;

    public static void main(String[] args) {
        try {
            if (args.length == 4 && args[0].equals("discover")) {
                discover(args[1], args[2], args[3]);
            } else if (args.length >= 6 && args[0].equals("register")) {
                register(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]),
                         payload(args, 6));
            } else {
                usage();
            }
        } catch (NumberFormatException e) {
            usage();
        } catch (Exception e) {
            System.err.println("CuratorProbe: " + e);
            System.exit(1);
        }
        System.exit(0); // Curator's and ZooKeeper's threads would keep the JVM alive
    }

    private static void usage() {
        System.err.println("usage: CuratorProbe discover HOSTS BASEPATH NAME\n"
                           + "       CuratorProbe register HOSTS BASEPATH NAME ADDRESS PORT "
                           + "[KEY=VALUE]...");
        System.exit(2);
    }

    private static Map<String, Object> payload(String[] args, int first) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = first; i < args.length; ++i) {
            int equals = args[i].indexOf('=');
            if (equals <= 0)
                usage();
            payload.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return payload;
    }

    private static CuratorFramework connect(String hosts) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.newClient(
            hosts, SESSION_TIMEOUT_MS, CONNECT_TIMEOUT_S * 1000, new RetryNTimes(3, 500));
        client.start();
        if (!client.blockUntilConnected(CONNECT_TIMEOUT_S, TimeUnit.SECONDS))
            throw new IllegalStateException("no connection to ZooKeeper at " + hosts);
        return client;
    }

    // The payload as Curator's users commonly declare it: any JSON value (a map for objects).
    private static ServiceDiscovery<Object> discovery(CuratorFramework client, String basePath)
        throws Exception {
        ServiceDiscovery<Object> discovery = ServiceDiscoveryBuilder.builder(Object.class)
                                                 .client(client)
                                                 .basePath(basePath)
                                                 .serializer(new JsonInstanceSerializer<>(Object.class))
                                                 .build();
        discovery.start();
        return discovery;
    }

    private static void discover(String hosts, String basePath, String name) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (CuratorFramework client = connect(hosts);
             ServiceDiscovery<Object> discovery = discovery(client, basePath)) {
            List<ServiceInstance<Object>> instances =
                new ArrayList<>(discovery.queryForInstances(name));
            instances.sort(Comparator.comparing(ServiceInstance::getId));
            for (ServiceInstance<Object> instance : instances)
                System.out.println(json.writeValueAsString(described(instance)));
        }
    }

    private static Map<String, Object> described(ServiceInstance<Object> instance) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", instance.getName());
        out.put("id", instance.getId());
        out.put("address", instance.getAddress());
        out.put("port", instance.getPort());
        out.put("sslPort", instance.getSslPort());
        out.put("payload", instance.getPayload());
        out.put("registrationTimeUTC", instance.getRegistrationTimeUTC());
        out.put("serviceType", instance.getServiceType().name());
        out.put("uri", instance.getUriSpec() == null ? null : instance.buildUriSpec());
        return out;
    }

    private static void register(String hosts, String basePath, String name, String address,
                                 int port, Map<String, Object> payload) throws Exception {
        try (CuratorFramework client = connect(hosts);
             ServiceDiscovery<Object> discovery = discovery(client, basePath)) {
            ServiceInstance<Object> instance = ServiceInstance.builder()
                                                   .name(name)
                                                   .address(address)
                                                   .port(port)
                                                   .payload(payload)
                                                   .build();
            discovery.registerService(instance);
            System.out.println("registered " + instance.getId());
            System.out.flush();
            waitForEndOfInput(System.in);
            discovery.unregisterService(instance);
        }
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
        }
    }
}
