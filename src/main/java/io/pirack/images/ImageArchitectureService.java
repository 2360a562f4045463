package io.pirack.images;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.images.ArchitectureCheck;
import io.pirack.core.images.ImageLookup;
import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.ImageUse;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.images.NodePlatform;
import io.pirack.core.images.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Will the demo's images run on the Pis?" — gathers every image the demo workloads use
 * (Deployments, StatefulSets, DaemonSets outside the system namespaces, plus the pre-pull list),
 * each node's platform and the images it already holds, the pull secrets the workloads name, and
 * asks each image's registry for its platforms ({@link RegistryClient}); when a registry cannot be
 * reached the last answer from the {@link PlatformCache} stands in. The verdicts themselves come
 * from {@link ArchitectureCheck} in core.
 */
public final class ImageArchitectureService {

    private static final Logger LOG = LoggerFactory.getLogger(ImageArchitectureService.class);
    static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");
    /** How many other tags of a repository are looked at when suggesting one that covers every Pi. */
    static final int MAX_SUGGESTION_LOOKUPS = 6;
    private static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)*");
    private static final Pattern ARCH_WORD = Pattern.compile("amd64|x86|x64|i386|386|windows");

    /** The result: the nodes as judged and one verdict per image, worst first. */
    public record Report(List<NodePlatform> nodes, List<ImageVerdict> verdicts) {
    }

    private final KubernetesClient client;
    private final Function<RegistryCredentials, RegistryClient> registries;
    private final PlatformCache cache;

    public ImageArchitectureService(KubernetesClient client, Function<RegistryCredentials, RegistryClient> registries, PlatformCache cache) {
        this.client = client;
        this.registries = registries;
        this.cache = cache;
    }

    /**
     * @param namespaces the demo namespaces; empty = every namespace but the system ones
     * @param extraImages images to check besides the workloads' (the pre-pull list)
     */
    public Report check(Collection<String> namespaces, Collection<String> extraImages) {
        Map<ImageReference, List<String>> uses = new LinkedHashMap<>();
        Set<String> secretRefs = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (var d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            collect(uses, secretRefs, problems, d.getMetadata().getNamespace(), d.getMetadata().getName(), "Deployment", d.getSpec().getTemplate(), namespaces);
        }
        for (var s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            collect(uses, secretRefs, problems, s.getMetadata().getNamespace(), s.getMetadata().getName(), "StatefulSet", s.getSpec().getTemplate(), namespaces);
        }
        for (var d : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
            collect(uses, secretRefs, problems, d.getMetadata().getNamespace(), d.getMetadata().getName(), "DaemonSet", d.getSpec().getTemplate(), namespaces);
        }
        for (String extra : extraImages) {
            add(uses, problems, extra, "pre-pull list");
        }
        List<NodePlatform> nodes = client.nodes().list().getItems().stream().map(ImageArchitectureService::platformOf).toList();
        RegistryClient registry = registries.apply(credentials(secretRefs));
        Map<ImageReference, ImageLookup> lookups = new LinkedHashMap<>();
        for (ImageReference image : uses.keySet()) {
            lookups.put(image, lookUp(registry, image));
        }
        List<ImageUse> useList = uses.entrySet().stream().map(e -> new ImageUse(e.getKey(), e.getValue())).toList();
        List<ImageVerdict> first = ArchitectureCheck.judge(useList, nodes, lookups, Map.of());
        Map<ImageReference, ImageReference> suggestions = new LinkedHashMap<>();
        for (ImageVerdict v : first) {
            if ((v.verdict() == ImageVerdict.Verdict.NONE || v.verdict() == ImageVerdict.Verdict.SOME) && lookups.get(v.image()) instanceof ImageLookup.Found) {
                suggestAlternative(registry, v.image(), nodes).ifPresent(s -> suggestions.put(v.image(), s));
            }
        }
        problems.forEach(p -> LOG.warn("image check: {}", p));
        return new Report(nodes, ArchitectureCheck.worstFirst(ArchitectureCheck.judge(useList, nodes, lookups, suggestions)));
    }

    private ImageLookup lookUp(RegistryClient registry, ImageReference image) {
        try {
            ImagePlatforms found = registry.platforms(image);
            cache.put(found);
            return new ImageLookup.Found(found);
        } catch (RegistryException e) {
            LOG.info("image check: {}", e.getMessage());
            return new ImageLookup.Failed(image, e.getMessage().replaceFirst("\\.$", ""), e.unreachable(),
                    e.unreachable() ? cache.get(image) : Optional.empty());
        }
    }

    /**
     * A tag of the same repository that runs on every Pi: tags carrying the same version number
     * first (1.4.2 → 1.4.2-alpine, v1.4.2), never one named for another architecture, then latest.
     */
    Optional<ImageReference> suggestAlternative(RegistryClient registry, ImageReference image, List<NodePlatform> nodes) {
        List<String> tags;
        try {
            tags = registry.tags(image);
        } catch (RegistryException e) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(image.tag());
        String version = m.find() ? m.group() : "";
        List<String> candidates = new ArrayList<>();
        for (String tag : tags) {
            if (!tag.equals(image.tag()) && !version.isEmpty() && tag.contains(version) && !ARCH_WORD.matcher(tag).find()) {
                candidates.add(tag);
            }
        }
        if (tags.contains("latest") && !image.tag().equals("latest")) {
            candidates.add("latest");
        }
        for (String tag : candidates.subList(0, Math.min(candidates.size(), MAX_SUGGESTION_LOOKUPS))) {
            ImageReference other = image.withTag(tag);
            try {
                ImagePlatforms platforms = registry.platforms(other);
                if (nodes.stream().allMatch(n -> platforms.bestFitOn(n.platform()) != Platform.Fit.NONE)) {
                    return Optional.of(other);
                }
            } catch (RegistryException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void collect(Map<ImageReference, List<String>> uses, Set<String> secretRefs, List<String> problems, String namespace, String name,
            String kind, PodTemplateSpec template, Collection<String> namespaces) {
        boolean chosen = namespaces.isEmpty() ? !SYSTEM_NAMESPACES.contains(namespace) : namespaces.contains(namespace);
        if (!chosen || template == null || template.getSpec() == null) {
            return;
        }
        List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
        if (template.getSpec().getInitContainers() != null) {
            containers.addAll(template.getSpec().getInitContainers());
        }
        for (Container c : containers) {
            add(uses, problems, c.getImage(), namespace + "/" + name + " (" + kind + ")");
        }
        String serviceAccount = Optional.ofNullable(template.getSpec().getServiceAccountName()).orElse("default");
        secretRefs.add(namespace + "/sa:" + serviceAccount);
        if (template.getSpec().getImagePullSecrets() != null) {
            for (LocalObjectReference ref : template.getSpec().getImagePullSecrets()) {
                secretRefs.add(namespace + "/" + ref.getName());
            }
        }
    }

    private static void add(Map<ImageReference, List<String>> uses, List<String> problems, String text, String who) {
        try {
            uses.computeIfAbsent(ImageReference.parse(text), k -> new ArrayList<>()).add(who);
        } catch (IllegalArgumentException e) {
            problems.add(who + ": " + e.getMessage());
        }
    }

    /** Logins from the pull secrets the workloads name (directly or through their service account). */
    private RegistryCredentials credentials(Set<String> refs) {
        RegistryCredentials credentials = RegistryCredentials.none();
        Set<String> secrets = new LinkedHashSet<>();
        for (String ref : refs) {
            int slash = ref.indexOf('/');
            String namespace = ref.substring(0, slash);
            String name = ref.substring(slash + 1);
            if (name.startsWith("sa:")) {
                try {
                    ServiceAccount sa = client.serviceAccounts().inNamespace(namespace).withName(name.substring(3)).get();
                    if (sa != null && sa.getImagePullSecrets() != null) {
                        sa.getImagePullSecrets().forEach(s -> secrets.add(namespace + "/" + s.getName()));
                    }
                } catch (KubernetesClientException e) {
                    LOG.info("image check: cannot read service account {}: {}", ref, e.getCode());
                }
            } else {
                secrets.add(ref);
            }
        }
        for (String ref : secrets) {
            int slash = ref.indexOf('/');
            try {
                Secret secret = client.secrets().inNamespace(ref.substring(0, slash)).withName(ref.substring(slash + 1)).get();
                String data = secret == null || secret.getData() == null ? null : secret.getData().get(".dockerconfigjson");
                if (data != null) {
                    credentials.addDockerConfigJson(Base64.getDecoder().decode(data.getBytes(StandardCharsets.US_ASCII)));
                }
            } catch (KubernetesClientException | IllegalArgumentException e) {
                // Reading secrets may be forbidden (PiRack's minimal role does not need it): check anonymously.
                LOG.info("image check: pull secret {} not used: {}", ref, e instanceof KubernetesClientException k ? "HTTP " + k.getCode() : e.getMessage());
            }
        }
        return credentials;
    }

    static NodePlatform platformOf(Node node) {
        Map<String, String> labels = Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
        var info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        String os = labels.getOrDefault("kubernetes.io/os", info == null ? "linux" : info.getOperatingSystem());
        String arch = labels.getOrDefault("kubernetes.io/arch", info == null ? "" : info.getArchitecture());
        Platform platform = Platform.ofNode(os, arch, info == null ? "" : info.getKernelVersion());
        Set<String> present = new LinkedHashSet<>();
        if (node.getStatus() != null && node.getStatus().getImages() != null) {
            for (ContainerImage image : node.getStatus().getImages()) {
                if (image.getNames() != null) {
                    present.addAll(image.getNames());
                }
            }
        }
        return new NodePlatform(node.getMetadata().getName(), platform, present);
    }
}
