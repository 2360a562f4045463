package io.pirack.kube;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds fabric8 clients: from a kubeconfig file and context, or for a plain URL (the rehearsal
 * rack). Every problem with a kubeconfig becomes a {@link KubeconfigException} whose message says
 * what to fix — never a stack trace in the UI.
 */
public final class ClusterConnection {

    private ClusterConnection() {
    }

    /** {@code $KUBECONFIG}'s first entry, else {@code ~/.kube/config}. An app started from Finder has no $KUBECONFIG. */
    public static Path defaultKubeconfig(Map<String, String> environment, Path home) {
        String fromEnv = environment.get("KUBECONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.split(File.pathSeparator)[0]);
        }
        return home.resolve(".kube").resolve("config");
    }

    public static Path defaultKubeconfig() {
        return defaultKubeconfig(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The contexts in a kubeconfig file and the one it names as current. */
    public record Contexts(List<String> names, String current) {
    }

    public static Contexts contexts(Path kubeconfig) throws KubeconfigException {
        Config config = parse(kubeconfig);
        List<String> names = config.getContexts().stream().map(NamedContext::getName).toList();
        return new Contexts(names, config.getCurrentContext());
    }

    /** A client for one context of a kubeconfig (null context: the file's current context). */
    public static KubernetesClient fromKubeconfig(Path kubeconfig, String context) throws KubeconfigException {
        Config parsed = parse(kubeconfig);
        String chosen = context != null ? context : parsed.getCurrentContext();
        if (chosen == null || chosen.isBlank()) {
            throw new KubeconfigException(kubeconfig + " names no current context; choose one of "
                    + parsed.getContexts().stream().map(NamedContext::getName).toList());
        }
        Optional<NamedContext> named = parsed.getContexts().stream().filter(c -> chosen.equals(c.getName())).findFirst();
        if (named.isEmpty()) {
            throw new KubeconfigException("context '" + chosen + "' is not in " + kubeconfig + "; it has "
                    + parsed.getContexts().stream().map(NamedContext::getName).toList());
        }
        try {
            String contents = Files.readString(kubeconfig);
            io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(chosen, contents,
                    kubeconfig.toAbsolutePath().toString());
            tune(config);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new KubeconfigException("cannot read " + kubeconfig + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new KubeconfigException("context '" + chosen + "' in " + kubeconfig + " is unusable: "
                    + ClusterWatcher.describe(e));
        }
    }

    /** A client for an API server URL without authentication (the rehearsal rack on loopback). */
    public static KubernetesClient forUrl(String url) {
        return forUrl(url, new io.fabric8.kubernetes.client.utils.KubernetesSerialization());
    }

    /** Like {@link #forUrl(String)}, reading and writing JSON with {@code serialization} (one warmed-up mapper, issue 20). */
    public static KubernetesClient forUrl(String url, io.fabric8.kubernetes.client.utils.KubernetesSerialization serialization) {
        io.fabric8.kubernetes.client.Config config = new ConfigBuilder().withMasterUrl(url).withTrustCerts(true)
                .withNamespace("default").build();
        config.setAutoConfigure(false);
        tune(config);
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization).build();
    }

    private static void tune(io.fabric8.kubernetes.client.Config config) {
        // Reconnect watches quickly and forever: the booth must recover by itself. fabric8 doubles the
        // interval per failed attempt up to 32×, so 100 ms caps the wait at 3.2 s after an outage
        // (500 ms made a 5 s outage last ~9 s on screen) and keeps a routine watch rotation's gap short.
        config.setWatchReconnectInterval(100);
        config.setWatchReconnectLimit(-1);
        config.setConnectionTimeout(3_000);
        config.setRequestTimeout(10_000);
        config.setRequestRetryBackoffLimit(2);
    }

    private static Config parse(Path kubeconfig) throws KubeconfigException {
        if (!Files.isRegularFile(kubeconfig)) {
            throw new KubeconfigException("no kubeconfig at " + kubeconfig);
        }
        try {
            Config config = KubeConfigUtils.parseConfig(kubeconfig.toFile());
            if (config == null || config.getContexts() == null) {
                throw new KubeconfigException(kubeconfig + " is not a kubeconfig (no contexts)");
            }
            return config;
        } catch (KubeconfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KubeconfigException(kubeconfig + " is not a valid kubeconfig: " + ClusterWatcher.describe(e));
        }
    }

    /** A kubeconfig that cannot be used, with a message for the presenter. */
    public static final class KubeconfigException extends Exception {
        public KubeconfigException(String message) {
            super(message);
        }
    }
}
