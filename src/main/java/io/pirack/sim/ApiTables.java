package io.pirack.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Server-side printing ({@code meta.k8s.io/v1} Table) as kube-apiserver does it for kubectl, for the
 * kinds the rack holds, with the columns of upstream's printers and ages counted on the simulated
 * clock (a real API server counts them on its own clock; the rack's is the simulated one).
 */
final class ApiTables {

    private ApiTables() {
    }

    private record Column(String name, String type, String format, int priority) {
        Map<String, Object> definition() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("type", type);
            d.put("format", format);
            d.put("description", name);
            d.put("priority", priority);
            return d;
        }
    }

    private static Column col(String name) {
        return new Column(name, "string", "", 0);
    }

    private static Column wide(String name) {
        return new Column(name, "string", "", 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> table(ApiDiscovery.Resource resource, Map<String, Object> listOrObject, Instant now,
                                     String includeObject, boolean withColumns) {
        List<Object> items = listOrObject.get("items") instanceof List<?> l ? (List<Object>) l : List.of(listOrObject);
        List<Column> columns = columns(resource.kind());
        List<Object> rows = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> o = (Map<String, Object>) item;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cells", cells(resource.kind(), o, now));
            if ("Object".equals(includeObject)) {
                row.put("object", o);
            } else if (!"None".equals(includeObject)) {
                row.put("object", Map.of("kind", "PartialObjectMetadata", "apiVersion", "meta.k8s.io/v1",
                        "metadata", o.getOrDefault("metadata", Map.of())));
            }
            rows.add(row);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        Object metadata = listOrObject.get("metadata");
        table.put("metadata", listOrObject.containsKey("items") && metadata != null ? metadata : Map.of());
        table.put("columnDefinitions", withColumns ? columns.stream().map(Column::definition).toList() : List.of());
        table.put("rows", rows);
        return table;
    }

    private static List<Column> columns(String kind) {
        Column name = new Column("Name", "string", "name", 0);
        return switch (kind) {
            case "Node" -> List.of(name, col("Status"), col("Roles"), col("Age"), col("Version"), wide("Internal-IP"),
                    wide("External-IP"), wide("OS-Image"), wide("Kernel-Version"), wide("Container-Runtime"));
            case "Pod" -> List.of(name, col("Ready"), col("Status"), new Column("Restarts", "string", "", 0), col("Age"),
                    wide("IP"), wide("Node"), wide("Nominated Node"), wide("Readiness Gates"));
            case "Event" -> List.of(col("Last Seen"), col("Type"), col("Reason"), col("Object"), col("Message"),
                    wide("Source"), wide("First Seen"), wide("Count"), new Column("Name", "string", "name", 1));
            case "Deployment" -> List.of(name, col("Ready"), col("Up-to-date"), col("Available"), col("Age"));
            case "ReplicaSet" -> List.of(name, col("Desired"), col("Current"), col("Ready"), col("Age"));
            case "StatefulSet" -> List.of(name, col("Ready"), col("Age"));
            case "DaemonSet" -> List.of(name, col("Desired"), col("Current"), col("Ready"), col("Up-to-date"),
                    col("Available"), col("Node Selector"), col("Age"));
            case "Lease" -> List.of(name, col("Holder"), col("Age"));
            case "Namespace" -> List.of(name, col("Status"), col("Age"));
            default -> List.of(name, new Column("Created At", "date", "", 0));
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cells(String kind, Map<String, Object> o, Instant now) {
        Map<String, Object> meta = map(o.get("metadata"));
        Map<String, Object> spec = map(o.get("spec"));
        Map<String, Object> status = map(o.get("status"));
        String name = String.valueOf(meta.get("name"));
        String age = age(meta.get("creationTimestamp"), now);
        return switch (kind) {
            case "Node" -> {
                Map<String, Object> info = map(status.get("nodeInfo"));
                List<String> roles = new ArrayList<>(new TreeSet<>(map(meta.get("labels")).keySet().stream()
                        .filter(k -> k.startsWith("node-role.kubernetes.io/"))
                        .map(k -> k.substring("node-role.kubernetes.io/".length())).toList()));
                yield List.of(name, nodeStatus(spec, status), roles.isEmpty() ? "<none>" : String.join(",", roles), age,
                        str(info.get("kubeletVersion")), address(status, "InternalIP"), address(status, "ExternalIP"),
                        str(info.get("osImage")), str(info.get("kernelVersion")), str(info.get("containerRuntimeVersion")));
            }
            case "Pod" -> {
                List<Object> containers = list(spec.get("containers"));
                List<Object> statuses = list(status.get("containerStatuses"));
                long ready = statuses.stream().filter(s -> Boolean.TRUE.equals(map(s).get("ready"))).count();
                long restarts = statuses.stream().mapToLong(s -> ((Number) map(s).getOrDefault("restartCount", 0)).longValue()).sum();
                yield List.of(name, ready + "/" + containers.size(), podStatus(meta, status, statuses), restarts, age,
                        str(status.get("podIP"), "<none>"), str(spec.get("nodeName"), "<none>"), "<none>", "<none>");
            }
            case "Event" -> {
                Map<String, Object> involved = map(o.containsKey("regarding") ? o.get("regarding") : o.get("involvedObject"));
                Object last = firstNonNull(o.get("lastTimestamp"), o.get("eventTime"), o.get("deprecatedLastTimestamp"),
                        meta.get("creationTimestamp"));
                Object first = firstNonNull(o.get("firstTimestamp"), o.get("eventTime"), meta.get("creationTimestamp"));
                Map<String, Object> source = map(o.get("source"));
                String component = str(firstNonNull(source.get("component"), o.get("reportingController"),
                        o.get("reportingComponent")));
                Object count = firstNonNull(o.get("count"), map(o.get("series")).get("count"), 1);
                yield List.of(age(last, now), str(o.get("type")), str(o.get("reason")),
                        str(involved.get("kind")).toLowerCase(java.util.Locale.ROOT) + "/" + str(involved.get("name")),
                        str(firstNonNull(o.get("message"), o.get("note"))), component, age(first, now), count, name);
            }
            case "Deployment" -> List.of(name, num(status.get("readyReplicas")) + "/" + num(spec.get("replicas")),
                    num(status.get("updatedReplicas")), num(status.get("availableReplicas")), age);
            case "ReplicaSet" -> List.of(name, num(spec.get("replicas")), num(status.get("replicas")),
                    num(status.get("readyReplicas")), age);
            case "StatefulSet" -> List.of(name, num(status.get("readyReplicas")) + "/" + num(spec.get("replicas")), age);
            case "DaemonSet" -> List.of(name, num(status.get("desiredNumberScheduled")), num(status.get("currentNumberScheduled")),
                    num(status.get("numberReady")), num(status.get("updatedNumberScheduled")), num(status.get("numberAvailable")),
                    "<none>", age);
            case "Lease" -> List.of(name, str(spec.get("holderIdentity"), "<unknown>"), age);
            case "Namespace" -> List.of(name, str(status.get("phase"), "Active"), age);
            default -> List.of(name, str(meta.get("creationTimestamp")));
        };
    }

    private static String nodeStatus(Map<String, Object> spec, Map<String, Object> status) {
        String ready = "Unknown";
        for (Object c : list(status.get("conditions"))) {
            if ("Ready".equals(map(c).get("type"))) {
                ready = str(map(c).get("status"));
            }
        }
        String text = "True".equals(ready) ? "Ready" : "NotReady";
        return Boolean.TRUE.equals(spec.get("unschedulable")) ? text + ",SchedulingDisabled" : text;
    }

    private static String podStatus(Map<String, Object> meta, Map<String, Object> status, List<Object> statuses) {
        String reason = str(status.get("phase"), "Pending");
        if (status.get("reason") != null) {
            reason = str(status.get("reason"));
        }
        for (Object s : statuses) {
            Map<String, Object> state = map(map(s).get("state"));
            Map<String, Object> waiting = map(state.get("waiting"));
            if (waiting.get("reason") != null) {
                reason = str(waiting.get("reason"));
            }
        }
        if (meta.get("deletionTimestamp") != null) {
            // kubectl's printer: "Unknown" for a pod on an unreachable node, else "Terminating".
            return "NodeLost".equals(status.get("reason")) ? "Unknown" : "Terminating";
        }
        return reason;
    }

    private static String address(Map<String, Object> status, String type) {
        for (Object a : list(status.get("addresses"))) {
            if (type.equals(map(a).get("type"))) {
                return str(map(a).get("address"));
            }
        }
        return "<none>";
    }

    /** Upstream's duration.HumanDuration, on the simulated clock. */
    static String age(Object timestamp, Instant now) {
        if (timestamp == null) {
            return "<unknown>";
        }
        Instant then;
        try {
            then = ZonedDateTime.parse(String.valueOf(timestamp)).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return "<unknown>";
        }
        return humanDuration(Duration.between(then, now));
    }

    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    private static Object firstNonNull(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String str(Object o, String orElse) {
        return o == null || String.valueOf(o).isEmpty() ? orElse : String.valueOf(o);
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
