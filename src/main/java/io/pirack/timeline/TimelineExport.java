package io.pirack.timeline;

import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.Milestone;
import io.pirack.core.timeline.PodFailover;
import io.pirack.core.timeline.Prediction;
import io.pirack.core.timeline.PredictionCheck;
import io.pirack.core.timeline.RunHistory;
import io.pirack.core.timeline.RunMilestone;
import io.pirack.core.timeline.RunVerdict;
import io.pirack.core.timeline.StayingPod;
import io.pirack.core.timeline.TimelineEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports runs and timelines as JSON and CSV. Offsets are seconds from the run start with millisecond
 * precision; times are ISO-8601 UTC; server times (1 s resolution) sit beside PiRack's receive times.
 */
public final class TimelineExport {

    static final List<String> EVENT_COLUMNS = List.of("offset_s", "received_at", "server_time", "lane", "kind",
            "subject", "description");
    static final List<String> POD_COLUMNS = List.of("pod", "fate", "toleration_s", "evicted_s", "replacement",
            "replacement_node", "created_s", "scheduled_s", "running_s", "ready_s");
    static final List<String> HISTORY_COLUMNS = List.of("node", "tuning", "start", "outcome", "failure_reason",
            "to_link_loss_s", "to_not_ready_s", "to_no_execute_taint_s", "to_first_eviction_s",
            "to_first_replacement_ready_s", "to_last_replacement_ready_s", "total_s", "verdict", "staying");

    private TimelineExport() {
    }

    // ---- JSON

    public static String runJson(FailoverRun run) {
        return TimelineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(runNode(run));
    }

    /** Bumped when the JSON export's shape changes (2: verdict, staying pods, version fields). */
    public static final int FORMAT_VERSION = 2;

    /** The PiRack build that wrote an export: the jar's Implementation-Version, or "dev" from classes. */
    public static String pirackVersion() {
        String version = TimelineExport.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static String timelineJson(List<TimelineEvent> events, List<FailoverRun> runs) {
        ObjectNode root = TimelineJson.MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("pirackVersion", pirackVersion());
        Instant origin = events.isEmpty() ? null : events.get(0).receivedAt();
        ArrayNode eventArray = root.putArray("events");
        events.forEach(e -> eventArray.add(eventNode(e, origin)));
        ArrayNode runArray = root.putArray("runs");
        runs.forEach(r -> runArray.add(runNode(r)));
        return TimelineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Runs plus the medians per tuning label, for {@code pirack runs --json}. */
    public static String runsJson(List<FailoverRun> runs, RunHistory history) {
        ObjectNode root = TimelineJson.MAPPER.createObjectNode();
        ArrayNode runArray = root.putArray("runs");
        runs.forEach(r -> runArray.add(runNode(r)));
        ObjectNode medians = root.putObject("mediansByTuning");
        history.byTuning().forEach((label, stats) -> {
            ObjectNode node = medians.putObject(label);
            node.put("runs", stats.runs());
            node.put("recovered", stats.recovered());
            node.put("recoveredWithStayingPods", stats.withStaying());
            node.put("nothingToMove", stats.nothingToMove());
            node.put("toLinkLossSeconds", secondsOrNull(stats.medianToLinkLoss()));
            node.put("toNotReadySeconds", secondsOrNull(stats.medianToNotReady()));
            node.put("toNoExecuteTaintSeconds", secondsOrNull(stats.medianToNoExecuteTaint()));
            node.put("toFirstEvictionSeconds", secondsOrNull(stats.medianToFirstEviction()));
            node.put("toFirstReplacementReadySeconds", secondsOrNull(stats.medianToFirstReplacementReady()));
            node.put("toLastReplacementReadySeconds", secondsOrNull(stats.medianToLastReplacementReady()));
        });
        return TimelineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static java.math.BigDecimal secondsOrNull(Duration duration) {
        return duration == null ? null : seconds(duration);
    }

    static ObjectNode runNode(FailoverRun run) {
        ObjectNode node = TimelineJson.MAPPER.createObjectNode();
        node.put("node", run.node());
        node.put("trigger", run.trigger());
        node.put("tuning", run.settings().tuningLabel());
        node.put("start", run.start().toString());
        node.put("end", run.end() == null ? null : run.end().toString());
        node.put("outcome", run.outcome().name());
        node.put("recovered", run.recovered());
        node.put("failureReason", run.failureReason());
        node.put("phase", run.phaseText());
        RunVerdict verdict = run.verdict();
        ObjectNode verdictNode = node.putObject("verdict");
        verdictNode.put("kind", verdict.kind().name());
        verdictNode.put("ok", verdict.ok());
        verdictNode.put("headline", verdict.headline());
        verdictNode.put("summary", verdict.summary());
        ArrayNode stayingArray = node.putArray("staying");
        for (StayingPod pod : run.staying()) {
            ObjectNode p = stayingArray.addObject();
            p.put("pod", pod.pod().key());
            p.put("reason", pod.reason().name());
            p.put("fate", pod.fate() == null ? null : pod.fate().name());
            p.put("why", pod.explanation(run.node()));
        }
        ArrayNode notes = node.putArray("notes");
        run.notes().forEach(notes::add);
        ObjectNode milestones = node.putObject("milestones");
        for (RunMilestone key : RunMilestone.values()) {
            Milestone milestone = key.of(run);
            ObjectNode m = milestones.putObject(key.key());
            if (milestone == null) {
                m.putNull("offsetSeconds");
                continue;
            }
            m.put("offsetSeconds", seconds(milestone.since(run.start())));
            m.put("receivedAt", milestone.receivedAt().toString());
            m.put("serverTime", text(milestone.serverTime()));
        }
        Prediction p = run.prediction();
        ObjectNode prediction = node.putObject("prediction");
        prediction.put("basis", text(p.basis()));
        prediction.put("notReadyEarliest", text(p.notReadyEarliest()));
        prediction.put("notReadyLatest", text(p.notReadyLatest()));
        prediction.put("toleranceSeconds", p.toleranceSeconds());
        prediction.put("evictionEarliest", text(p.evictionEarliest()));
        prediction.put("evictionLatest", text(p.evictionLatest()));
        PredictionCheck.misses(run).forEach(prediction.putArray("misses")::add);
        ArrayNode pods = node.putArray("pods");
        for (PodFailover pod : run.pods()) {
            ObjectNode entry = pods.addObject();
            List<String> row = podRow(run, pod);
            for (int i = 0; i < POD_COLUMNS.size(); i++) {
                entry.put(POD_COLUMNS.get(i), row.get(i).isEmpty() ? null : row.get(i));
            }
        }
        ArrayNode events = node.putArray("events");
        run.events().forEach(e -> events.add(eventNode(e, run.start())));
        return node;
    }

    private static ObjectNode eventNode(TimelineEvent event, Instant origin) {
        ObjectNode node = TimelineJson.MAPPER.createObjectNode();
        node.put("offsetSeconds", seconds(Duration.between(origin, event.receivedAt())));
        node.put("receivedAt", event.receivedAt().toString());
        node.put("serverTime", text(event.serverTime()));
        node.put("lane", event.lane());
        node.put("kind", event.kind().name());
        node.put("subject", event.subject());
        node.put("description", event.describe());
        return node;
    }

    // ---- CSV

    /** One row per event of the run, with its offset from the run start. */
    public static String runEventsCsv(FailoverRun run) {
        return eventsCsv(run.events(), run.start());
    }

    /** The whole timeline, offsets from its first event. */
    public static String timelineCsv(List<TimelineEvent> events) {
        return eventsCsv(events, events.isEmpty() ? null : events.get(0).receivedAt());
    }

    private static String eventsCsv(List<TimelineEvent> events, Instant origin) {
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEvent e : events) {
            rows.add(List.of(seconds(Duration.between(origin, e.receivedAt())).toPlainString(),
                    e.receivedAt().toString(), e.serverTime() == null ? "" : e.serverTime().toString(),
                    e.lane(), e.kind().name(), e.subject(), e.describe()));
        }
        return csv(EVENT_COLUMNS, rows);
    }

    static final List<String> RUN_COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of("node", "start", "trigger", "tuning", "verdict", "outcome"));
        for (RunMilestone m : RunMilestone.values()) {
            columns.add(m.key() + "_s");
        }
        columns.addAll(List.of("not_ready_predicted_from_s", "not_ready_predicted_to_s", "eviction_predicted_from_s",
                "eviction_predicted_to_s", "staying"));
        RUN_COLUMNS = List.copyOf(columns);
    }

    /**
     * The CSV export's second file: one row per run with each milestone in seconds since the pull, the predicted
     * windows and the pods that stayed by design.
     */
    public static String runsCsv(List<FailoverRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (FailoverRun run : runs) {
            List<String> row = new ArrayList<>(List.of(run.node(), run.start().toString(), run.trigger(),
                    run.settings().tuningLabel(), run.verdict().kind().name(), run.verdict().summary()));
            for (RunMilestone m : RunMilestone.values()) {
                row.add(cell(run.timeTo(m.of(run))));
            }
            Prediction p = run.prediction();
            row.add(offsetCell(run, p == null ? null : p.notReadyEarliest()));
            row.add(offsetCell(run, p == null ? null : p.notReadyLatest()));
            row.add(offsetCell(run, p == null ? null : p.evictionEarliest()));
            row.add(offsetCell(run, p == null ? null : p.evictionLatest()));
            row.add(String.join("; ", run.staying().stream().map(StayingPod::shortText).toList()));
            rows.add(row);
        }
        return csv(RUN_COLUMNS, rows);
    }

    /** "pirack-timeline.csv" → "pirack-timeline.runs.csv": where {@link #runsCsv} goes next to the events. */
    public static Path runsFileFor(Path eventsCsv) {
        String name = eventsCsv.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return eventsCsv.resolveSibling(base + ".runs.csv");
    }

    private static String offsetCell(FailoverRun run, Instant at) {
        return at == null ? "" : cell(Duration.between(run.start(), at));
    }

    /** The per-pod breakdown of a run. */
    public static String runPodsCsv(FailoverRun run) {
        return csv(POD_COLUMNS, run.pods().stream().map(p -> podRow(run, p)).toList());
    }

    /** One row per run, for comparing tunings in a spreadsheet. */
    public static String historyCsv(RunHistory history) {
        List<List<String>> rows = new ArrayList<>();
        for (FailoverRun run : history.runs()) {
            var m = run.metrics();
            rows.add(List.of(run.node(), m.tuningLabel(), run.start().toString(), m.outcome().name(),
                    m.failureReason() == null ? "" : m.failureReason(), cell(m.toLinkLoss()), cell(m.toNotReady()),
                    cell(m.toNoExecuteTaint()), cell(m.toFirstEviction()), cell(m.toFirstReplacementReady()),
                    cell(m.toLastReplacementReady()), cell(m.total()), run.verdict().kind().name(),
                    String.join("; ", run.staying().stream().map(StayingPod::shortText).toList())));
        }
        return csv(HISTORY_COLUMNS, rows);
    }

    private static List<String> podRow(FailoverRun run, PodFailover pod) {
        return List.of(pod.evicted().key(), pod.fate().name(),
                pod.toleranceSeconds() == null ? "forever" : pod.toleranceSeconds().toString(),
                cell(run.timeTo(pod.marked())), pod.replacement() == null ? "" : pod.replacement().key(),
                pod.replacementNode() == null ? "" : pod.replacementNode(), cell(run.timeTo(pod.replacementCreated())),
                cell(run.timeTo(pod.replacementScheduled())), cell(run.timeTo(pod.replacementRunning())),
                cell(run.timeTo(pod.replacementReady())));
    }

    static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        appendRow(out, header);
        rows.forEach(row -> appendRow(out, row));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(csvField(row.get(i)));
        }
        out.append("\r\n"); // RFC 4180
    }

    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String cell(Duration duration) {
        return duration == null ? "" : seconds(duration).toPlainString();
    }

    private static java.math.BigDecimal seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Writes next to the target and moves into place, so a reader never sees half a file. */
    public static void write(Path target, String content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".pirack-export-", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
