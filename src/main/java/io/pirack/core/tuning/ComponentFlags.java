package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flags of the three components that decide failover timing, as one distribution's files or
 * annotations describe them.
 */
public record ComponentFlags(FlagSet controllerManager, FlagSet apiServer, FlagSet kubelet) {

    public static final String K3S_NODE_ARGS_ANNOTATION = "k3s.io/node-args";
    static final String CONTROLLER_MANAGER_KEY = "kube-controller-manager-arg";
    static final String API_SERVER_KEY = "kube-apiserver-arg";
    static final String KUBELET_KEY = "kubelet-arg";

    public static ComponentFlags none() {
        return new ComponentFlags(FlagSet.empty(), FlagSet.empty(), FlagSet.empty());
    }

    /**
     * From the {@code k3s.io/node-args} annotation, a JSON array such as
     * {@code ["server","--kube-controller-manager-arg","node-monitor-grace-period=20s"]}; also accepts
     * the {@code --kube-controller-manager-arg=node-monitor-grace-period=20s} spelling.
     */
    public static Validation<ComponentFlags> fromK3sNodeArgs(String annotation) {
        Validation<List<String>> parsed = JsonStringArray.parse(annotation);
        if (!parsed.isValid()) {
            return Validation.invalid(K3S_NODE_ARGS_ANNOTATION + " is " + parsed.message());
        }
        List<String> args = parsed.orThrow();
        List<String> controllerManager = new ArrayList<>();
        List<String> apiServer = new ArrayList<>();
        List<String> kubelet = new ArrayList<>();
        Map<String, List<String>> byKey = Map.of(
                CONTROLLER_MANAGER_KEY, controllerManager, API_SERVER_KEY, apiServer, KUBELET_KEY, kubelet);
        for (int i = 0; i < args.size(); i++) {
            String body = FlagSet.stripDashes(args.get(i));
            int eq = body.indexOf('=');
            String key = eq < 0 ? body : body.substring(0, eq);
            List<String> target = args.get(i).startsWith("--") ? byKey.get(key) : null;
            if (target == null) {
                continue;
            }
            if (eq >= 0) {
                target.add(body.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                target.add(args.get(++i));
            }
        }
        return Validation.valid(new ComponentFlags(FlagSet.fromComponentArgs(controllerManager),
                FlagSet.fromComponentArgs(apiServer), FlagSet.fromComponentArgs(kubelet)));
    }

    /**
     * From a k3s {@code config.yaml} already parsed into plain maps and lists: each of the keys
     * {@code kube-controller-manager-arg}, {@code kube-apiserver-arg}, {@code kubelet-arg} holds a list
     * of {@code name=value} strings or a single such string.
     */
    public static Validation<ComponentFlags> fromK3sConfig(Object parsedYaml) {
        if (parsedYaml == null) {
            return Validation.valid(none());
        }
        if (!(parsedYaml instanceof Map<?, ?> config)) {
            return Validation.invalid(ConfigPaths.K3S_CONFIG + " is not a map of settings");
        }
        Validation<List<String>> cm = k3sArgList(config, CONTROLLER_MANAGER_KEY);
        Validation<List<String>> api = k3sArgList(config, API_SERVER_KEY);
        Validation<List<String>> kubelet = k3sArgList(config, KUBELET_KEY);
        for (Validation<List<String>> v : List.of(cm, api, kubelet)) {
            if (!v.isValid()) {
                return Validation.invalid(v.message());
            }
        }
        return Validation.valid(new ComponentFlags(FlagSet.fromComponentArgs(cm.orThrow()),
                FlagSet.fromComponentArgs(api.orThrow()), FlagSet.fromComponentArgs(kubelet.orThrow())));
    }

    static Validation<List<String>> k3sArgList(Map<?, ?> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return Validation.valid(List.of());
        }
        if (value instanceof String s) {
            return Validation.valid(List.of(s));
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    return Validation.invalid(key + " in " + ConfigPaths.K3S_CONFIG + " has a non-text entry: " + item);
                }
                out.add(s);
            }
            return Validation.valid(out);
        }
        return Validation.invalid(key + " in " + ConfigPaths.K3S_CONFIG + " must be a list or a string, not " + value);
    }
}
