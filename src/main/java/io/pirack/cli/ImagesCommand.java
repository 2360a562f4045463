package io.pirack.cli;

import io.pirack.app.AppPaths;
import io.pirack.app.ClusterSession;
import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.images.NodePlatform;
import io.pirack.core.rack.RackSpec;
import io.pirack.images.ImageArchitectureService;
import io.pirack.images.PlatformCache;
import io.pirack.images.RegistryClient;
import io.pirack.images.RegistryTls;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code pirack images check}: do the demo's images have a build for every Pi's architecture? */
@Command(name = "images",
        mixinStandardHelpOptions = true,
        description = "Image checks for the Pis.",
        subcommands = {ImagesCommand.Check.class})
public final class ImagesCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "check",
            mixinStandardHelpOptions = true,
            description = "Ask each image's registry which platforms it has and compare them with every Pi's architecture.%n"
                    + "Exit status: 0 every image runs on every Pi, 1 an image misses a Pi (or could not be checked), 2 could not start.")
    public static final class Check implements Callable<Integer> {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @CommandLine.Mixin
        PiRackCommand.ClusterOptions cluster = new PiRackCommand.ClusterOptions();

        @Option(names = "--registry-ca", paramLabel = "FILE", description = "PEM bundle of a private registry's certificate authority.")
        Path registryCa;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Demo namespace (repeatable; default: all but kube-system, kube-public, kube-node-lease).")
        List<String> namespaces = new ArrayList<>();

        @Option(names = "--json", description = "One entry per image: platforms, the nodes it runs on, a verdict.")
        boolean json;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HttpClient http;
            try {
                SSLContext tls = registryCa == null ? null : RegistryTls.withExtraAuthority(registryCa);
                http = RegistryClient.defaultHttp(tls);
            } catch (IllegalArgumentException e) {
                err.println("pirack images check: " + e.getMessage());
                err.flush();
                return 2;
            }
            ClusterSession.Source source = cluster.sim
                    ? new ClusterSession.Rehearsal(RackSpec.rehearsal(SessionPreflightSource.SIM_PIS), SimTimings.demoTuned(), 1)
                    : new ClusterSession.Kubeconfig(cluster.kubeconfig != null ? cluster.kubeconfig : ClusterConnection.defaultKubeconfig(),
                            cluster.context, RackSpec.empty());
            ImageArchitectureService.Report report;
            try (ClusterSession session = ClusterSession.open(source)) {
                PlatformCache cache = new PlatformCache(AppPaths.detect().dataDir().resolve("image-platforms.json"));
                ImageArchitectureService service = new ImageArchitectureService(session.client(),
                        credentials -> new RegistryClient(http, RegistryClient.DEFAULT_DEADLINE, credentials, Clock.systemUTC()), cache);
                report = service.check(namespaces, List.of());
            } catch (ClusterConnection.KubeconfigException | RuntimeException e) {
                err.println("pirack images check: could not read the workloads of " + source.describe() + ": " + e.getMessage());
                err.flush();
                return 2;
            }
            if (json) {
                out.println(JSON.writeValueAsString(toJson(report)));
            } else {
                print(out, report);
            }
            out.flush();
            boolean allRun = report.verdicts().stream().allMatch(v -> v.verdict() == ImageVerdict.Verdict.ALL);
            return allRun ? 0 : 1;
        }

        static void print(PrintWriter out, ImageArchitectureService.Report report) {
            out.println("Pis: " + String.join(", ", report.nodes().stream().map(n -> n.name() + " " + n.platform()).toList()));
            if (report.verdicts().isEmpty()) {
                out.println("WARN  no demo images found (no Deployments, StatefulSets or DaemonSets outside the system namespaces)");
            }
            for (ImageVerdict v : report.verdicts()) {
                String word = switch (v.verdict()) {
                    case ALL -> v.stale() ? "WARN" : "PASS";
                    case SOME, NONE -> "FAIL";
                    case UNKNOWN -> "WARN";
                };
                out.println(String.format("%-5s %s  %s", word, v.image(), v.detail()));
                if (!v.usedBy().isEmpty()) {
                    out.println("      used by " + String.join(", ", v.usedBy()));
                }
                for (ImagePlatforms.Entry e : v.platforms()) {
                    out.println("      " + e.platform() + "  " + e.digest());
                }
                v.suggestion().ifPresent(s -> out.println("      fix: use " + s + " (it has a build for every Pi)"));
                if (v.suggestion().isEmpty() && (v.verdict() == ImageVerdict.Verdict.NONE || v.verdict() == ImageVerdict.Verdict.SOME)) {
                    out.println("      fix: use a multi-architecture tag, or build it for arm64: docker buildx build --platform linux/arm64,linux/amd64 …");
                }
            }
        }

        static Map<String, Object> toJson(ImageArchitectureService.Report report) {
            Map<String, Object> root = new LinkedHashMap<>();
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (NodePlatform n : report.nodes()) {
                nodes.add(Map.of("name", n.name(), "platform", n.platform().toString()));
            }
            root.put("nodes", nodes);
            List<Map<String, Object>> images = new ArrayList<>();
            for (ImageVerdict v : report.verdicts()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", v.image().toString());
                m.put("reference", v.image().canonical());
                m.put("verdict", switch (v.verdict()) {
                    case ALL -> "runs-on-every-pi";
                    case SOME -> "runs-on-some";
                    case NONE -> "runs-on-none";
                    case UNKNOWN -> "unknown";
                });
                m.put("usedBy", v.usedBy());
                m.put("digest", v.digest());
                m.put("platforms", v.platforms().stream().map(e -> Map.of("platform", e.platform().toString(), "digest", e.digest())).toList());
                m.put("runsOn", v.nodesWhereItRuns());
                m.put("failsOn", v.nodesWhereItFails());
                m.put("checkedAt", v.checkedAt().map(Object::toString).orElse(null));
                m.put("stale", v.stale());
                m.put("detail", v.detail());
                m.put("suggestion", v.suggestion().map(Object::toString).orElse(null));
                images.add(m);
            }
            root.put("images", images);
            return root;
        }
    }
}
