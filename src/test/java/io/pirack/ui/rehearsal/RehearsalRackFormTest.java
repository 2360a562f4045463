package io.pirack.ui.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.settings.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class RehearsalRackFormTest {

    private static final List<String> VERSIONS = List.of("1.29", "1.30", "1.31", "1.32", "1.33", "1.34");

    @Test
    void opensOnTheRememberedRackAndTheNewestReleaseWhenNoneWasChosen() {
        RehearsalRackForm form = new RehearsalRackForm(Settings.Rehearsal.defaults(), VERSIONS);
        assertEquals("1.34", form.version());
        assertEquals(Settings.SimPreset.DEMO_TUNED, form.preset());
        assertEquals(1.0, form.timeScale());
        assertEquals(4, form.pis());
    }

    @Test
    void remembersAnOlderReleaseButKeepsNewestAsNewestSoItFollowsUpgrades() {
        RehearsalRackForm form = new RehearsalRackForm(new Settings.Rehearsal(Settings.SimPreset.DEMO_TUNED, 4, 1, "1.32"), VERSIONS);
        assertEquals("1.32", form.version());
        form.setPreset(Settings.SimPreset.KUBERNETES_DEFAULTS);
        form.setTimeScale(10);
        Settings.Rehearsal chosen = form.result();
        assertEquals(new Settings.Rehearsal(Settings.SimPreset.KUBERNETES_DEFAULTS, 4, 10, "1.32"), chosen);
        form.setVersion("1.34");
        assertNull(form.result().k8sVersion(), "the newest is stored as 'newest'");
    }

    @Test
    void refusesASpeedOrRackSizeOutOfRangeWithOneSentence() {
        RehearsalRackForm form = new RehearsalRackForm(Settings.Rehearsal.defaults(), VERSIONS);
        form.setTimeScale(0.5);
        assertEquals("Speed must be between 1× and 100×.", form.problem().orElseThrow());
        form.setTimeScale(4);
        form.setPis(17);
        assertEquals("A rehearsal rack has 1 to 16 Pis.", form.problem().orElseThrow());
        form.setPis(4);
        assertTrue(form.problem().isEmpty());
    }

    @Test
    void saysWhetherOkRestartsTheRackNowOrAppliesNextTime() {
        RehearsalRackForm form = new RehearsalRackForm(Settings.Rehearsal.defaults(), VERSIONS);
        assertTrue(form.effect(true).startsWith("OK restarts the rehearsal rack"));
        assertTrue(form.effect(false).startsWith("Used the next time"));
    }
}
