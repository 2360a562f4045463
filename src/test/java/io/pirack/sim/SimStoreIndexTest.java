package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal rack's store finds objects through its index ({@link StoreIndex}) and answers exactly what
 * fabric8's dispatcher answers when it matches every object stored: the same requests, sent to both, get the
 * same status and the same body, byte for byte (only the random uids and the wall-clock stamp of a create's
 * own answer differ).
 */
class SimStoreIndexTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    private static final Pattern UID = Pattern.compile("\"uid\":\"[0-9a-f-]{36}\"");
    private static final Pattern CREATED = Pattern.compile("\"creationTimestamp\":\"[^\"]*\"");
    private static final Pattern NON_EMPTY_LIST = Pattern.compile("\"items\"\\s*:\\s*\\[\\s*\\{");
    private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    private final SimStore indexedStore = new SimStore(CLOCK);
    private final SimStoreServer indexed = new SimStoreServer(indexedStore);
    private final SimStoreServer scanning = new SimStoreServer(SimStore.scanning(CLOCK));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        indexed.close();
        scanning.close();
    }

    /** One kind's collection path in a namespace ({@code null} for a cluster-scoped kind). */
    private record Kind(String kind, String apiVersion, String prefix, String plural, boolean namespaced) {
        String collection(String namespace) {
            return prefix + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural;
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("Pod", "v1", "/api/v1", "pods", true),
            new Kind("ConfigMap", "v1", "/api/v1", "configmaps", true),
            new Kind("Node", "v1", "/api/v1", "nodes", false),
            new Kind("Deployment", "apps/v1", "/apis/apps/v1", "deployments", true),
            // the same plural in two groups: a core list must not mix them up any differently than the scan
            new Kind("Event", "v1", "/api/v1", "events", true),
            new Kind("Event", "events.k8s.io/v1", "/apis/events.k8s.io/v1", "events", true));
    private static final List<String> NAMESPACES = List.of("a", "b");
    private static final List<String> NAMES = List.of("rpi1", "rpi2", "rpi3", "web-0", "web-1");

    @Test
    void aSeededRunOfCreatesPatchesAndDeletesAcrossKindsIsAnsweredAsTheFullScanAnswersIt() throws Exception {
        Random random = new Random(20261206L);
        int notFound = 0;
        int conflicts = 0;
        int refused = 0;
        int listed = 0;
        int unindexedGets = 0;
        for (int step = 0; step < 1500; step++) {
            Kind kind = KINDS.get(random.nextInt(KINDS.size()));
            String namespace = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
            String name = NAMES.get(random.nextInt(NAMES.size()));
            String collection = kind.collection(namespace);
            String one = collection + "/" + name;
            int op = random.nextInt(100);
            Request request;
            if (op < 28) {
                request = new Request("POST", collection, "application/json", body(kind, namespace, name, random));
            } else if (op < 40) {
                // "*" equals any name in the dispatcher's matching; a path naming no resource lists every object
                int odd = random.nextInt(20);
                unindexedGets += odd == 1 ? 1 : 0;
                request = new Request("GET", odd == 0 ? collection + "/*" : odd == 1 ? "/api" : one, null, null);
            } else if (op < 55) {
                request = new Request("GET", list(kind, namespace, random), null, null);
            } else if (op < 66) {
                request = new Request("PATCH", one, "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"tier\":\"" + (random.nextBoolean() ? "web" : "db") + "\"}},\"data\":{\"n\":\""
                                + random.nextInt(1000) + "\"}}");
            } else if (op < 72) {
                String test = random.nextBoolean() ? "{\"op\":\"test\",\"path\":\"/metadata/labels/tier\",\"value\":\""
                        + (random.nextBoolean() ? "web" : "gone") + "\"}," : "";
                request = new Request("PATCH", one, "application/json-patch+json",
                        "[" + test + "{\"op\":\"add\",\"path\":\"/metadata/labels/app\",\"value\":\"x" + random.nextInt(3) + "\"}]");
            } else if (op < 76) {
                request = new Request("PATCH", one + "/status", "application/merge-patch+json",
                        "{\"status\":{\"phase\":\"" + (random.nextBoolean() ? "Running" : "Pending") + "\"}}");
            } else if (op < 82) {
                String version = currentVersion(one);
                if (random.nextInt(4) == 0 && version != null) {
                    version = String.valueOf(Long.parseLong(version) - 1); // stale: 409
                }
                request = new Request("PUT", one, "application/json", withVersion(body(kind, namespace, name, random), version));
            } else if (op < 88) {
                // a finalizer goes: the object marked for deletion is removed at last
                request = new Request("PATCH", one, "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
            } else if (op < 97) {
                request = new Request("DELETE", one, null, null);
            } else {
                request = new Request("DELETE", collection + (random.nextBoolean() ? "?labelSelector=tier%3Ddb" : ""), null, null);
            }
            Answer expected = send(scanning, request);
            Answer actual = send(indexed, request);
            assertEquals(expected, actual, "step " + step + ": " + request);
            notFound += expected.code == 404 ? 1 : 0;
            conflicts += expected.code == 409 ? 1 : 0;
            refused += expected.code == 422 ? 1 : 0;
            listed += NON_EMPTY_LIST.matcher(expected.body).find() ? 1 : 0;
        }
        for (Kind kind : KINDS) {
            for (String namespace : NAMESPACES) {
                Request all = new Request("GET", kind.collection(namespace), null, null);
                assertEquals(send(scanning, all), send(indexed, all), "what is left of " + all);
            }
        }
        assertEquals(unindexedGets, indexedStore.fullScans(), "every request naming a resource was answered from the index");
        assertTrue(notFound > 50 && conflicts > 20 && refused > 5 && listed > 100,
                "the run went through the refusals and lists it means to compare: 404 " + notFound + ", 409 " + conflicts
                        + ", 422 " + refused + ", lists with items " + listed);
    }

    @Test
    void aNameDeletedAndCreatedAgainIsFoundAsTheNewObjectAndListedOnce() throws Exception {
        var client = indexed.client();
        client.configMaps().inNamespace("a").resource(configMap("rpi2", "old")).create();
        client.configMaps().inNamespace("b").resource(configMap("rpi2", "other")).create();
        client.configMaps().inNamespace("a").withName("rpi2").delete();
        client.configMaps().inNamespace("a").resource(configMap("rpi2", "new")).create();

        assertEquals("new", client.configMaps().inNamespace("a").withName("rpi2").get().getData().get("v"));
        assertEquals(List.of("new"), client.configMaps().inNamespace("a").list().getItems().stream()
                .map(c -> c.getData().get("v")).toList());
        assertEquals(2, client.configMaps().inAnyNamespace().list().getItems().size());
        assertEquals(List.of("other"), client.configMaps().inAnyNamespace().withLabel("tier", "other").list().getItems().stream()
                .map(c -> c.getData().get("v")).toList(), "label selectors still apply");
        assertEquals(1, client.configMaps().inAnyNamespace().withField("metadata.namespace", "b").list().getItems().size(),
                "field selectors still apply");
    }

    @Test
    void aWatchHearsEachChangeOnceAsAddedModifiedDeleted() throws Exception {
        var client = indexed.client();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (Watch watch = client.configMaps().inNamespace("a").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                heard.add(action + " " + resource.getMetadata().getName() + " " + resource.getData().get("v"));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.configMaps().inNamespace("a").resource(configMap("rpi1", "1")).create();
            client.configMaps().inNamespace("b").resource(configMap("rpi1", "elsewhere")).create();
            client.configMaps().inNamespace("a").withName("rpi1").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
            client.configMaps().inNamespace("a").withName("rpi1").delete();
            client.configMaps().inNamespace("a").resource(configMap("rpi1", "3")).create();

            List<String> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String event = heard.poll(30, TimeUnit.SECONDS);
                assertTrue(event != null, "heard only " + events);
                events.add(event);
            }
            assertEquals(List.of("ADDED rpi1 1", "MODIFIED rpi1 2", "DELETED rpi1 2", "ADDED rpi1 3"), events);
        }
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("tier", value).endMetadata()
                .addToData("v", value).build();
    }

    private static String list(Kind kind, String namespace, Random random) {
        String path = random.nextInt(3) == 0 ? kind.prefix() + "/" + kind.plural() : kind.collection(namespace);
        return switch (random.nextInt(4)) {
            case 0 -> path + "?labelSelector=tier%3Dweb";
            case 1 -> path + "?fieldSelector=metadata.name%3D" + NAMES.get(random.nextInt(NAMES.size()));
            case 2 -> path + "?labelSelector=app";
            default -> path;
        };
    }

    private static String body(Kind kind, String namespace, String name, Random random) {
        String labels = "\"tier\":\"" + (random.nextBoolean() ? "web" : "db") + "\"";
        String finalizers = random.nextInt(6) == 0 ? ",\"finalizers\":[\"pirack.io/keep\"]" : "";
        return "{\"apiVersion\":\"" + kind.apiVersion() + "\",\"kind\":\"" + kind.kind() + "\",\"metadata\":{\"name\":\"" + name + "\""
                + (kind.namespaced() ? ",\"namespace\":\"" + namespace + "\"" : "") + ",\"labels\":{" + labels + "}" + finalizers
                + "},\"data\":{\"n\":\"" + random.nextInt(1000) + "\"}}";
    }

    private static String withVersion(String body, String version) {
        return version == null ? body : body.replaceFirst("\"metadata\":\\{", "\"metadata\":{\"resourceVersion\":\"" + version + "\",");
    }

    private String currentVersion(String path) throws IOException, InterruptedException {
        Answer answer = send(scanning, new Request("GET", path, null, null));
        Matcher m = RESOURCE_VERSION.matcher(answer.body);
        return answer.code == 200 && m.find() ? m.group(1) : null;
    }

    private record Request(String method, String path, String contentType, String body) {
    }

    private record Answer(int code, String body) {
    }

    private Answer send(SimStoreServer server, Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + request.path())).timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        String body = UID.matcher(response.body()).replaceAll("\"uid\":\"-\"");
        if (response.statusCode() == 201) {
            body = CREATED.matcher(body).replaceAll("\"creationTimestamp\":\"-\"");
        }
        return new Answer(response.statusCode(), body);
    }
}
