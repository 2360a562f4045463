package io.pirack.cli;

import io.pirack.core.preflight.PreflightItem;
import io.pirack.core.preflight.PreflightReport;
import io.pirack.core.preflight.Preflight;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code pirack preflight [--json]}: the "Ready for the show" checklist; exit 0 only when ready. */
@Command(name = "preflight",
        mixinStandardHelpOptions = true,
        description = "Check everything the show needs: network, API permissions, nodes, images, tolerations, dead-man restore, clocks.%n"
                + "Exit status: 0 ready, 1 not ready, 2 could not check.")
public final class PreflightCommand implements Callable<Integer> {

    public static final int READY = 0;
    public static final int NOT_READY = 1;
    public static final int CANNOT_CHECK = 2;

    /** Built on first use, not when picocli instantiates every command at start (~0.3 s of Jackson before the window). */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    @CommandLine.Mixin
    PiRackCommand.ClusterOptions cluster = new PiRackCommand.ClusterOptions();

    @Option(names = "--json", description = "Print the checklist as JSON.")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final PreflightSource source;

    /** The source picocli uses: the rehearsal rack with --sim, else the kubeconfig. */
    public PreflightCommand() {
        this(new SessionPreflightSource());
    }

    public PreflightCommand(PreflightSource source) {
        this.source = source;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PreflightReport report;
        try {
            report = Preflight.check(source.gather(cluster));
        } catch (PreflightSource.PreflightUnavailableException e) {
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(Map.of("ready", false, "error", e.getMessage())));
            } else {
                err.println("Cannot run the preflight: " + e.getMessage());
            }
            out.flush();
            err.flush();
            return CANNOT_CHECK;
        }
        out.print(json ? Json.MAPPER.writeValueAsString(toJson(report)) + "\n" : report.text());
        out.flush();
        return report.ready() ? READY : NOT_READY;
    }

    static Map<String, Object> toJson(PreflightReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ready", report.ready());
        root.put("headline", report.headline());
        List<Map<String, Object>> items = new ArrayList<>();
        for (PreflightItem item : report.items()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", item.id());
            map.put("title", item.title());
            map.put("status", item.status().name());
            map.put("detail", item.detail());
            map.put("fix", item.fix());
            items.add(map);
        }
        root.put("items", items);
        return root;
    }
}
