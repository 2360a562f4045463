package io.pirack.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshConfigResolverTest {

    private static final Path HOME = Path.of("/home/alice");

    private static final String CONFIG = String.join("\n",
            "# the presenter's config",
            "Host rpi1",
            "    HostName 192.168.2.101",
            "    User ubuntu",
            "",
            "Host rpi? !rpi9",
            "    User pi-admin",
            "    Port 2222",
            "    IdentityFile ~/.ssh/pirack_ed25519",
            "",
            "Match host rpi3",
            "    User never-applied",
            "",
            "Host stack-*",
            "    HostName %h.local",
            "    IdentityFile=\"%d/keys/%r@%h\"",
            "",
            "Host *",
            "    User fallback",
            "    Port 22",
            "");

    private final SshConfigResolver resolver = SshConfigResolver.parse(CONFIG, HOME, "alice");

    private SshTarget resolve(PiSlot slot) {
        return resolver.resolve(slot).orThrow();
    }

    @Test
    void firstMatchingBlockWinsPerKeyword() {
        assertEquals(new SshTarget("rpi1", "192.168.2.101", 2222, "ubuntu", HOME.resolve(".ssh/pirack_ed25519")),
                resolve(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE)));
    }

    @Test
    void questionMarkMatchesOneCharacterAndNegationExcludes() {
        assertEquals(new SshTarget("rpi2", "rpi2", 2222, "pi-admin", HOME.resolve(".ssh/pirack_ed25519")),
                resolve(PiSlot.of("rpi2", NodeRole.WORKER)));
        assertEquals(new SshTarget("rpi9", "rpi9", 22, "fallback", null), resolve(PiSlot.of("rpi9", NodeRole.WORKER)));
        assertEquals("fallback", resolve(PiSlot.of("rpi10", NodeRole.WORKER)).user());
    }

    @Test
    void plannedIpIsUsedWhenTheConfigHasNoHostName() {
        assertEquals("192.168.2.102", resolve(PiSlot.of("rpi2", NodeRole.WORKER).withIp("192.168.2.102")).host());
    }

    @Test
    void tokensAreExpandedInHostNameAndIdentityFile() {
        SshTarget target = resolve(PiSlot.of("stack-a", NodeRole.WORKER));
        assertEquals("stack-a.local", target.host());
        assertEquals(Path.of("/home/alice/keys/fallback@stack-a.local"), target.identityFile());
    }

    @Test
    void whatTheRackSpecSetsBeatsTheConfig() {
        PiSlot slot = new PiSlot("rpi2", NodeRole.WORKER, null, null, "demo", 2200, "/keys/demo", null, null, 0, 0);
        assertEquals(new SshTarget("rpi2", "rpi2", 2200, "demo", Path.of("/keys/demo")), resolve(slot));
    }

    @Test
    void withoutAnyConfigTheDefaultsApply() {
        SshConfigResolver empty = SshConfigResolver.parse("", HOME, "alice");
        assertEquals(new SshTarget("rpi5", "rpi5", 22, "pi", null), empty.resolve(PiSlot.of("rpi5", NodeRole.WORKER)).orThrow());
    }

    @Test
    void missingConfigFileIsAnEmptyConfig(@TempDir Path dir) throws Exception {
        SshConfigResolver none = SshConfigResolver.load(dir.resolve("config"), HOME, "alice");
        assertEquals("pi", none.resolve(PiSlot.of("rpi5", NodeRole.WORKER)).orThrow().user());
        Files.writeString(dir.resolve("config"), "Host rpi5\n  User bob\n");
        assertEquals("bob", SshConfigResolver.load(dir.resolve("config"), HOME, "alice")
                .resolve(PiSlot.of("rpi5", NodeRole.WORKER)).orThrow().user());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Host rpi2\\n HostName evil;reboot",
            "Host rpi2\\n HostName -oProxyCommand=x",
            "Host rpi2\\n User root;id",
            "Host rpi2\\n Port 70000",
            "Host rpi2\\n Port 22x",
            "Host rpi2\\n IdentityFile ~/%C"})
    void hostileOrBrokenValuesAreRefused(String config) {
        SshConfigResolver bad = SshConfigResolver.parse(config.replace("\\n", "\n"), HOME, "alice");
        assertFalse(bad.resolve(PiSlot.of("rpi2", NodeRole.WORKER)).isValid());
    }

    @Test
    void hostileSlotNameIsRefused() {
        assertFalse(resolver.resolve(PiSlot.of("rpi2 -oProxyCommand=x", NodeRole.WORKER)).isValid());
        assertTrue(resolver.resolve(PiSlot.of("RPI2", NodeRole.WORKER)).isValid());
    }
}
