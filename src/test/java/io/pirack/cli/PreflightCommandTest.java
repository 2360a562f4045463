package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PreflightCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(PreflightSource source, String... args) {
        CommandLine cli = new CommandLine(new PreflightCommand(source));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static PreflightInputs inputs(boolean nodeReady) {
        return new PreflightInputs(List.of(), List.of(new NodeReadiness("pi1", nodeReady, nodeReady ? "" : "KubeletNotReady")),
                Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT);
    }

    @Test
    void readyExitsZeroAndPrintsTheChecklist() {
        assertEquals(0, run(cluster -> inputs(true)));
        assertTrue(out.toString().startsWith("Ready for the show (6 warnings)\n"), out.toString());
        assertTrue(out.toString().contains("[PASS] All nodes Ready"), out.toString());
    }

    @Test
    void notReadyExitsOneWithJsonListingTheFix() {
        assertEquals(1, run(cluster -> inputs(false), "--json"));
        JsonNode json = JsonMapper.builder().build().readTree(out.toString());
        assertEquals(false, json.get("ready").asBoolean());
        JsonNode nodes = json.get("items").get(1);
        assertEquals("nodes", nodes.get("id").asString());
        assertEquals("FAIL", nodes.get("status").asString());
        assertTrue(nodes.get("fix").asString().startsWith("Power and cable pi1"));
    }

    @Test
    void clusterOptionsReachTheSource() {
        List<PiRackCommand.ClusterOptions> seen = new java.util.ArrayList<>();
        run(cluster -> {
            seen.add(cluster);
            return inputs(true);
        }, "--sim", "--context", "rehearsal");
        assertTrue(seen.get(0).sim);
        assertEquals("rehearsal", seen.get(0).context);
    }

    @Test
    void unavailableSourceExitsTwoWithAMessageAndNoStackTrace() {
        assertEquals(2, run(PreflightSource.unavailable()));
        assertEquals("Cannot run the preflight: preflight is not connected to a cluster source in this build\n", err.toString());
        assertEquals(2, run(PreflightSource.unavailable(), "--json"));
        assertTrue(out.toString().contains("\"ready\":false"), out.toString());
    }

    @Test
    void isRegisteredUnderThePirackRoot() {
        assertTrue(PiRackCommand.commandLine().getSubcommands().containsKey("preflight"));
    }
}
