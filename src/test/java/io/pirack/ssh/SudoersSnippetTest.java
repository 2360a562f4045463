package io.pirack.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SudoersSnippetTest {

    @Test
    void onlySudoCommandsAreListedByAbsolutePathWithSudoersSpecialCharactersEscaped() {
        String snippet = SudoersSnippet.render("pi", List.of(
                RemoteCommand.of("systemctl", "is-active", "kubelet"),
                RemoteCommand.sudo("systemctl", "stop", "kubelet"),
                RemoteCommand.sudo("systemctl", "stop", "kubelet"),
                RemoteCommand.sudo("systemd-run", "--on-active=180s", "--unit=x:y,z*")));
        assertEquals("# PiRack: let pi run exactly these commands as root without a password.\n"
                + "# Install on the Pi with: sudo visudo -f /etc/sudoers.d/pirack\n"
                + "pi ALL=(root) NOPASSWD: /usr/bin/systemctl stop kubelet, \\\n"
                + "    /usr/bin/systemd-run --on-active\\=180s --unit\\=x\\:y\\,z\\*\n", snippet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root ALL", "pi,bob", "", "ALL=(ALL)"})
    void userNamesThatCouldWidenTheRuleAreRefused(String user) {
        assertThrows(IllegalArgumentException.class,
                () -> SudoersSnippet.render(user, List.of(RemoteCommand.sudo("systemctl", "stop", "kubelet"))));
    }

    @Test
    void programsPiRackNeverRunsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SudoersSnippet.render("pi", List.of(RemoteCommand.sudo("bash", "-c", "id"))));
    }

    @Test
    void argumentsWithSpacesCannotBeWrittenAsOneSudoersWord() {
        assertThrows(IllegalArgumentException.class,
                () -> SudoersSnippet.render("pi", List.of(RemoteCommand.sudo("systemctl", "stop", "a b"))));
    }
}
