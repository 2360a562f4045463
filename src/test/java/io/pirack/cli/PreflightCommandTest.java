package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PreflightCommandTest {

    private CliRun last;

    private int run(PreflightSource source, String... args) {
        last = CliRun.of(new CommandLine(new PreflightCommand(source)), args);
        return last.exitCode();
    }

    private static PreflightInputs inputs(boolean nodeReady) {
        return new PreflightInputs(List.of(), List.of(new NodeReadiness("pi1", nodeReady, nodeReady ? "" : "KubeletNotReady")),
                Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT);
    }

    @Test
    void readyExitsZeroAndPrintsTheChecklist() {
        assertEquals(0, run(cluster -> inputs(true)));
        assertTrue(last.out().startsWith("Ready for the show (6 warnings)\n"), last.out());
        assertTrue(last.out().contains("[PASS] All nodes Ready"), last.out());
    }

    @Test
    void notReadyExitsOneWithJsonListingTheFix() {
        assertEquals(1, run(cluster -> inputs(false), "--json"));
        JsonNode json = JsonMapper.builder().build().readTree(last.out());
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
        assertEquals("Cannot run the preflight: preflight is not connected to a cluster source in this build\n", last.err());
        assertEquals(2, run(PreflightSource.unavailable(), "--json"));
        assertTrue(last.out().contains("\"ready\":false"), last.out());
    }

    @Test
    void isRegisteredUnderThePirackRoot() {
        assertTrue(PiRackCommand.commandLine().getSubcommands().containsKey("preflight"));
    }
}
