package io.pirack.cli;

import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RunHistory;
import io.pirack.core.timeline.RunReport;
import io.pirack.timeline.RecordedEntry;
import io.pirack.timeline.RecordingAnalysis;
import io.pirack.timeline.RecordingFormatException;
import io.pirack.timeline.RecordingReader;
import io.pirack.timeline.TimelineExport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pirack runs --recording DIR}: the failover runs of a recording, their timings and medians. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Lists the failover runs in a recording with their timings, and the medians per tuning.")
public final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--recording", required = true, paramLabel = "PATH",
            description = "A recording folder (all its files, oldest first) or one recording file.")
    Path recording;

    @Option(names = "--node", paramLabel = "NAME", description = "Only runs of this node.")
    String node;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print the runs as JSON.")
        boolean json;

        @Option(names = "--csv", description = "Print one CSV row per run (for a spreadsheet).")
        boolean csv;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RecordedEntry> entries;
        try {
            entries = Files.isDirectory(recording) ? RecordingReader.readFolder(recording)
                    : RecordingReader.readFile(recording);
        } catch (RecordingFormatException | UncheckedIOException e) {
            err.println("pirack runs: " + e.getMessage());
            return 2;
        }
        if (entries.isEmpty()) {
            err.println("pirack runs: " + recording + " holds no recorded changes");
            return 2;
        }
        FailoverCorrelator correlator = RecordingAnalysis.analyse(entries, FailoverSettings.kubernetesDefaults());
        Instant end = RecordingAnalysis.end(entries);
        List<FailoverRun> runs = correlator.runs(end).stream()
                .filter(r -> node == null || r.node().equals(node)).toList();
        RunHistory history = new RunHistory(runs.stream().filter(r -> !r.inProgress()).toList());
        if (format.json) {
            out.println(TimelineExport.runsJson(runs, history));
        } else if (format.csv) {
            out.print(TimelineExport.historyCsv(history));
        } else {
            printText(out, runs, history);
        }
        out.flush();
        return 0;
    }

    private static void printText(PrintWriter out, List<FailoverRun> runs, RunHistory history) {
        if (runs.isEmpty()) {
            out.println("No failover runs in this recording.");
            return;
        }
        for (FailoverRun run : runs) {
            out.println(RunReport.text(run));
        }
        out.println("Medians per tuning over the runs that moved pods (recovered / runs; all Ready = the movable pods):");
        for (Map.Entry<String, RunHistory.RunStats> entry : history.byTuning().entrySet()) {
            RunHistory.RunStats stats = entry.getValue();
            out.printf(Locale.ROOT, "  %-20s %d/%d  NotReady %s  NoExecute %s  first eviction %s  all Ready %s%s%n",
                    entry.getKey(), stats.recovered(), stats.runs(), seconds(stats.medianToNotReady()),
                    seconds(stats.medianToNoExecuteTaint()), seconds(stats.medianToFirstEviction()),
                    seconds(stats.medianToLastReplacementReady()), extras(stats));
        }
    }

    /** "  (2 with pods staying by design, 1 with nothing to move)". */
    private static String extras(RunHistory.RunStats stats) {
        List<String> parts = new java.util.ArrayList<>();
        if (stats.withStaying() > 0) {
            parts.add(stats.withStaying() + " with pods staying by design");
        }
        if (stats.nothingToMove() > 0) {
            parts.add(stats.nothingToMove() + " with nothing to move, not in the medians");
        }
        return parts.isEmpty() ? "" : "  (" + String.join(", ", parts) + ")";
    }

    private static String seconds(Duration duration) {
        return duration == null ? "—" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
