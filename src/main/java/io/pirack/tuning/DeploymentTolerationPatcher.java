package io.pirack.tuning;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pirack.core.cluster.Toleration;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.TolerationPatchPlan;
import io.pirack.core.tuning.TolerationTuning;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sets short {@code unreachable}/{@code not-ready} tolerations on a Deployment's pod template, and
 * puts the old ones back. The tolerations found before PiRack's first change are kept in an
 * annotation on the Deployment, so a revert works after the app restarts and a second tuning does
 * not overwrite the original.
 *
 * <p>Sent as a JSON Patch (RFC 6902) that replaces the whole list. Not a JSON merge patch: the
 * rehearsal rack's CRUD API server merges such patches with Jackson, which appends to lists instead
 * of replacing them (a real API server replaces them); JSON Patch behaves the same on both. No
 * {@code test} operation guards it: status updates bump the resourceVersion every few seconds, and
 * the CRUD server answers a failed test with no response at all. {@link #apply} re-reads the
 * tolerations instead.
 */
public final class DeploymentTolerationPatcher {

    public static final String PREVIOUS_TOLERATIONS_ANNOTATION = "pirack.io/previous-tolerations";
    private static final String TOLERATIONS_PATH = "/spec/template/spec/tolerations";
    /** JSON Pointer escapes "/" in a key as "~1". */
    private static final String ANNOTATION_PATH = "/metadata/annotations/" + PREVIOUS_TOLERATIONS_ANNOTATION.replace("/", "~1");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };

    private final KubernetesClient client;

    public DeploymentTolerationPatcher(KubernetesClient client) {
        this.client = client;
    }

    /** The Deployment's pod-template tolerations, for predictions and the preflight. */
    public DemoWorkload demoWorkload(String namespace, String name) throws ConfigEditException {
        return new DemoWorkload(namespace, name, tolerations(read(namespace, name)));
    }

    /** Reads the Deployment and computes the change; nothing is written. */
    public TolerationPatchPlan prepare(String namespace, String name, long seconds) throws ConfigEditException {
        Deployment deployment = read(namespace, name);
        List<Toleration> before = tolerations(deployment);
        Validation<List<Toleration>> after = TolerationTuning.tuned(before, seconds);
        if (!after.isValid()) {
            throw new ConfigEditException(after.message());
        }
        List<Map<String, Object>> ops = new ArrayList<>(replaceTolerations(before, after.orThrow()));
        if (!annotations(deployment).containsKey(PREVIOUS_TOLERATIONS_ANNOTATION)) {
            String original = JSON.writeValueAsString(toMaps(before));
            // With no annotations the map may be absent on the server, and a member cannot be added to it.
            ops.add(annotations(deployment).isEmpty()
                    ? op("add", "/metadata/annotations", Map.of(PREVIOUS_TOLERATIONS_ANNOTATION, original))
                    : op("add", ANNOTATION_PATH, original));
        }
        return plan(namespace, name, before, after.orThrow(), ops, TolerationTuning.warnings(after.orThrow()));
    }

    /** The change that restores the tolerations recorded before PiRack's first change. */
    public TolerationPatchPlan prepareRevert(String namespace, String name) throws ConfigEditException {
        Deployment deployment = read(namespace, name);
        String recorded = annotations(deployment).get(PREVIOUS_TOLERATIONS_ANNOTATION);
        if (recorded == null) {
            throw new ConfigEditException("Deployment " + namespace + "/" + name + " has no tolerations recorded by PiRack;"
                    + " there is nothing to revert.");
        }
        List<Toleration> previous;
        try {
            previous = fromMaps(JSON.readValue(recorded, LIST_OF_MAPS));
        } catch (JacksonException | ClassCastException e) {
            throw new ConfigEditException("The annotation " + PREVIOUS_TOLERATIONS_ANNOTATION + " on " + namespace + "/" + name
                    + " is damaged; restore the tolerations by hand.");
        }
        List<Toleration> before = tolerations(deployment);
        List<Map<String, Object>> ops = new ArrayList<>(replaceTolerations(before, previous));
        ops.add(op("remove", ANNOTATION_PATH, null));
        return plan(namespace, name, before, previous, ops, List.of());
    }

    /**
     * Sends the patch; refuses if the tolerations changed since the plan was made. One read (that check)
     * and one PATCH: on the Deployment just read, since fabric8's {@code withName(…).patch(…)} GETs it again.
     */
    public void apply(TolerationPatchPlan plan) throws ConfigEditException {
        Deployment current = read(plan.namespace(), plan.deployment());
        if (!tolerations(current).equals(plan.before())) {
            throw new ConfigEditException("The tolerations of Deployment " + plan.namespace() + "/" + plan.deployment()
                    + " changed since PiRack read them; look at the new diff and retry.");
        }
        try {
            client.resource(current).patch(PatchContext.of(PatchType.JSON), plan.jsonPatch());
        } catch (KubernetesClientException e) {
            throw new ConfigEditException("Could not change Deployment " + plan.namespace() + "/" + plan.deployment()
                    + ": " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()), e);
        }
    }

    private Deployment read(String namespace, String name) throws ConfigEditException {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            throw new ConfigEditException("Deployment " + namespace + "/" + name + " does not exist.");
        }
        return deployment;
    }

    private static List<Map<String, Object>> replaceTolerations(List<Toleration> before, List<Toleration> after) {
        if (!after.isEmpty()) {
            // "add" on an existing member replaces it: the list is written whole.
            return List.of(op("add", TOLERATIONS_PATH, toMaps(after)));
        }
        return before.isEmpty() ? List.of() : List.of(op("remove", TOLERATIONS_PATH, null));
    }

    private static TolerationPatchPlan plan(String namespace, String name, List<Toleration> before, List<Toleration> after,
            List<Map<String, Object>> ops, List<String> warnings) {
        String diff = TolerationTuning.diff(namespace + "/" + name, before, after);
        return new TolerationPatchPlan(namespace, name, before, after, diff, JSON.writeValueAsString(ops), warnings);
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("op", op);
        map.put("path", path);
        if (value != null) {
            map.put("value", value);
        }
        return map;
    }

    private static Map<String, String> annotations(Deployment deployment) {
        return Optional.ofNullable(deployment.getMetadata().getAnnotations()).orElse(Map.of());
    }

    static List<Toleration> tolerations(Deployment deployment) {
        PodSpec spec = deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                ? null : deployment.getSpec().getTemplate().getSpec();
        if (spec == null || spec.getTolerations() == null) {
            return List.of();
        }
        return spec.getTolerations().stream()
                .map(t -> new Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect(), t.getTolerationSeconds()))
                .toList();
    }

    static List<Map<String, Object>> toMaps(List<Toleration> tolerations) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Toleration t : tolerations) {
            Map<String, Object> map = new LinkedHashMap<>();
            putIfPresent(map, "key", t.key());
            putIfPresent(map, "operator", t.operator());
            putIfPresent(map, "value", t.value());
            putIfPresent(map, "effect", t.effect());
            putIfPresent(map, "tolerationSeconds", t.seconds());
            out.add(map);
        }
        return out;
    }

    static List<Toleration> fromMaps(List<Map<String, Object>> maps) {
        return maps.stream().map(m -> new Toleration((String) m.get("key"), (String) m.get("operator"),
                (String) m.get("value"), (String) m.get("effect"),
                m.get("tolerationSeconds") == null ? null : ((Number) m.get("tolerationSeconds")).longValue())).toList();
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
