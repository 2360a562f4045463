package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.EventDeriver;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TimelineExportTest {

    private final FailoverCorrelator correlator = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());

    private FailoverRun liveRun() {
        ManualTime clock = new ManualTime(T0);
        new LiveSession(new EventDeriver(correlator, clock), clock).play();
        return correlator.runs(at(100)).get(0);
    }

    @Test
    void runJsonHasOutcomeMilestonesWithBothClocksPodsAndEvents() {
        JsonNode json = TimelineJson.MAPPER.readTree(TimelineExport.runJson(liveRun()));

        assertEquals("pi2", json.get("node").asString());
        assertEquals("RECOVERED", json.get("outcome").asString());
        assertTrue(json.get("recovered").asBoolean());
        assertEquals("demo-tuned", json.get("tuning").asString());
        JsonNode notReady = json.get("milestones").get("notReady");
        assertEquals(10.4, notReady.get("offsetSeconds").asDouble(), 1e-9);
        assertEquals("2026-11-26T10:00:10.400Z", notReady.get("receivedAt").asString());
        assertEquals("2026-11-26T10:00:10Z", notReady.get("serverTime").asString());
        assertEquals(21.0, json.get("milestones").get("lastReplacementReady").get("offsetSeconds").asDouble(), 1e-9);
        assertEquals(2, json.get("pods").size());
        assertEquals("demo/web-c", json.get("pods").get(0).get("replacement").asString());
        assertEquals("REPLACED", json.get("pods").get(0).get("fate").asString());
        assertEquals("PLUG_PULLED", json.get("events").get(0).get("kind").asString());
        assertEquals(0.0, json.get("events").get(0).get("offsetSeconds").asDouble());
        assertEquals(5, json.get("prediction").get("toleranceSeconds").asInt());
    }

    @Test
    void runCsvHasAHeaderAndOneRowPerEventWithOffsets() {
        FailoverRun run = liveRun();
        String csv = TimelineExport.runEventsCsv(run);
        String[] lines = csv.split("\r\n");

        assertEquals("offset_s,received_at,server_time,lane,kind,subject,description", lines[0]);
        assertEquals(run.events().size() + 1, lines.length);
        assertTrue(lines[1].startsWith("0.000,2026-11-26T10:00:00Z,,pi2,PLUG_PULLED,pi2,"), lines[1]);
        assertTrue(csv.contains("10.400,2026-11-26T10:00:10.400Z,2026-11-26T10:00:10Z,pi2,NODE_READY_CHANGED,pi2,"));
    }

    @Test
    void podCsvAndHistoryCsvCarryThePerPodBreakdownAndTheRunMetrics() {
        FailoverRun run = liveRun();
        String[] pods = TimelineExport.runPodsCsv(run).split("\r\n");
        assertEquals(String.join(",", TimelineExport.POD_COLUMNS), pods[0]);
        assertEquals("demo/web-a,REPLACED,5,15.700,demo/web-c,pi3,15.900,16.100,19.000,19.000", pods[1]);

        String[] history = TimelineExport.historyCsv(correlator.history(at(100))).split("\r\n");
        assertEquals(2, history.length);
        assertTrue(history[1].startsWith("pi2,demo-tuned,2026-11-26T10:00:00Z,RECOVERED,,0.800,10.400,10.600,15.700,"
                + "19.000,21.000,21.000"), history[1]);
    }

    @Test
    void csvFieldsWithCommasQuotesOrNewlinesAreQuoted() {
        assertEquals("plain", TimelineExport.csvField("plain"));
        assertEquals("\"a,b\"", TimelineExport.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", TimelineExport.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", TimelineExport.csvField("two\nlines"));
        assertEquals("", TimelineExport.csvField(null));
    }

    @Test
    void wholeTimelineJsonListsEveryEventAndRun() {
        liveRun();
        JsonNode json = TimelineJson.MAPPER.readTree(TimelineExport.timelineJson(correlator.events(),
                correlator.runs(at(100))));

        assertEquals(correlator.events().size(), json.get("events").size());
        assertEquals(1, json.get("runs").size());
        assertEquals("pi1", json.get("events").get(0).get("lane").asString());
        boolean tuningOnClusterLane = false;
        for (JsonNode event : json.get("events")) {
            tuningOnClusterLane |= event.get("kind").asString().equals("TUNING_APPLIED")
                    && event.get("lane").asString().equals("cluster");
        }
        assertTrue(tuningOnClusterLane);
    }

    @Test
    void jsonCarriesItsVersionAndEachRunsVerdict() {
        liveRun();
        JsonNode json = TimelineJson.MAPPER.readTree(TimelineExport.timelineJson(correlator.events(),
                correlator.runs(at(100))));

        assertEquals(TimelineExport.FORMAT_VERSION, json.get("formatVersion").asInt());
        assertTrue(!json.get("pirackVersion").asString().isEmpty());
        assertEquals("RECOVERED", json.get("runs").get(0).get("verdict").get("kind").asString());
    }

    @Test
    void runsCsvHasOneRowPerRunWithEveryMilestoneAndThePredictedWindows() {
        FailoverRun run = liveRun();

        List<String> lines = TimelineExport.runsCsv(List.of(run)).lines().toList();

        assertEquals(2, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        List<String> row = List.of(lines.get(1).split(",", -1));
        assertEquals(header.size(), row.size());
        assertEquals(run.node(), row.get(0));
        assertEquals(TimelineExport.RUN_COLUMNS, header);
        int notReady = header.indexOf("notReady_s");
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", run.timeTo(run.notReady()).toMillis() / 1000.0),
                row.get(notReady));
        assertTrue(!row.get(header.indexOf("not_ready_predicted_from_s")).isEmpty());
        assertEquals(Path.of("out/pirack-timeline.runs.csv"), TimelineExport.runsFileFor(Path.of("out/pirack-timeline.csv")));
    }

    @Test
    void exportWritesTheWholeFileOrNothing(@TempDir Path folder) throws IOException {
        Path target = folder.resolve("exports/run.csv");
        TimelineExport.write(target, "a,b\r\n");

        assertEquals("a,b\r\n", Files.readString(target));
        assertEquals(List.of(target), Files.list(target.getParent()).toList(), "no temporary file left");
    }

    @Test
    void textReportListsEventsDurationsAndPods() {
        String report = RunReport.text(liveRun());

        assertTrue(report.startsWith("Failover of pi2: plug pulled (sim), tuning demo-tuned\nOutcome: recovered after 21.000 s\n"),
                report);
        assertTrue(report.contains("Note: API server unreachable (watch closed) for 1.0 s"), report);
        assertTrue(report.contains("  NotReady                 +10.400 s\n"), report);
        assertTrue(report.contains("  demo/web-a → demo/web-c on pi3: replaced, evicted +15.700 s, Ready +19.000 s\n"),
                report);
    }
}
