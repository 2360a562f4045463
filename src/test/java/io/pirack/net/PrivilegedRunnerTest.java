package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegedRunnerTest {

    @Test
    void osascriptExecutionErrorGivesBackTheCommandsStatusAndMessage() {
        ProcessResult result = PrivilegedRunner.commandResult(
                new ProcessResult(1, "", "0:280: execution error: cp: /etc/bootptab: Operation not permitted (1)\n", false));
        assertEquals(new ProcessResult(1, "", "cp: /etc/bootptab: Operation not permitted", false), result);
    }

    @Test
    void everyArgumentStaysItsOwnArgvItem() throws Exception {
        List<List<String>> ran = new ArrayList<>();
        PrivilegedRunner sudo = PrivilegedRunner.sudo((argv, stdin, timeout) -> {
            ran.add(argv);
            return new ProcessResult(0, "", "", false);
        }, "sudo", Duration.ofSeconds(5));
        sudo.run(List.of("/bin/sh", "-c", "echo \"$1\"", "x", "a b; rm -rf /"));
        assertEquals(List.of(List.of("sudo", "/bin/sh", "-c", "echo \"$1\"", "x", "a b; rm -rf /")), ran);
    }

    @Test
    void osascriptCancelIsRecognised() {
        PrivilegedRunner osascript = PrivilegedRunner.osascript((argv, stdin, timeout) ->
                new ProcessResult(1, "", "0:212: execution error: User canceled. (-128)\n", false), "osascript", Duration.ofSeconds(5));
        assertThrows(PrivilegeCancelledException.class, () -> osascript.run(List.of("true")));
    }
}
