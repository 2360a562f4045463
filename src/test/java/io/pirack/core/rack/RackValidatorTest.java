package io.pirack.core.rack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.validate.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RackValidatorTest {

    private static RackSpec rack(int deadMan, PiSlot... slots) {
        return new RackSpec("booth", List.of(slots), "192.168.2.0/24", PlugMethod.STOP_AGENT, null, deadMan);
    }

    private static PiSlot pi(String name, String mac, String ip) {
        return PiSlot.of(name, NodeRole.WORKER).withMac(mac).withIp(ip);
    }

    private static List<String> fields(RackSpec rack) {
        return rack.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void theRehearsalRackAndAnEmptyRackHaveNoProblems() {
        assertEquals(List.of(), RackSpec.rehearsal(16).problems());
        assertEquals(List.of(), RackSpec.empty().problems());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 9, 3601})
    void aDeadManDelayOutsideTenSecondsToAnHourIsRefused(int seconds) {
        List<FieldProblem> problems = rack(seconds, pi("rpi1", null, null)).problems();
        assertEquals(List.of(new FieldProblem("deadManSeconds",
                "the dead-man delay must be 10 to 3600 seconds, not " + seconds)), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpi1;touch /tmp/x", "-rpi", "rpi1.local", "", "rpi_1", "$(reboot)"})
    void aHostnameThatIsNotOneRfc1123LabelIsRefused(String hostname) {
        assertEquals(List.of("slots[1].hostname"), fields(rack(180, pi("rpi1", null, null), pi(hostname, null, null))));
    }

    @Test
    void twoSlotsForOnePiAreRefusedNamingTheFirst() {
        List<FieldProblem> problems = rack(180, pi("rpi1", null, null), pi("rpi2", null, null), pi("RPI1", null, null)).problems();
        assertEquals(List.of(new FieldProblem("slots[2].hostname", "the hostname rpi1 is already used by slots[0]")), problems);
    }

    @Test
    void duplicateMacsAndIpsAreRefusedWhateverTheirSpelling() {
        RackSpec rack = rack(180, pi("rpi1", "dc:a6:32:01:02:03", "192.168.2.11"),
                pi("rpi2", "DC-A6-32-01-02-03", "192.168.2.11"));
        assertEquals(List.of("slots[1].mac", "slots[1].ip"), fields(rack));
    }

    @Test
    void anAddressOutsideTheBoothSubnetOrReservedInItIsRefused() {
        RackSpec rack = rack(180, pi("rpi1", null, "10.0.0.5"), pi("rpi2", null, "192.168.2.1"),
                pi("rpi3", null, "192.168.2.255"), pi("rpi4", null, "192.168.2.300"));
        List<FieldProblem> problems = rack.problems();
        assertEquals(List.of("slots[0].ip", "slots[1].ip", "slots[2].ip", "slots[3].ip"),
                problems.stream().map(FieldProblem::field).toList());
        assertTrue(problems.get(0).message().contains("outside the booth subnet 192.168.2.0/24"), problems.get(0).message());
    }

    @Test
    void aBadSubnetAndOutOfRangeNumbersAreEachNamed() {
        PiSlot odd = new PiSlot("rpi1", NodeRole.WORKER, null, null, "root;id", 70000, null, null, null, 40, 5);
        RackSpec rack = new RackSpec("booth", List.of(odd), "192.168.2.0", PlugMethod.STOP_AGENT, null, 180);
        assertEquals(List.of("subnet", "slots[0].sshUser", "slots[0].sshPort", "slots[0].usbHubPort", "slots[0].turingPiNode"),
                fields(rack));
    }
}
